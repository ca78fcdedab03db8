// Tasks the cell assigns to a member (nhiệm vụ chi bộ giao): given by whoever approves the
// member's registrations, with a target and a deadline like a registered action, shown to the
// member beside their own actions. Assigning and withdrawing are audited.
import { sql } from 'kysely';
import type { ActionItem } from '$lib/domain/registration/content';
import { ok, refuse, type Result } from '$lib/domain/result';
import { auditCtx, type Ctx, type MemberHandle, type ScopedMember } from '../access/guard';
import { registrationReviewRight } from '../access/policy';
import { loadReviewFacts } from '../access/review-facts';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { findCurrentCell } from '../members/read';

export type TaskItem = Omit<ActionItem, 'key'>;

export interface AssignedTask {
	id: number;
	task: TaskItem;
	assigned_by: string | null;
	assigned_at: Date;
}

/** The member's tasks in force for the year, oldest first. */
export async function listTasks(
	db: Db,
	member: MemberHandle,
	yearId: number
): Promise<AssignedTask[]> {
	const rows = await db
		.selectFrom('assigned_tasks as t')
		.leftJoin('accounts as a', 'a.id', 't.assigned_by_account_id')
		.select(['t.id', 't.task', 'a.display_name as assigned_by', 't.assigned_at'])
		.where('t.member_id', '=', member.id)
		.where('t.year_id', '=', yearId)
		.where('t.withdrawn_at', 'is', null)
		.orderBy('t.id')
		.execute();
	return rows.map((r) => ({ ...r, task: r.task as unknown as TaskItem }));
}

/** `not_found`: the actor may not give this member tasks (told nobody); `year_closed`. */
export type TaskProblem = 'not_found' | 'year_closed';

/** Whoever approves the member's registrations gives them tasks (never to themselves). */
export async function mayAssignTasks(ctx: Ctx, member: ScopedMember): Promise<boolean> {
	const facts = await loadReviewFacts(ctx.db, member);
	return facts !== undefined && registrationReviewRight(ctx.actor, facts) === 'may';
}

export async function assignTask(
	ctx: Ctx,
	member: ScopedMember,
	year: { id: number; status: string },
	action: ActionItem
): Promise<Result<number, TaskProblem>> {
	if (!(await mayAssignTasks(ctx, member))) return refuse('not_found');
	if (year.status !== 'open') return refuse('year_closed');
	const cell = await findCurrentCell(ctx.db, member.id);
	if (!cell) return refuse('not_found');
	const { key: _key, ...task } = action;
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('assigned_tasks')
				.values({
					member_id: member.id,
					year_id: year.id,
					unit_id: cell.id,
					task: JSON.stringify(task),
					assigned_by_account_id: ctx.actor.accountId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit.record(trx, auditCtx(ctx), {
				action: 'task.assigned',
				entityType: 'assigned_task',
				entityId: row.id,
				unitPath: cell.path,
				changes: { title: [null, task.title] }
			});
			return ok(row.id);
		});
	} catch (err) {
		if (constraintOf(err) === 'assigned_tasks_year_open_check') return refuse('year_closed');
		throw err;
	}
}

export async function withdrawTask(
	ctx: Ctx,
	member: ScopedMember,
	taskId: number
): Promise<Result<undefined, TaskProblem>> {
	if (!(await mayAssignTasks(ctx, member))) return refuse('not_found');
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			const done = await trx
				.updateTable('assigned_tasks as t')
				.from('org_units as u')
				.set({ withdrawn_at: sql<Date>`now()` })
				.whereRef('u.id', '=', 't.unit_id')
				.where('t.id', '=', taskId)
				.where('t.member_id', '=', member.id)
				.where('t.withdrawn_at', 'is', null)
				.returning('u.path')
				.executeTakeFirst();
			if (!done) return refuse('not_found');
			// Under the cell the task was given in, whose committee follows it.
			await audit.record(trx, auditCtx(ctx), {
				action: 'task.withdrawn',
				entityType: 'assigned_task',
				entityId: taskId,
				unitPath: done.path
			});
			return ok();
		});
	} catch (err) {
		if (constraintOf(err) === 'assigned_tasks_year_open_check') return refuse('year_closed');
		throw err;
	}
}

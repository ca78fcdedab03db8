// Changing member records: edits and transfers, each one transaction with its audit rows.
import type { z } from 'zod';
import { ok, refuse, type Result } from '$lib/domain/result';
import { CELL_KINDS } from '$lib/domain/roles';
import type { memberSchema } from '$lib/schemas/member';
import { auditCtx, type Ctx, type ScopedMember, type ScopedUnit } from '../access/guard';
import { can } from '../access/actor';
import * as audit from '../audit/log';
import { constraintOf } from '../db/errors';
import { endRolesLeftBehind, roleEndedEntries } from '../roles/end';
import { MEMBER_FIELDS } from './read';

export type MemberInput = z.output<typeof memberSchema>;

export async function updateMember(
	ctx: Ctx,
	member: ScopedMember,
	input: MemberInput
): Promise<Result<'saved' | 'unchanged', 'card_taken'>> {
	try {
		return ok(await writeMember(ctx, member, input));
	} catch (err) {
		if (constraintOf(err) === 'members_card_no_key')
			return refuse('card_taken', { field: 'card_no' });
		throw err;
	}
}

async function writeMember(
	ctx: Ctx,
	member: ScopedMember,
	input: MemberInput
): Promise<'saved' | 'unchanged'> {
	return ctx.db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('members')
			.select(MEMBER_FIELDS)
			.where('id', '=', member.id)
			.forUpdate()
			.executeTakeFirstOrThrow();
		const changes = audit.diff(before, input);
		if (!changes) return 'unchanged';
		await trx.updateTable('members').set(input).where('id', '=', member.id).execute();
		await audit.record(trx, auditCtx(ctx), {
			action: 'member.updated',
			entityType: 'member',
			entityId: member.id,
			unitPath: member.unitPath,
			changes
		});
		return 'saved';
	});
}

/** `date_before_start` carries `detail.startedOn`, the day the current membership began. */
export type TransferProblem =
	'no_current' | 'same_cell' | 'date_before_start' | 'target_out_of_scope' | 'target_dissolved';
type Transferred = Result<undefined, TransferProblem>;

/**
 * Closes the open membership at `date` and opens one in the target cell from the same date; roles
 * the member held in units that do not contain the new cell end on that date.
 */
export async function transferMember(
	ctx: Ctx,
	member: ScopedMember,
	target: ScopedUnit,
	date: string
): Promise<Transferred> {
	try {
		return await moveMembership(ctx, member.id, target, date);
	} catch (err) {
		// moveMembership checks under a lock; should the membership trigger still refuse the
		// dissolved cell, the person gets the same field message, not an error page.
		if (constraintOf(err) !== 'memberships_unit_active_check') throw err;
		return refuse('target_dissolved', { field: 'to_unit_id' });
	}
}

async function moveMembership(
	ctx: Ctx,
	memberId: number,
	target: ScopedUnit,
	date: string
): Promise<Transferred> {
	const onTarget = { field: 'to_unit_id' };
	return ctx.db.transaction().execute(async (trx): Promise<Transferred> => {
		// A share lock: a dissolution of the cell waits for this transfer and then counts the member,
		// or commits first and is seen here (instead of the membership trigger's 500).
		const cell = await trx
			.selectFrom('org_units')
			.select(['path', 'kind', 'dissolved_on'])
			.where('id', '=', target.id)
			.forShare()
			.executeTakeFirst();
		if (!cell || !CELL_KINDS.includes(cell.kind) || !can(ctx.actor, 'member.manage', cell.path))
			return refuse('target_out_of_scope', onTarget);
		if (cell.dissolved_on) return refuse('target_dissolved', onTarget);
		const current = await trx
			.selectFrom('memberships as ms')
			.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
			.select(['ms.id', 'ms.unit_id', 'ms.started_on', 'u.path'])
			.where('ms.member_id', '=', memberId)
			.where('ms.ended_on', 'is', null)
			.forUpdate('ms')
			.executeTakeFirst();
		if (!current) return refuse('no_current', onTarget);
		if (!can(ctx.actor, 'member.manage', current.path))
			return refuse('target_out_of_scope', onTarget);
		if (current.unit_id === target.id) return refuse('same_cell', onTarget);
		if (date <= current.started_on)
			return refuse('date_before_start', {
				field: 'date',
				detail: { startedOn: current.started_on }
			});
		await trx
			.updateTable('memberships')
			.set({ ended_on: date, end_reason: 'transfer' })
			.where('id', '=', current.id)
			.execute();
		const opened = await trx
			.insertInto('memberships')
			.values({ member_id: memberId, unit_id: target.id, started_on: date })
			.returning('id')
			.executeTakeFirstOrThrow();
		const ended = await endRolesLeftBehind(trx, [{ memberId, cellId: target.id }], date);
		await audit.recordMany(trx, auditCtx(ctx), [
			{
				action: 'membership.ended',
				entityType: 'membership',
				entityId: current.id,
				unitPath: current.path,
				changes: { ended_on: [null, date], end_reason: [null, 'transfer'] }
			},
			{
				action: 'membership.started',
				entityType: 'membership',
				entityId: opened.id,
				unitPath: cell.path,
				changes: {
					member_id: [null, memberId],
					unit_id: [current.unit_id, target.id],
					started_on: [null, date]
				}
			},
			...roleEndedEntries(ended)
		]);
		return ok();
	});
}

// Changing member records: edits and transfers, each one transaction with its audit rows.
import type { z } from 'zod';
import type { memberSchema } from '$lib/schemas/member';
import { auditCtx, type Ctx } from '../access/guard';
import { can } from '../access/actor';
import * as audit from '../audit/log';
import { MEMBER_FIELDS } from './read';

export type MemberInput = z.output<typeof memberSchema>;

export async function updateMember(
	ctx: Ctx,
	member: { id: number; unitPath: string | null },
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

export type TransferProblem =
	'no_current' | 'same_cell' | { startedOn: string } | 'target_out_of_scope';

/** Closes the open membership at `date` and opens one in the target cell from the same date. */
export async function transferMember(
	ctx: Ctx,
	memberId: number,
	target: { id: number; path: string; kind: string },
	date: string
): Promise<TransferProblem | undefined> {
	if (
		!['cell', 'grassroots_cell'].includes(target.kind) ||
		!can(ctx.actor, 'member.manage', target.path)
	)
		return 'target_out_of_scope';
	return ctx.db.transaction().execute(async (trx) => {
		const current = await trx
			.selectFrom('memberships as ms')
			.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
			.select(['ms.id', 'ms.unit_id', 'ms.started_on', 'u.path'])
			.where('ms.member_id', '=', memberId)
			.where('ms.ended_on', 'is', null)
			.forUpdate('ms')
			.executeTakeFirst();
		if (!current) return 'no_current';
		if (!can(ctx.actor, 'member.manage', current.path)) return 'target_out_of_scope';
		if (current.unit_id === target.id) return 'same_cell';
		if (date <= current.started_on) return { startedOn: current.started_on };
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
				unitPath: target.path,
				changes: {
					member_id: [null, memberId],
					unit_id: [current.unit_id, target.id],
					started_on: [null, date]
				}
			}
		]);
		return undefined;
	});
}

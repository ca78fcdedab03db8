// Assigning and ending roles in a unit. A role is given from above: by whoever manages roles over a
// strict ancestor of the unit, or by the organization department (which administers the bloc).
import { sql } from 'kysely';
import { ok, refuse, type Result } from '$lib/domain/result';
import { roleFitsUnit, type UnitRole } from '$lib/domain/roles';
import { can } from '../access/actor';
import { auditCtx, type Ctx, type ScopedUnit } from '../access/guard';
import { mayAssignRolesAt } from '../access/policy';
import * as audit from '../audit/log';
import { constraintOf } from '../db/errors';

export type AssignProblem = 'not_found' | 'role_unfit' | 'member_not_found' | 'self' | 'duplicate';
type AssignInput = { role: UnitRole; card_no: string; started_on: string };

export async function assignRole(
	ctx: Ctx,
	unit: ScopedUnit,
	input: AssignInput
): Promise<Result<undefined, AssignProblem>> {
	if (!mayAssignRolesAt(ctx.actor, unit.path) || unit.dissolved_on) return refuse('not_found');
	if (!roleFitsUnit(input.role, unit.kind)) return refuse('role_unfit', { field: 'role' });
	try {
		return await insertAssignment(ctx, unit, input);
	} catch (err) {
		// Two identical assignments at once both pass the check below; the unique index lets one in.
		if (constraintOf(err) === 'role_assignments_current_key')
			return refuse('duplicate', { field: 'card_no' });
		throw err;
	}
}

async function insertAssignment(
	ctx: Ctx,
	unit: ScopedUnit,
	input: AssignInput
): Promise<Result<undefined, AssignProblem>> {
	return ctx.db.transaction().execute(async (trx) => {
		// The person must be a member whose current cell lies inside the unit, with an account.
		const person = await trx
			.selectFrom('members as m')
			.innerJoin('accounts as a', 'a.member_id', 'm.id')
			.innerJoin('memberships as ms', (j) =>
				j.onRef('ms.member_id', '=', 'm.id').on('ms.ended_on', 'is', null)
			)
			.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
			.select(['a.id as account_id', 'm.id as member_id', 'u.path'])
			.where('m.card_no', '=', input.card_no)
			.where('u.path', 'like', `${unit.path}%`)
			.executeTakeFirst();
		if (!person || !can(ctx.actor, 'member.read', person.path))
			return refuse('member_not_found', { field: 'card_no' });
		// A post gives powers over others: nobody grants one to themselves.
		if (person.account_id === ctx.actor.accountId) return refuse('self', { field: 'card_no' });
		const existing = await trx
			.selectFrom('role_assignments')
			.select('id')
			.where('account_id', '=', person.account_id)
			.where('unit_id', '=', unit.id)
			.where('role', '=', input.role)
			.where('ended_on', 'is', null)
			.executeTakeFirst();
		if (existing) return refuse('duplicate', { field: 'card_no' });
		const row = await trx
			.insertInto('role_assignments')
			.values({
				account_id: person.account_id,
				role: input.role,
				unit_id: unit.id,
				started_on: input.started_on
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit.record(trx, auditCtx(ctx), {
			action: 'role.assigned',
			entityType: 'role_assignment',
			entityId: row.id,
			unitPath: unit.path,
			changes: {
				account_id: [null, person.account_id],
				role: [null, input.role],
				started_on: [null, input.started_on]
			}
		});
		return ok();
	});
}

export async function endRole(
	ctx: Ctx,
	unit: ScopedUnit,
	assignmentId: number
): Promise<Result<undefined, 'not_found'>> {
	if (!mayAssignRolesAt(ctx.actor, unit.path)) return refuse('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('role_assignments')
			.set({ ended_on: sql<string>`greatest(current_date, started_on)` })
			.where('id', '=', assignmentId)
			.where('unit_id', '=', unit.id)
			.where('ended_on', 'is', null)
			.returning(['id', 'ended_on', 'account_id', 'role'])
			.executeTakeFirst();
		if (!row) return refuse('not_found');
		await audit.record(trx, auditCtx(ctx), {
			action: 'role.ended',
			entityType: 'role_assignment',
			entityId: row.id,
			unitPath: unit.path,
			changes: { ended_on: [null, row.ended_on] }
		});
		return ok();
	});
}

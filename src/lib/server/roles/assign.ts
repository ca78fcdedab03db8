// Assigning and ending roles in a unit. A role is given from above: by whoever manages roles over a
// strict ancestor of the unit, or by the organization department (which administers the bloc).
import { sql } from 'kysely';
import { roleFitsUnit, type UnitKind, type UnitRole } from '$lib/domain/roles';
import { can } from '../access/actor';
import { auditCtx, type Ctx, type ScopedUnit } from '../access/guard';
import * as audit from '../audit/log';
import { constraintOf } from '../db/errors';

export function canAssignAt(ctx: Ctx, unitPath: string): boolean {
	return ctx.actor.grants.some(
		(g) =>
			(g.role === 'organization_department' && unitPath.startsWith(g.unitPath)) ||
			(g.role === 'grassroots_committee_member' &&
				unitPath.startsWith(g.unitPath) &&
				unitPath !== g.unitPath)
	);
}

export type AssignProblem = 'not_allowed' | 'role_unfit' | 'member_not_found' | 'duplicate';
type AssignInput = { role: UnitRole; card_no: string; started_on: string };

export async function assignRole(
	ctx: Ctx,
	unit: ScopedUnit,
	input: AssignInput
): Promise<AssignProblem | undefined> {
	if (!canAssignAt(ctx, unit.path) || unit.dissolved_on) return 'not_allowed';
	if (!roleFitsUnit(input.role, unit.kind as UnitKind)) return 'role_unfit';
	try {
		return await insertAssignment(ctx, unit, input);
	} catch (err) {
		// Two identical assignments at once both pass the check below; the unique index lets one in.
		if (constraintOf(err) === 'role_assignments_current_key') return 'duplicate';
		throw err;
	}
}

async function insertAssignment(
	ctx: Ctx,
	unit: ScopedUnit,
	input: AssignInput
): Promise<AssignProblem | undefined> {
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
		if (!person || !can(ctx.actor, 'member.read', person.path)) return 'member_not_found';
		const existing = await trx
			.selectFrom('role_assignments')
			.select('id')
			.where('account_id', '=', person.account_id)
			.where('unit_id', '=', unit.id)
			.where('role', '=', input.role)
			.where('ended_on', 'is', null)
			.executeTakeFirst();
		if (existing) return 'duplicate';
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
		return undefined;
	});
}

export async function endRole(
	ctx: Ctx,
	unit: ScopedUnit,
	assignmentId: number
): Promise<'not_allowed' | 'not_found' | undefined> {
	if (!canAssignAt(ctx, unit.path)) return 'not_allowed';
	return ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.updateTable('role_assignments')
			.set({ ended_on: sql<string>`greatest(current_date, started_on)` })
			.where('id', '=', assignmentId)
			.where('unit_id', '=', unit.id)
			.where('ended_on', 'is', null)
			.returning(['id', 'ended_on', 'account_id', 'role'])
			.executeTakeFirst();
		if (!row) return 'not_found';
		await audit.record(trx, auditCtx(ctx), {
			action: 'role.ended',
			entityType: 'role_assignment',
			entityId: row.id,
			unitPath: unit.path,
			changes: { ended_on: [null, row.ended_on] }
		});
		return undefined;
	});
}

// Roles that end as a consequence of something else: a person moving to another cell, a unit
// closing. Set-based, inside the caller's transaction; the caller writes the audit rows.
import { sql } from 'kysely';
import type { AuditEntry } from '../audit/log';
import type { Db } from '../db/connect';
import { unnest } from '../db/bulk';

export interface EndedRole {
	id: number;
	unit_id: number;
	unit_path: string;
	ended_on: string;
}

export interface Move {
	memberId: number;
	/** The cell the member belongs to from now on (its path is read here, after any tree change). */
	cellId: number;
}

// Both return the ended roles in id order, so their audit rows come in a stable order.

/**
 * Ends the roles a moved member held in units that do not contain their new cell. A role is given
 * only to someone whose cell lies inside the unit (roles/assign.ts), so a secretary moved away
 * stops reading the old cell, while a committee role survives a move within the committee.
 * Bloc roles are posts in the bloc's apparatus, not duties tied to one's cell, and stay.
 * A role that starts after the move ends on its first day (role_assignments_dates_check).
 */
export async function endRolesLeftBehind(
	db: Db,
	moves: Move[],
	date: string
): Promise<EndedRole[]> {
	if (moves.length === 0) return [];
	const v = unnest({
		member_id: ['int', moves.map((m) => m.memberId)],
		cell_id: ['int', moves.map((m) => m.cellId)]
	});
	const { rows } = await sql<EndedRole>`
		with ended as (
			update role_assignments as r
			set ended_on = greatest(${date}::date, r.started_on)
			from ${v}
				join accounts a on a.member_id = v.member_id
				join org_units c on c.id = v.cell_id,
				org_units u
			where r.account_id = a.id and u.id = r.unit_id and r.ended_on is null
				and u.kind <> 'bloc' and not starts_with(c.path, u.path)
			returning r.id, r.unit_id, u.path as unit_path, r.ended_on
		)
		select * from ended order by id`.execute(db);
	return rows;
}

/** Ends every open role in a unit that closes (dissolved or merged). */
export async function endRolesOfUnit(db: Db, unitId: number): Promise<EndedRole[]> {
	const { rows } = await sql<EndedRole>`
		with ended as (
			update role_assignments as r
			set ended_on = greatest(current_date, r.started_on)
			from org_units u
			where u.id = r.unit_id and r.unit_id = ${unitId} and r.ended_on is null
			returning r.id, r.unit_id, u.path as unit_path, r.ended_on
		)
		select * from ended order by id`.execute(db);
	return rows;
}

export function roleEndedEntries(rows: EndedRole[]): AuditEntry[] {
	return rows.map((r) => ({
		action: 'role.ended',
		entityType: 'role_assignment',
		entityId: r.id,
		unitPath: r.unit_path,
		changes: { ended_on: [null, r.ended_on] }
	}));
}

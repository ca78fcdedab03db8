// Units, members and roles added to the test tree (helpers/tree.ts) directly, and what the tests
// of the members, roles and tree modules read back: unit rows, role end dates, audit rows.
import { sql } from 'kysely';
import type { Role, UnitKind } from '$lib/domain/roles';
import type { ScopedMember, ScopedUnit } from '$lib/server/access/guard';
import type { Db } from '$lib/server/db/connect';
import { cleared } from './scoped';

const UNIT_COLUMNS = ['id', 'path', 'kind', 'name', 'code', 'parent_id', 'dissolved_on'] as const;

/** The unit as it is now, cleared as requireUnit would hand it over. */
export const unitRow = (db: Db, id: number): Promise<ScopedUnit> =>
	db
		.selectFrom('org_units')
		.select(UNIT_COLUMNS)
		.where('id', '=', id)
		.executeTakeFirstOrThrow()
		.then(cleared);

export const insertUnit = (
	db: Db,
	code: string,
	kind: UnitKind,
	parentId: number
): Promise<ScopedUnit> =>
	db
		.insertInto('org_units')
		.values({ code, kind, name: `Đơn vị ${code}`, parent_id: parentId })
		.returning(UNIT_COLUMNS)
		.executeTakeFirstOrThrow()
		.then(cleared);

/** A member filed in `unit`, as requireMember hands it to the area modules. */
export const memberIn = (id: number, unit: { path: string }): ScopedMember =>
	cleared({ id, unitPath: unit.path, isSelf: false });

/** A member with an account and a membership in `cellId` since 2024-01-01. */
export async function newMember(
	db: Db,
	card: string,
	cellId: number
): Promise<{ id: number; account: number }> {
	const m = await db
		.insertInto('members')
		.values({ card_no: card, full_name: `Đảng viên ${card}` })
		.returning('id')
		.executeTakeFirstOrThrow();
	await db
		.insertInto('memberships')
		.values({ member_id: m.id, unit_id: cellId, started_on: '2024-01-01' })
		.execute();
	const a = await db
		.insertInto('accounts')
		.values({ member_id: m.id, login: card, display_name: `Đảng viên ${card}` })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: m.id, account: a.id };
}

/** A role written directly (no rule checked); its assignment id. */
export async function grant(
	db: Db,
	accountId: number,
	role: Role,
	unitId: number,
	startedOn = '2024-01-01'
): Promise<number> {
	const row = await db
		.insertInto('role_assignments')
		.values({ account_id: accountId, role, unit_id: unitId, started_on: startedOn })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

/** Role assignment id → the day it ended (null while it runs). */
export async function endedOn(db: Db, ids: number[]): Promise<Record<number, string | null>> {
	const rows = await db
		.selectFrom('role_assignments')
		.select(['id', 'ended_on'])
		.where('id', 'in', ids)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.id, r.ended_on]));
}

export const auditOf = (db: Db, action: string) =>
	db
		.selectFrom('audit_log')
		.select(['entity_id', 'unit_path', 'changes', 'actor_account_id'])
		.where('action', '=', action)
		.orderBy('id')
		.execute();

/** True once another session of this database waits for a lock (PostgreSQL only). */
export async function someoneWaitsForALock(db: Db, timeoutMs = 3000): Promise<boolean> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const r = await sql<{ n: number }>`
			select count(*)::int as n from pg_stat_activity
			where datname = current_database() and wait_event_type = 'Lock'`.execute(db);
		if (r.rows[0].n > 0) return true;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return false;
}

/** Whether tests that need two sessions at once can run: PGlite has a single connection. */
export const onServer = Boolean(process.env.TEST_DATABASE_URL);

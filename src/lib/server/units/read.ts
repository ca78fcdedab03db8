// Reading the organization tree for an actor. Counts are set-based: one grouped scan of a subtree.
import type { UnitKind } from '$lib/domain/roles';
import { sql } from 'kysely';
import { can, scopePaths } from '../access/actor';
import { requireUnit, type Ctx } from '../access/guard';
import { unitAncestors } from '../members/read';
import { mayAssignRolesAt } from '../access/policy';
import type { Db } from '../db/connect';

export interface UnitRow {
	id: number;
	code: string;
	name: string;
	kind: string;
	dissolved_on: string | null;
	sub_units: number;
	members: number;
}

type Counts = { sub_units: number; members: number };

/**
 * Active sub-units and current members under each direct child of `parentPath`, in one grouped
 * scan of the subtree (the constant prefix lets PostgreSQL use the path index).
 */
async function countsByChild(db: Db, parentPath: string): Promise<Map<number, Counts>> {
	const child = sql<number>`split_part(substr(u.path, ${parentPath.length + 1}), '/', 1)::int`;
	const under = `${parentPath}_%`;
	const [units, members] = await Promise.all([
		sql<{ id: number; n: number }>`
			select ${child} as id, count(*)::int - 1 as n from org_units u
			where u.path like ${under} and u.dissolved_on is null group by 1`.execute(db),
		sql<{ id: number; n: number }>`
			select ${child} as id, count(*)::int as n
			from memberships ms join org_units u on u.id = ms.unit_id
			where ms.ended_on is null and u.path like ${under} group by 1`.execute(db)
	]);
	const counts = new Map<number, Counts>();
	const get = (id: number) =>
		counts.get(id) ?? counts.set(id, { sub_units: 0, members: 0 }).get(id)!;
	for (const r of units.rows) get(r.id).sub_units = r.n;
	for (const r of members.rows) get(r.id).members = r.n;
	return counts;
}

async function subtreeCounts(db: Db, unit: { path: string }): Promise<Counts> {
	const under = `${unit.path}%`;
	const row = await sql<Counts>`
		select
			(select count(*)::int from org_units u
				where u.path like ${under} and u.dissolved_on is null) - 1 as sub_units,
			(select count(*)::int from memberships ms join org_units u on u.id = ms.unit_id
				where ms.ended_on is null and u.path like ${under}) as members`.execute(db);
	return { sub_units: Math.max(0, row.rows[0].sub_units), members: row.rows[0].members };
}

/**
 * The top units of the actor's reading scope (the units their roles are attached to), with their
 * counts in one statement. Scope roots never nest (scopePaths), so every unit below falls under
 * exactly one root; the constant prefixes let PostgreSQL use the path index for each.
 */
export async function listScopeRoots(ctx: Ctx): Promise<UnitRow[]> {
	const paths = scopePaths(ctx.actor, 'unit.read');
	if (paths.length === 0) return [];
	// '%' takes the root and its subtree, '_%' only what lies below it.
	const under = (suffix: '%' | '_%') => ({
		any: sql.join(
			paths.map((p) => sql`u.path like ${p + suffix}`),
			sql` or `
		),
		root: sql`case ${sql.join(
			paths.map((p) => sql`when u.path like ${p + suffix} then ${p}`),
			sql` `
		)} end`
	});
	const [units, members] = [under('_%'), under('%')];
	const { rows } = await sql<UnitRow>`
		select r.id, r.code, r.name, r.kind, r.dissolved_on,
			coalesce(s.n, 0)::int as sub_units, coalesce(mm.n, 0)::int as members
		from org_units r
		left join (
			select ${units.root} as root, count(*) as n from org_units u
			where (${units.any}) and u.dissolved_on is null group by 1
		) s on s.root = r.path
		left join (
			select ${members.root} as root, count(*) as n
			from memberships ms join org_units u on u.id = ms.unit_id
			where ms.ended_on is null and (${members.any}) group by 1
		) mm on mm.root = r.path
		where r.path in (${sql.join(paths)})
		order by r.path`.execute(ctx.db);
	return rows;
}

export async function getUnitPage(ctx: Ctx, unitId: number, includeDissolved: boolean) {
	const unit = await requireUnit(ctx, unitId, 'unit.read');
	let childQuery = ctx.db
		.selectFrom('org_units')
		.select(['id', 'code', 'name', 'kind', 'path', 'dissolved_on'])
		.where('parent_id', '=', unit.id)
		.orderBy(sql`vn_fold(name)`);
	if (!includeDissolved) childQuery = childQuery.where('dissolved_on', 'is', null);
	const [children, ancestors, officers, merged] = await Promise.all([
		childQuery.execute(),
		unitAncestors(ctx.db, unit.path),
		listOfficers(ctx.db, unit.id),
		unit.dissolved_on
			? ctx.db
					.selectFrom('org_units as u')
					.innerJoin('org_units as t', 't.id', 'u.merged_into_id')
					.select(['t.id', 't.name'])
					.where('u.id', '=', unit.id)
					.executeTakeFirst()
			: undefined
	]);
	const [counts, unitCounts] = await Promise.all([
		countsByChild(ctx.db, unit.path),
		subtreeCounts(ctx.db, unit)
	]);
	const none: Counts = { sub_units: 0, members: 0 };
	return {
		unit: { ...unit, ...unitCounts, children: children.filter((c) => !c.dissolved_on).length },
		can: {
			members: can(ctx.actor, 'member.read', unit.path),
			roles: mayAssignRolesAt(ctx.actor, unit.path),
			manage: can(ctx.actor, 'unit.manage', unit.path)
		},
		mergedInto: merged ?? null,
		ancestors: ancestors
			.filter((a) => a.id !== unit.id)
			.map((a) => ({
				id: a.id,
				name: a.name,
				kind: a.kind,
				readable: can(ctx.actor, 'unit.read', a.path)
			})),
		children: children.map(({ path: _p, ...c }) => ({ ...c, ...(counts.get(c.id) ?? none) })),
		officers
	};
}

/** People holding roles in the unit today, with the member's name. */
export async function listOfficers(db: Db, unitId: number) {
	return db
		.selectFrom('role_assignments as r')
		.innerJoin('accounts as a', 'a.id', 'r.account_id')
		.select(['r.id', 'r.role', 'r.started_on', 'a.display_name', 'a.member_id'])
		.where('r.unit_id', '=', unitId)
		.where('r.ended_on', 'is', null)
		.orderBy('r.role')
		.orderBy('a.display_name')
		.execute();
}

/** Cells (and grassroots cells) in the actor's scope for `cap`, grouped under their grassroots unit. */
export async function listCellsInScope(ctx: Ctx, cap: 'member.manage' | 'member.read') {
	const paths = scopePaths(ctx.actor, cap);
	if (paths.length === 0) return [];
	return ctx.db
		.selectFrom('org_units as c')
		.leftJoin('org_units as p', 'p.id', 'c.parent_id')
		.select([
			'c.id',
			'c.name',
			'c.code',
			'c.kind',
			'p.name as parent_name',
			'p.kind as parent_kind'
		])
		.where('c.kind', 'in', ['cell', 'grassroots_cell'])
		.where('c.dissolved_on', 'is', null)
		.where((eb) => eb.or(paths.map((p) => eb('c.path', 'like', `${p}%`))))
		.orderBy(sql`vn_fold(case when c.kind = 'grassroots_cell' then c.name else p.name end)`)
		.orderBy(sql`vn_fold(c.name)`)
		.execute();
}

/** Active units in the actor's scope for `cap` of the given kinds (choices for move and merge). */
export async function listUnitsOfKinds(ctx: Ctx, cap: 'unit.manage', kinds: readonly UnitKind[]) {
	const paths = scopePaths(ctx.actor, cap);
	if (paths.length === 0 || kinds.length === 0) return [];
	return ctx.db
		.selectFrom('org_units')
		.select(['id', 'name', 'kind', 'path'])
		.where('kind', 'in', kinds)
		.where('dissolved_on', 'is', null)
		.where((eb) => eb.or(paths.map((p) => eb('path', 'like', `${p}%`))))
		.orderBy(sql`vn_fold(name)`)
		.execute();
}

// Changing the tree: create, rename, move, dissolve, merge. History survives because memberships
// and roles point at unit ids, units are never deleted, and every change is in the audit trail.
// Each change locks the units it reads inside its transaction: checks and audit "before" values
// come from the row as it is, not from the copy the route loaded earlier.
import { sql } from 'kysely';
import { can } from '../access/actor';
import { auditCtx, type Ctx, type ScopedUnit } from '../access/guard';
import * as audit from '../audit/log';
import { endRolesLeftBehind, endRolesOfUnit, roleEndedEntries } from '../roles/end';

const CELLS = ['cell', 'grassroots_cell'];
const UNIT_COLUMNS = ['id', 'path', 'kind', 'name', 'code', 'parent_id', 'dissolved_on'] as const;

type Trx = Ctx['db'];

function assertManage(ctx: Ctx, ...paths: string[]): void {
	if (!paths.every((p) => can(ctx.actor, 'unit.manage', p))) throw new Error('not allowed');
}

/**
 * Locks the units in id order (two changes touching the same pair cannot deadlock). FOR UPDATE
 * waits for the share lock a transfer or a new sub-unit first takes on its target, and for the
 * key-share lock of any insert referencing the unit: a write under way commits first and counts.
 */
async function lockUnitsById(trx: Trx, ...ids: number[]): Promise<Map<number, ScopedUnit>> {
	const rows = await trx
		.selectFrom('org_units')
		.select(UNIT_COLUMNS)
		.where('id', 'in', ids)
		.orderBy('id')
		.forUpdate()
		.execute();
	return new Map(rows.map((r) => [r.id, r]));
}

const lockUnitById = async (trx: Trx, id: number) => (await lockUnitsById(trx, id)).get(id)!;

export async function createUnit(
	ctx: Ctx,
	parent: ScopedUnit,
	input: { code: string; name: string; kind: string }
): Promise<number> {
	assertManage(ctx, parent.path);
	return ctx.db.transaction().execute(async (trx) => {
		// Held so a dissolution of the parent cannot slip between its count and this insert; a
		// parent dissolved meanwhile makes the insert fail with org_units_parent_active_check.
		await trx.selectFrom('org_units').select('id').where('id', '=', parent.id).forShare().execute();
		const row = await trx
			.insertInto('org_units')
			.values({ parent_id: parent.id, ...input })
			.returning(['id', 'path'])
			.executeTakeFirstOrThrow();
		await audit.record(trx, auditCtx(ctx), {
			action: 'unit.created',
			entityType: 'unit',
			entityId: row.id,
			unitPath: row.path,
			changes: { code: [null, input.code], name: [null, input.name], kind: [null, input.kind] }
		});
		return row.id;
	});
}

export async function renameUnit(
	ctx: Ctx,
	unit: ScopedUnit,
	input: { code: string; name: string }
): Promise<void> {
	assertManage(ctx, unit.path);
	await ctx.db.transaction().execute(async (trx) => {
		const current = await lockUnitById(trx, unit.id);
		assertManage(ctx, current.path);
		const changes = audit.diff({ code: current.code, name: current.name }, input);
		if (!changes) return;
		await trx.updateTable('org_units').set(input).where('id', '=', unit.id).execute();
		await audit.record(trx, auditCtx(ctx), {
			action: 'unit.renamed',
			entityType: 'unit',
			entityId: unit.id,
			unitPath: current.path,
			changes
		});
	});
}

export type MoveProblem = 'parent_dissolved';

export async function moveUnit(
	ctx: Ctx,
	unit: ScopedUnit,
	parent: ScopedUnit
): Promise<MoveProblem | undefined> {
	assertManage(ctx, unit.path, parent.path);
	return ctx.db.transaction().execute(async (trx) => {
		const locked = await lockUnitsById(trx, unit.id, parent.id);
		const current = locked.get(unit.id)!;
		const newParent = locked.get(parent.id)!;
		assertManage(ctx, current.path, newParent.path);
		if (newParent.dissolved_on) return 'parent_dissolved';
		const moved = await trx
			.updateTable('org_units')
			.set({ parent_id: parent.id })
			.where('id', '=', unit.id)
			.returning('path')
			.executeTakeFirstOrThrow();
		await audit.record(trx, auditCtx(ctx), {
			action: 'unit.moved',
			entityType: 'unit',
			entityId: unit.id,
			unitPath: moved.path,
			changes: { parent_id: [current.parent_id, parent.id], path: [current.path, moved.path] }
		});
		return undefined;
	});
}

export interface Remaining {
	members: number;
	units: number;
}

async function remaining(trx: Trx, path: string): Promise<Remaining> {
	const row = await sql<Remaining>`
		select
			(select count(*)::int from memberships ms join org_units u on u.id = ms.unit_id
				where ms.ended_on is null and u.path like ${path + '%'}) as members,
			(select count(*)::int from org_units u
				where u.path like ${path + '_%'} and u.dissolved_on is null) as units`.execute(trx);
	return row.rows[0];
}

/** Dissolves an empty unit; returns what still remains when it is not empty. */
export async function dissolveUnit(
	ctx: Ctx,
	unit: ScopedUnit,
	date: string
): Promise<Remaining | undefined> {
	assertManage(ctx, unit.path);
	return ctx.db.transaction().execute(async (trx) => {
		const current = await lockUnitById(trx, unit.id);
		assertManage(ctx, current.path);
		// Dissolved meanwhile (a second submit of the same form): nothing is left to do.
		if (current.dissolved_on) return undefined;
		const left = await remaining(trx, current.path);
		if (left.members > 0 || left.units > 0) return left;
		await trx
			.updateTable('org_units')
			.set({ dissolved_on: date })
			.where('id', '=', unit.id)
			.execute();
		const roles = await endRolesOfUnit(trx, unit.id);
		await audit.recordMany(trx, auditCtx(ctx), [
			...roleEndedEntries(roles),
			{
				action: 'unit.dissolved',
				entityType: 'unit',
				entityId: unit.id,
				unitPath: current.path,
				changes: { dissolved_on: [null, date] }
			}
		]);
		return undefined;
	});
}

export type MergeProblem = 'same' | 'kind_mismatch' | 'dissolved' | 'target_dissolved';

/**
 * Merges `unit` into `target`: members of a cell move with a closed/opened membership pair dated
 * `date`; sub-units of a committee move under the target; the unit is dissolved and points at it.
 */
export async function mergeUnit(
	ctx: Ctx,
	unit: ScopedUnit,
	target: ScopedUnit,
	date: string
): Promise<MergeProblem | undefined> {
	assertManage(ctx, unit.path, target.path);
	if (unit.id === target.id) return 'same';
	return ctx.db.transaction().execute(async (trx) => {
		const locked = await lockUnitsById(trx, unit.id, target.id);
		const from = locked.get(unit.id)!;
		const to = locked.get(target.id)!;
		assertManage(ctx, from.path, to.path);
		if (to.path.startsWith(from.path)) return 'same';
		const bothCells = CELLS.includes(from.kind) && CELLS.includes(to.kind);
		if (!bothCells && from.kind !== to.kind) return 'kind_mismatch';
		if (from.dissolved_on) return 'dissolved';
		if (to.dissolved_on) return 'target_dissolved';
		const members = await moveMembers(trx, from, to, date);
		const children = await moveChildren(trx, from, to);
		await trx
			.updateTable('org_units')
			.set({ dissolved_on: date, merged_into_id: to.id })
			.where('id', '=', from.id)
			.execute();
		const roles = await endRolesOfUnit(trx, from.id);
		const leftBehind = await endRolesLeftBehind(
			trx,
			members.map((m) => ({ memberId: m.member_id, cellId: to.id })),
			date
		);
		await audit.recordMany(trx, auditCtx(ctx), [
			...members.flatMap((m) => m.entries),
			...children,
			...roleEndedEntries([...roles, ...leftBehind]),
			{
				action: 'unit.merged',
				entityType: 'unit',
				entityId: from.id,
				unitPath: from.path,
				changes: {
					merged_into_id: [null, to.id],
					dissolved_on: [null, date],
					members_moved: members.length,
					units_moved: children.length
				}
			}
		]);
		return undefined;
	});
}

/** Closes the unit's open memberships at `date` and opens them in the target. */
async function moveMembers(trx: Trx, from: ScopedUnit, to: ScopedUnit, date: string) {
	const closed = await trx
		.updateTable('memberships')
		.set({
			ended_on: sql<string>`greatest(${date}::date, started_on)`,
			end_reason: 'unit_merged'
		})
		.where('unit_id', '=', from.id)
		.where('ended_on', 'is', null)
		.returning(['id', 'member_id', 'ended_on'])
		.execute();
	if (closed.length === 0) return [];
	const opened = await trx
		.insertInto('memberships')
		.values(
			closed.map((c) => ({ member_id: c.member_id, unit_id: to.id, started_on: c.ended_on! }))
		)
		.returning(['id', 'member_id', 'started_on'])
		.execute();
	const openedOf = new Map(opened.map((o) => [o.member_id, o]));
	return closed.map((c) => {
		const o = openedOf.get(c.member_id)!;
		const entries: audit.AuditEntry[] = [
			{
				action: 'membership.ended',
				entityType: 'membership',
				entityId: c.id,
				unitPath: from.path,
				changes: { ended_on: [null, c.ended_on], end_reason: [null, 'unit_merged'] }
			},
			{
				action: 'membership.started',
				entityType: 'membership',
				entityId: o.id,
				unitPath: to.path,
				changes: {
					member_id: [null, o.member_id],
					unit_id: [from.id, to.id],
					started_on: [null, o.started_on]
				}
			}
		];
		return { member_id: c.member_id, entries };
	});
}

/** Moves the active sub-units under the target, one 'unit.moved' row each (their paths change). */
async function moveChildren(trx: Trx, from: ScopedUnit, to: ScopedUnit) {
	const before = await trx
		.selectFrom('org_units')
		.select(['id', 'path'])
		.where('parent_id', '=', from.id)
		.where('dissolved_on', 'is', null)
		.forUpdate()
		.execute();
	if (before.length === 0) return [];
	const oldPath = new Map(before.map((c) => [c.id, c.path]));
	const moved = await trx
		.updateTable('org_units')
		.set({ parent_id: to.id })
		.where('id', 'in', [...oldPath.keys()])
		.returning(['id', 'path'])
		.execute();
	return moved.map((c): audit.AuditEntry => ({
		action: 'unit.moved',
		entityType: 'unit',
		entityId: c.id,
		unitPath: c.path,
		changes: { parent_id: [from.id, to.id], path: [oldPath.get(c.id) ?? null, c.path] }
	}));
}

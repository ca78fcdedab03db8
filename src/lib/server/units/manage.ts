// Changing the tree: create, rename, move, dissolve, merge. History survives because memberships
// and roles point at unit ids, units are never deleted, and every change is in the audit trail.
// Each change locks the units it reads inside its transaction: checks and audit "before" values
// come from the row as it is, not from the copy the route loaded earlier.
import { sql } from 'kysely';
import { ok, refuse, type Refused, type Result } from '$lib/domain/result';
import { CELL_KINDS, type UnitKind } from '$lib/domain/roles';
import { can } from '../access/actor';
import { auditCtx, type Ctx, type ScopedUnit, type UnitRow } from '../access/guard';
import * as audit from '../audit/log';
import { constraintOf } from '../db/errors';
import { endRolesLeftBehind, endRolesOfUnit, roleEndedEntries } from '../roles/end';

const UNIT_COLUMNS = ['id', 'path', 'kind', 'name', 'code', 'parent_id', 'dissolved_on'] as const;

type Trx = Ctx['db'];

export type TreeProblem =
	| 'not_found'
	| 'code_taken'
	| 'parent_kind'
	| 'cycle'
	| 'parent_dissolved'
	| 'same'
	| 'kind_mismatch'
	| 'dissolved'
	| 'target_dissolved'
	/** `detail` has the members and sub-units still in the unit. */
	| 'not_empty';

type TreeResult<T = undefined> = Result<T, TreeProblem>;

const manages = (ctx: Ctx, ...paths: string[]) =>
	paths.every((p) => can(ctx.actor, 'unit.manage', p));

// The database's refusals for what changed between the checks and the write (another person's
// edit meanwhile). In a merge, the sub-units' new parent and the members' new cell are both the
// receiving unit, so an inactive parent means the target was dissolved.
const REFUSED_BY: Record<string, TreeProblem> = {
	org_units_code_key: 'code_taken',
	org_units_parent_kind_check: 'parent_kind',
	org_units_cycle_check: 'cycle',
	org_units_parent_active_check: 'parent_dissolved'
};
const MERGE_REFUSED_BY: Record<string, TreeProblem> = {
	...REFUSED_BY,
	org_units_parent_active_check: 'target_dissolved',
	memberships_unit_active_check: 'target_dissolved'
};

/** Runs a change; a tree constraint it violates becomes a problem on `field`, anything else is rethrown. */
async function guarded<T>(
	field: string,
	change: () => Promise<TreeResult<T>>,
	refusedBy: Record<string, TreeProblem> = REFUSED_BY
): Promise<TreeResult<T>> {
	try {
		return await change();
	} catch (err) {
		const problem = refusedBy[constraintOf(err) ?? ''];
		if (!problem) throw err;
		// A duplicate code is always the code's fault, whatever field the change is about.
		return refuse(problem, { field: problem === 'code_taken' ? 'code' : field });
	}
}

const notFound: Refused<TreeProblem> = refuse('not_found');

/**
 * Locks the units in id order (two changes touching the same pair cannot deadlock). FOR UPDATE
 * waits for the share lock a transfer or a new sub-unit first takes on its target, and for the
 * key-share lock of any insert referencing the unit: a write under way commits first and counts.
 */
async function lockUnitsById(trx: Trx, ...ids: number[]): Promise<Map<number, UnitRow>> {
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
	input: { code: string; name: string; kind: UnitKind }
): Promise<TreeResult<number>> {
	if (!manages(ctx, parent.path)) return notFound;
	return guarded('kind', () =>
		ctx.db.transaction().execute(async (trx) => {
			// Held so a dissolution of the parent cannot slip between its count and this insert; a
			// parent dissolved meanwhile makes the insert fail with org_units_parent_active_check.
			await trx
				.selectFrom('org_units')
				.select('id')
				.where('id', '=', parent.id)
				.forShare()
				.execute();
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
			return ok(row.id);
		})
	);
}

export async function renameUnit(
	ctx: Ctx,
	unit: ScopedUnit,
	input: { code: string; name: string }
): Promise<TreeResult> {
	if (!manages(ctx, unit.path)) return notFound;
	return guarded('code', () =>
		ctx.db.transaction().execute(async (trx): Promise<TreeResult> => {
			const current = await lockUnitById(trx, unit.id);
			if (!manages(ctx, current.path)) return notFound;
			const changes = audit.diff({ code: current.code, name: current.name }, input);
			if (!changes) return ok();
			await trx.updateTable('org_units').set(input).where('id', '=', unit.id).execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'unit.renamed',
				entityType: 'unit',
				entityId: unit.id,
				unitPath: current.path,
				changes
			});
			return ok();
		})
	);
}

export async function moveUnit(
	ctx: Ctx,
	unit: ScopedUnit,
	parent: ScopedUnit
): Promise<TreeResult> {
	if (!manages(ctx, unit.path, parent.path)) return notFound;
	return guarded('parent_id', () =>
		ctx.db.transaction().execute(async (trx): Promise<TreeResult> => {
			const locked = await lockUnitsById(trx, unit.id, parent.id);
			const current = locked.get(unit.id)!;
			const newParent = locked.get(parent.id)!;
			if (!manages(ctx, current.path, newParent.path)) return notFound;
			if (newParent.dissolved_on) return refuse('parent_dissolved', { field: 'parent_id' });
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
			return ok();
		})
	);
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

/** Dissolves an empty unit; refused with what still remains when it is not empty. */
export async function dissolveUnit(ctx: Ctx, unit: ScopedUnit, date: string): Promise<TreeResult> {
	if (!manages(ctx, unit.path)) return notFound;
	return ctx.db.transaction().execute(async (trx): Promise<TreeResult> => {
		const current = await lockUnitById(trx, unit.id);
		if (!manages(ctx, current.path)) return notFound;
		// Dissolved meanwhile (a second submit of the same form): nothing is left to do.
		if (current.dissolved_on) return ok();
		const left = await remaining(trx, current.path);
		if (left.members > 0 || left.units > 0) return refuse('not_empty', { detail: { ...left } });
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
		return ok();
	});
}

/**
 * Merges `unit` into `target`: members of a cell move with a closed/opened membership pair dated
 * `date`; sub-units of a committee move under the target; the unit is dissolved and points at it.
 */
export async function mergeUnit(
	ctx: Ctx,
	unit: ScopedUnit,
	target: ScopedUnit,
	date: string
): Promise<TreeResult> {
	if (!manages(ctx, unit.path, target.path)) return notFound;
	const on = { field: 'target_id' };
	if (unit.id === target.id) return refuse('same', on);
	return guarded(
		'target_id',
		() =>
			ctx.db.transaction().execute(async (trx): Promise<TreeResult> => {
				const locked = await lockUnitsById(trx, unit.id, target.id);
				const from = locked.get(unit.id)!;
				const to = locked.get(target.id)!;
				if (!manages(ctx, from.path, to.path)) return notFound;
				if (to.path.startsWith(from.path)) return refuse('same', on);
				const bothCells = CELL_KINDS.includes(from.kind) && CELL_KINDS.includes(to.kind);
				if (!bothCells && from.kind !== to.kind) return refuse('kind_mismatch', on);
				if (from.dissolved_on) return refuse('dissolved', on);
				if (to.dissolved_on) return refuse('target_dissolved', on);
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
				return ok();
			}),
		MERGE_REFUSED_BY
	);
}

/** Closes the unit's open memberships at `date` and opens them in the target. */
async function moveMembers(trx: Trx, from: UnitRow, to: UnitRow, date: string) {
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
async function moveChildren(trx: Trx, from: UnitRow, to: UnitRow) {
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

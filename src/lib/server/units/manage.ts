// Changing the tree: create, rename, move, dissolve, merge. History survives because memberships
// and roles point at unit ids, units are never deleted, and every change is in the audit trail.
import { sql } from 'kysely';
import { can } from '../access/actor';
import { auditCtx, type Ctx, type ScopedUnit } from '../access/guard';
import * as audit from '../audit/log';

const CELLS = ['cell', 'grassroots_cell'];

function assertManage(ctx: Ctx, ...paths: string[]): void {
	if (!paths.every((p) => can(ctx.actor, 'unit.manage', p))) throw new Error('not allowed');
}

export async function createUnit(
	ctx: Ctx,
	parent: ScopedUnit,
	input: { code: string; name: string; kind: string }
): Promise<number> {
	assertManage(ctx, parent.path);
	return ctx.db.transaction().execute(async (trx) => {
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
	const changes = audit.diff({ code: unit.code, name: unit.name }, input);
	if (!changes) return;
	await ctx.db.transaction().execute(async (trx) => {
		await trx.updateTable('org_units').set(input).where('id', '=', unit.id).execute();
		await audit.record(trx, auditCtx(ctx), {
			action: 'unit.renamed',
			entityType: 'unit',
			entityId: unit.id,
			unitPath: unit.path,
			changes
		});
	});
}

export async function moveUnit(ctx: Ctx, unit: ScopedUnit, parent: ScopedUnit): Promise<void> {
	assertManage(ctx, unit.path, parent.path);
	await ctx.db.transaction().execute(async (trx) => {
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
			changes: { parent_id: [unit.parent_id, parent.id], path: [unit.path, moved.path] }
		});
	});
}

export interface Remaining {
	members: number;
	units: number;
}

async function remaining(ctx: Ctx, unit: ScopedUnit): Promise<Remaining> {
	const row = await sql<Remaining>`
		select
			(select count(*)::int from memberships ms join org_units u on u.id = ms.unit_id
				where ms.ended_on is null and u.path like ${unit.path + '%'}) as members,
			(select count(*)::int from org_units u
				where u.path like ${unit.path + '_%'} and u.dissolved_on is null) as units`.execute(ctx.db);
	return row.rows[0];
}

/** Dissolves an empty unit; returns what still remains when it is not empty. */
export async function dissolveUnit(
	ctx: Ctx,
	unit: ScopedUnit,
	date: string
): Promise<Remaining | undefined> {
	assertManage(ctx, unit.path);
	const left = await remaining(ctx, unit);
	if (left.members > 0 || left.units > 0) return left;
	await ctx.db.transaction().execute(async (trx) => {
		await trx
			.updateTable('org_units')
			.set({ dissolved_on: date })
			.where('id', '=', unit.id)
			.execute();
		await endRolesAt(trx, unit.id);
		await audit.record(trx, auditCtx(ctx), {
			action: 'unit.dissolved',
			entityType: 'unit',
			entityId: unit.id,
			unitPath: unit.path,
			changes: { dissolved_on: [null, date] }
		});
	});
	return undefined;
}

async function endRolesAt(trx: Ctx['db'], unitId: number): Promise<void> {
	await trx
		.updateTable('role_assignments')
		.set({ ended_on: sql<string>`greatest(current_date, started_on)` })
		.where('unit_id', '=', unitId)
		.where('ended_on', 'is', null)
		.execute();
}

export type MergeProblem = 'same' | 'kind_mismatch';

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
	if (unit.id === target.id || target.path.startsWith(unit.path)) return 'same';
	const bothCells = CELLS.includes(unit.kind) && CELLS.includes(target.kind);
	if (!bothCells && unit.kind !== target.kind) return 'kind_mismatch';
	await ctx.db.transaction().execute(async (trx) => {
		const closed = await trx
			.updateTable('memberships')
			.set({
				ended_on: sql<string>`greatest(${date}::date, started_on)`,
				end_reason: 'unit_merged'
			})
			.where('unit_id', '=', unit.id)
			.where('ended_on', 'is', null)
			.returning(['id', 'member_id', 'ended_on'])
			.execute();
		if (closed.length) {
			const opened = await trx
				.insertInto('memberships')
				.values(
					closed.map((c) => ({
						member_id: c.member_id,
						unit_id: target.id,
						started_on: c.ended_on!
					}))
				)
				.returning(['id', 'member_id', 'started_on'])
				.execute();
			await audit.recordMany(trx, auditCtx(ctx), [
				...closed.map((c) => ({
					action: 'membership.ended',
					entityType: 'membership',
					entityId: c.id,
					unitPath: unit.path,
					changes: { ended_on: [null, c.ended_on], end_reason: [null, 'unit_merged'] }
				})),
				...opened.map((o) => ({
					action: 'membership.started',
					entityType: 'membership',
					entityId: o.id,
					unitPath: target.path,
					changes: {
						member_id: [null, o.member_id],
						unit_id: [unit.id, target.id],
						started_on: [null, o.started_on]
					}
				}))
			]);
		}
		const children = await trx
			.updateTable('org_units')
			.set({ parent_id: target.id })
			.where('parent_id', '=', unit.id)
			.where('dissolved_on', 'is', null)
			.returning('id')
			.execute();
		await trx
			.updateTable('org_units')
			.set({ dissolved_on: date, merged_into_id: target.id })
			.where('id', '=', unit.id)
			.execute();
		await endRolesAt(trx, unit.id);
		await audit.record(trx, auditCtx(ctx), {
			action: 'unit.merged',
			entityType: 'unit',
			entityId: unit.id,
			unitPath: unit.path,
			changes: {
				merged_into_id: [null, target.id],
				dissolved_on: [null, date],
				members_moved: closed.length,
				units_moved: children.length
			}
		});
	});
	return undefined;
}

// Writes the planned units: new ones level by level (a child's path needs its parent's), then
// renames and kind changes in one statement, then moves one by one (each rewrites a subtree).
import type { Db } from '../db/connect';
import { insertRows, updateRows } from '../db/bulk';
import type { DbUnit } from './load';
import type { PlannedUnit, UnitPlan } from './plan-units';
import type { Draft } from './drafts';

export async function applyUnits(
	trx: Db,
	plan: UnitPlan,
	dbUnits: Map<string, DbUnit>
): Promise<{ ids: Map<string, number>; drafts: Draft[] }> {
	const ids = new Map<string, number>([...dbUnits].map(([code, u]) => [code, u.id]));
	const drafts: Draft[] = [];
	let pending = plan.list.filter((u) => u.action === 'create');
	while (pending.length > 0) {
		const ready = pending.filter((u) => ids.has(u.row.parent_code ?? ''));
		// The planner refuses unknown parents and cycles, so this only guards against a bug.
		if (ready.length === 0) throw new Error('import: a new unit has no resolvable parent');
		const rows = await insertRows<{ id: number; code: string }>(
			trx,
			'org_units',
			{
				kind: ['text', ready.map((u) => u.row.kind)],
				code: ['text', ready.map((u) => u.row.code)],
				name: ['text', ready.map((u) => u.row.name)],
				parent_id: ['int', ready.map((u) => ids.get(u.row.parent_code!)!)]
			},
			['id', 'code']
		);
		for (const r of rows) ids.set(r.code, r.id);
		for (const u of ready)
			drafts.push({
				action: 'unit.created',
				entityType: 'unit',
				entityId: ids.get(u.row.code)!,
				unitId: ids.get(u.row.code)!,
				changes: {
					code: [null, u.row.code],
					name: [null, u.row.name],
					kind: [null, u.row.kind],
					parent_code: [null, u.row.parent_code]
				}
			});
		pending = pending.filter((u) => !ids.has(u.row.code));
	}
	const updates = plan.list.filter((u) => u.action === 'update');
	const inPlace = updates.filter((u) => !u.changes.parent_code);
	await updateRows(
		trx,
		'org_units',
		{
			id: ['int', inPlace.map((u) => u.existing!.id)],
			name: ['text', inPlace.map((u) => u.row.name)],
			kind: ['text', inPlace.map((u) => u.row.kind)]
		},
		['name', 'kind']
	);
	for (const u of updates.filter((x) => x.changes.parent_code)) await moveUnit(trx, u, ids);
	for (const u of updates)
		drafts.push({
			action: 'unit.updated',
			entityType: 'unit',
			entityId: u.existing!.id,
			unitId: u.existing!.id,
			changes: u.changes
		});
	return { ids, drafts };
}

/** Name, kind and parent together: the placement trigger checks the kind against the new parent. */
async function moveUnit(trx: Db, u: PlannedUnit, ids: Map<string, number>): Promise<void> {
	await trx
		.updateTable('org_units')
		.set({ name: u.row.name, kind: u.row.kind, parent_id: ids.get(u.row.parent_code!)! })
		.where('id', '=', u.existing!.id)
		.execute();
}

// Which kinds of unit sit under which (Điều lệ Đảng, art. 21 and 24); mirrors the database's
// org_units_parent_kind_ok(). Used to offer only sensible choices in forms.
import type { UnitKind } from './roles';

const PARENTS: Record<UnitKind, UnitKind[]> = {
	bloc: ['bloc'],
	grassroots_committee: ['bloc'],
	grassroots_cell: ['bloc'],
	partial_committee: ['grassroots_committee'],
	cell: ['grassroots_committee', 'partial_committee']
};

const CELL_KINDS: UnitKind[] = ['cell', 'grassroots_cell'];

export function parentKinds(kind: string): UnitKind[] {
	return PARENTS[kind as UnitKind] ?? [];
}

export function childKinds(kind: string): UnitKind[] {
	return (Object.keys(PARENTS) as UnitKind[]).filter(
		(k) => k !== 'bloc' && PARENTS[k].includes(kind as UnitKind)
	);
}

/** Units that can absorb `kind` in a merge: any cell for a cell, the same kind otherwise. */
export function mergeKinds(kind: string): UnitKind[] {
	return CELL_KINDS.includes(kind as UnitKind) ? CELL_KINDS : [kind as UnitKind];
}

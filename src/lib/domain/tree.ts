// Which kinds of unit sit under which (Điều lệ Đảng, art. 21 and 24); mirrors the database's
// org_units_parent_kind_ok(). Used to offer only sensible choices in forms.
import { CELL_KINDS, UNIT_KINDS, type UnitKind } from './roles';

const PARENTS: Record<UnitKind, UnitKind[]> = {
	bloc: ['bloc'],
	grassroots_committee: ['bloc'],
	grassroots_cell: ['bloc'],
	partial_committee: ['grassroots_committee'],
	cell: ['grassroots_committee', 'partial_committee']
};

export function parentKinds(kind: UnitKind): UnitKind[] {
	return PARENTS[kind];
}

export function childKinds(kind: UnitKind): UnitKind[] {
	return UNIT_KINDS.filter((k) => k !== 'bloc' && PARENTS[k].includes(kind));
}

/** Units that can absorb `kind` in a merge: any cell for a cell, the same kind otherwise. */
export function mergeKinds(kind: UnitKind): readonly UnitKind[] {
	return CELL_KINDS.includes(kind) ? CELL_KINDS : [kind];
}

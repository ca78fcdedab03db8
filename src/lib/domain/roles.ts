// Roles a person holds in a unit, and what each may do there (in the unit and its subtree).
// No official access matrix exists (domain §1): least privilege by unit.

export const UNIT_ROLES = [
	'cell_secretary',
	'cell_deputy_secretary',
	'cell_committee_member',
	'grassroots_committee_member',
	'bloc_standing_committee',
	'organization_department',
	'inspection_commission'
] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];
export type Role = UnitRole | 'system_admin';

export const UNIT_KINDS = [
	'bloc',
	'grassroots_committee',
	'partial_committee',
	'grassroots_cell',
	'cell'
] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const CELL_KINDS: readonly UnitKind[] = ['cell', 'grassroots_cell'];

export type Capability =
	| 'unit.read' // see the unit, its subtree and aggregates
	| 'member.read' // read member records in the subtree
	| 'member.manage' // edit members, transfer them, import
	| 'unit.manage' // create, rename, move, merge, dissolve units
	| 'role.manage' // assign and end roles
	| 'audit.read' // browse the audit trail of the subtree
	| 'commitment.review' // confirm or return the commitments of a cell's members
	| 'year.manage'; // open, close and edit review years

export const ROLE_CAPABILITIES: Record<UnitRole, readonly Capability[]> = {
	cell_secretary: ['unit.read', 'member.read', 'audit.read', 'commitment.review'],
	cell_deputy_secretary: ['unit.read', 'member.read', 'audit.read', 'commitment.review'],
	cell_committee_member: ['unit.read', 'member.read'],
	grassroots_committee_member: [
		'unit.read',
		'member.read',
		'member.manage',
		'role.manage',
		'audit.read'
	],
	bloc_standing_committee: ['unit.read', 'member.read', 'audit.read'],
	organization_department: [
		'unit.read',
		'member.read',
		'member.manage',
		'unit.manage',
		'role.manage',
		'audit.read',
		'year.manage'
	],
	inspection_commission: ['unit.read', 'member.read']
};

/** Which roles may be held in which kind of unit (mirrors the database trigger). */
export function roleFitsUnit(role: UnitRole, kind: UnitKind): boolean {
	switch (role) {
		case 'cell_secretary':
		case 'cell_deputy_secretary':
		case 'cell_committee_member':
			return CELL_KINDS.includes(kind);
		case 'grassroots_committee_member':
			return kind === 'grassroots_committee' || kind === 'partial_committee';
		default:
			return kind === 'bloc';
	}
}

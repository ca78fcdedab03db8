// The demo tree and how many members each cell has: uneven sizes within the Statute's bounds
// (a cell ≥ 3, a đảng bộ cơ sở ≥ 30, a chi bộ cơ sở < 30), summing to the first customer's total.
import {
	BLOC,
	BLOC_STAFF_CODE,
	COMMITTEES,
	GRASSROOTS_CELLS,
	leaderTitles,
	type Agency
} from './agencies';
import type { Rng } from './rng';

export const TOTAL_MEMBERS = 2712;
const COMMITTEE_MIN = 30;
const GRASSROOTS_CELL_MAX = 29;
// Cells that large would be split into party groups; the demo stays below.
const CELL_MAX = 30;

export type UnitKind = 'bloc' | 'grassroots_committee' | 'grassroots_cell' | 'cell';
export type UnitRole =
	| 'grassroots_committee_member'
	| 'bloc_standing_committee'
	| 'organization_department'
	| 'inspection_commission';

export interface UnitPlan {
	code: string;
	name: string;
	kind: UnitKind;
	parentCode: string | null;
}

/** A member holding a post above the cell, seated in this cell (the cell is where members live). */
export interface Officer {
	party: string | null;
	government: string | null;
	role: UnitRole;
	unitCode: string;
}

/** A unit members belong to: a cell or a chi bộ cơ sở. */
export interface CellPlan {
	code: string;
	kind: 'cell' | 'grassroots_cell';
	agency: Agency;
	/** The tổ chức cơ sở đảng it is part of (itself for a chi bộ cơ sở). */
	grassrootsCode: string;
	/** Government titles of whoever leads the cell's office: its secretary and deputy. */
	titles: [head: string, deputy: string];
	officers: Officer[];
	size: number;
	min: number;
}

export interface TreePlan {
	units: UnitPlan[];
	cells: CellPlan[];
	/** The subordinate cell of the first đảng bộ cơ sở where the demo secretary and member sit. */
	demoCellCode: string;
	demoCommitteeCode: string;
}

const BLOC_CODE = BLOC.code;

// Full-time officials of the Đảng ủy Khối; the first of each role gets the demo login.
const BLOC_OFFICERS: [party: string | null, government: string | null, role: UnitRole][] = [
	['Bí thư Đảng ủy Khối', null, 'bloc_standing_committee'],
	['Phó Bí thư Thường trực Đảng ủy Khối', null, 'bloc_standing_committee'],
	[
		'Ủy viên Ban Thường vụ Đảng ủy Khối',
		'Trưởng Ban Tuyên giáo Đảng ủy Khối',
		'bloc_standing_committee'
	],
	['Đảng ủy viên Đảng bộ Khối', 'Trưởng Ban Tổ chức Đảng ủy Khối', 'organization_department'],
	[null, 'Phó Trưởng Ban Tổ chức Đảng ủy Khối', 'organization_department'],
	['Đảng ủy viên Đảng bộ Khối', 'Chủ nhiệm Ủy ban Kiểm tra Đảng ủy Khối', 'inspection_commission']
];

export function planTree(rng: Rng): TreePlan {
	const units: UnitPlan[] = [{ code: BLOC_CODE, name: BLOC.name, kind: 'bloc', parentCode: null }];
	const cells: CellPlan[] = [];
	for (const agency of COMMITTEES) addCommittee(rng, agency, units, cells);
	for (const agency of GRASSROOTS_CELLS) addGrassrootsCell(rng, agency, units, cells);
	const demoCommitteeCode = `${BLOC_CODE}.${COMMITTEES[0].code}`;
	const demoCell = cells.find(
		(c) => c.grassrootsCode === demoCommitteeCode && c.officers.length === 0
	);
	if (!demoCell) throw new Error('the first đảng bộ cơ sở needs a second cell for the demo');
	// Room for the demo member besides the secretary, the deputy and committee picks.
	demoCell.min = 6;
	demoCell.size = Math.max(demoCell.size, demoCell.min);
	balance(rng, cells);
	return { units, cells, demoCellCode: demoCell.code, demoCommitteeCode };
}

function addCommittee(rng: Rng, agency: Agency, units: UnitPlan[], cells: CellPlan[]): void {
	const code = `${BLOC_CODE}.${agency.code}`;
	const name = `Đảng bộ ${agency.name}`;
	units.push({ code, name, kind: 'grassroots_committee', parentCode: BLOC_CODE });
	const [head, deputy] = leaderTitles(agency.name);
	// The agency's head and deputy sit in its first cell and lead the đảng ủy.
	const leaders: Officer[] = [
		['Bí thư Đảng ủy', head],
		['Phó Bí thư Đảng ủy', deputy]
	].map(([party, government]) => ({
		party,
		government,
		role: 'grassroots_committee_member',
		unitCode: code
	}));
	agency.cells.forEach((cellName, i) => {
		const cellCode = `${code}.CB${String(i + 1).padStart(2, '0')}`;
		units.push({ code: cellCode, name: `Chi bộ ${cellName}`, kind: 'cell', parentCode: code });
		const officers = i === 0 ? leaders : [];
		const min = 3 + officers.length;
		const size = rng.chance(0.1) ? rng.int(15, 26) : rng.int(4, 13);
		cells.push({
			code: cellCode,
			kind: 'cell',
			agency,
			grassrootsCode: code,
			titles: leaderTitles(cellName),
			officers,
			size: Math.max(size, min),
			min
		});
	});
}

function addGrassrootsCell(rng: Rng, agency: Agency, units: UnitPlan[], cells: CellPlan[]): void {
	const code = `${BLOC_CODE}.${agency.code}`;
	const name = `Chi bộ ${agency.name}`;
	units.push({ code, name, kind: 'grassroots_cell', parentCode: BLOC_CODE });
	const officers: Officer[] =
		agency.code === BLOC_STAFF_CODE
			? BLOC_OFFICERS.map(([party, government, role]) => ({
					party,
					government,
					role,
					unitCode: BLOC_CODE
				}))
			: [];
	cells.push({
		code,
		kind: 'grassroots_cell',
		agency,
		grassrootsCode: code,
		titles: leaderTitles(agency.name),
		officers,
		// The bloc staff cell has a fixed size so its officers always fit.
		size: officers.length > 0 ? 18 : rng.int(6, 27),
		min: 3 + officers.length
	});
}

/** Brings every đảng bộ cơ sở to ≥ 30 members, then the total to exactly TOTAL_MEMBERS. */
function balance(rng: Rng, cells: CellPlan[]): void {
	const subordinate = cells.filter((c) => c.kind === 'cell');
	const committeeTotal = (code: string) =>
		subordinate.reduce((sum, c) => (c.grassrootsCode === code ? sum + c.size : sum), 0);
	for (const code of new Set(subordinate.map((c) => c.grassrootsCode))) {
		const own = subordinate.filter((c) => c.grassrootsCode === code);
		for (let missing = COMMITTEE_MIN - committeeTotal(code); missing > 0; missing--) {
			rng.pick(own).size++;
		}
	}
	const canGrow = (c: CellPlan) => c.size < (c.kind === 'cell' ? CELL_MAX : GRASSROOTS_CELL_MAX);
	const canShrink = (c: CellPlan) =>
		c.size > c.min &&
		(c.kind === 'grassroots_cell' || committeeTotal(c.grassrootsCode) > COMMITTEE_MIN);
	const adjustable = cells.filter((c) => c.agency.code !== BLOC_STAFF_CODE);
	let diff = TOTAL_MEMBERS - cells.reduce((sum, c) => sum + c.size, 0);
	while (diff !== 0) {
		const cell = rng.pick(adjustable);
		const step = diff > 0 ? 1 : -1;
		if (step > 0 ? !canGrow(cell) : !canShrink(cell)) continue;
		cell.size += step;
		diff -= step;
	}
}

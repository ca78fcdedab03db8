// Members whose records are not plain: probationary, exempted and suspended members, and members
// who transferred between cells, so the screens that handle those cases have data to show.
import { addDays, addYears, bornAged, maxDate, randomDate } from './calendar';
import type { PersonPlan } from './plan-members';
import type { CellPlan } from './plan-units';
import type { Rng } from './rng';

const COUNTS = { probationary: 40, exempted: 10, suspended: 3, transferred: 15 };

export function planHistory(
	rng: Rng,
	people: PersonPlan[],
	cells: CellPlan[],
	today: string
): void {
	// At most one such member per cell, and only in cells of ≥ 5, so every cell keeps ≥ 3 full,
	// active members. Office holders, demo logins and mass-organization officers keep plain records.
	const usedCells = new Set<string>();
	const pool = rng.shuffle(people).filter((p) => {
		const eligible =
			p.cell.size >= 5 &&
			p.roles.length === 0 &&
			p.login === null &&
			p.mass_org_position === null &&
			!usedCells.has(p.cell.code);
		if (eligible) usedCells.add(p.cell.code);
		return eligible;
	});
	// Old enough records that an exemption, suspension or transfer fits between full membership
	// (a year after joining) and the demo's today.
	const seniorJoinedBefore = addYears(today, -5);
	const seniors = pool.filter((p) => p.joined_on < seniorJoinedBefore);
	let next = 0;
	const take = (count: number) => seniors.slice(next, (next += count));
	const elderly = addYears(today, -55);
	for (const person of take(COUNTS.exempted)) {
		const note =
			person.birth_date <= elderly ? 'Tuổi cao, sức khỏe yếu' : 'Sức khỏe yếu, điều trị dài ngày';
		const from = randomDate(rng, addYears(today, -4), addDays(today, -59));
		leaveOfficial(person, 'exempted', from, note);
	}
	for (const person of take(COUNTS.suspended)) {
		const note = 'Đình chỉ sinh hoạt đảng trong thời gian cấp có thẩm quyền xem xét';
		leaveOfficial(
			person,
			'suspended',
			randomDate(rng, addDays(today, -272), addDays(today, -28)),
			note
		);
	}
	for (const person of take(COUNTS.transferred)) transfer(rng, person, cells, today);
	const taken = new Set(seniors.slice(0, next));
	const juniors = pool.filter((p) => !taken.has(p)).slice(0, COUNTS.probationary);
	for (const person of juniors) makeProbationary(rng, person, today);
}

function leaveOfficial(
	person: PersonPlan,
	status: 'exempted' | 'suspended',
	from: string,
	note: string
): void {
	person.statuses = [
		{
			status: 'official',
			started_on: person.full_member_on ?? person.joined_on,
			ended_on: from,
			note: null
		},
		{ status, started_on: from, ended_on: null, note }
	];
}

/** A chuyển sinh hoạt đảng: the old membership ends the day the new one starts. */
function transfer(rng: Rng, person: PersonPlan, cells: CellPlan[], today: string): void {
	const others = cells.filter((c) => c.code !== person.cell.code);
	person.previousCellCode = rng.pick(others).code;
	person.since = randomDate(
		rng,
		maxDate(addYears(person.joined_on, 2), addYears(today, -11)),
		addDays(today, -44)
	);
}

/** Dự bị: admitted in the last 12 months, so younger, and not yet a full member. */
function makeProbationary(rng: Rng, person: PersonPlan, today: string): void {
	person.birth_date = bornAged(rng, today, 24, 35);
	person.joined_on = randomDate(rng, addDays(today, -360), addDays(today, -14));
	person.full_member_on = null;
	person.since = person.joined_on;
	person.statuses = [
		{ status: 'probationary', started_on: person.joined_on, ended_on: null, note: null }
	];
}

// The demo's people: who sits in which cell, their posts in the party, the office and the mass
// organizations, and the roles the application grants them.
import { staffTitles } from './agencies';
import { addDays, addYears, bornAged, minDate, randomDate } from './calendar';
import { asciiFold, personName, type Gender, type PersonName } from './names';
import type { CellPlan, TreePlan } from './plan-units';
import type { Rng } from './rng';

export type Role =
	| 'cell_secretary'
	| 'cell_deputy_secretary'
	| 'cell_committee_member'
	| 'grassroots_committee_member'
	| 'bloc_standing_committee'
	| 'organization_department'
	| 'inspection_commission';

export interface StatusPlan {
	status: 'probationary' | 'official' | 'exempted' | 'suspended';
	started_on: string;
	ended_on: string | null;
	note: string | null;
}

export interface PersonPlan {
	card_no: string;
	full_name: string;
	gender: Gender;
	birth_date: string;
	joined_on: string;
	full_member_on: string | null;
	party_position: string | null;
	government_position: string | null;
	mass_org_position: string | null;
	workplace: string;
	phone: string | null;
	email: string | null;
	cell: CellPlan;
	/** Start of the current membership. */
	since: string;
	/** A cell left by transfer, from joined_on until `since`. */
	previousCellCode: string | null;
	statuses: StatusPlan[];
	roles: { role: Role; unitCode: string; started_on: string }[];
	/** A friendly demo login replacing the card number. */
	login: string | null;
}

// Posts start at the last congresses before the demo's today (five-year terms: 2025–2030, …),
// cells first, then grassroots, then the bloc.
const CONGRESS_DAY = { cell: '05-20', grassroots: '07-15', bloc: '09-25' } as const;
const FIRST_TERM = 2025;
const TERM_YEARS = 5;
// Working age in an agency: from a graduate's first post to below the retirement age (61 years 6
// months for men and 57 for women in 2026, rising by law), so nobody in the demo is past it, in
// whichever year it is seeded.
const WORKING_AGE = { min: 23, max: { male: 60, female: 56 }, seniorMin: 40 } as const;
const EMAIL_DOMAIN = 'camket.example';

type Level = keyof typeof CONGRESS_DAY;

type Slot = 'secretary' | 'deputy' | 'committee';

interface PlanContext {
	cardNos: Set<string>;
	emails: Set<string>;
	/** The demo's today. */
	today: string;
	termStart: Record<Level, string>;
}

/** The last congress of a level on or before `today`. */
function termStart(today: string, level: Level): string {
	const year = +today.slice(0, 4);
	const congress = (y: number) => `${y}-${CONGRESS_DAY[level]}`;
	const last = year - ((((year - FIRST_TERM) % TERM_YEARS) + TERM_YEARS) % TERM_YEARS);
	return congress(last) <= today ? congress(last) : congress(last - TERM_YEARS);
}

export function planPeople(rng: Rng, tree: TreePlan, today: string): PersonPlan[] {
	const ctx: PlanContext = {
		cardNos: new Set(),
		emails: new Set(),
		today,
		termStart: {
			cell: termStart(today, 'cell'),
			grassroots: termStart(today, 'grassroots'),
			bloc: termStart(today, 'bloc')
		}
	};
	const people: PersonPlan[] = [];
	for (const cell of tree.cells) {
		const slots: Slot[] = ['secretary'];
		// Cells with ≥ 9 members elect a chi ủy (Statute art. 24), which always has a deputy.
		if (cell.size >= 9 || rng.chance(0.8)) slots.push('deputy');
		if (cell.size >= 9) slots.push(...Array<Slot>(rng.int(1, 2)).fill('committee'));
		for (const slot of slots) people.push(officeHolder(rng, ctx, cell, slot));
		for (const officer of cell.officers) {
			const person = newPerson(rng, ctx, cell, true);
			person.party_position = officer.party;
			person.government_position = officer.government;
			const term = officer.role === 'grassroots_committee_member' ? 'grassroots' : 'bloc';
			person.roles.push({
				role: officer.role,
				unitCode: officer.unitCode,
				started_on: ctx.termStart[term]
			});
			people.push(person);
		}
		for (let i = slots.length + cell.officers.length; i < cell.size; i++) {
			people.push(newPerson(rng, ctx, cell, false));
		}
	}
	electCommitteeMembers(rng, tree, people, ctx.termStart.grassroots);
	assignMassOrgPosts(rng, people, today);
	return people;
}

function officeHolder(rng: Rng, ctx: PlanContext, cell: CellPlan, slot: Slot): PersonPlan {
	const person = newPerson(rng, ctx, cell, true);
	if (slot === 'secretary') {
		person.party_position = 'Bí thư Chi bộ';
		person.government_position = cell.titles[0];
		person.roles.push({
			role: 'cell_secretary',
			unitCode: cell.code,
			started_on: ctx.termStart.cell
		});
	} else if (slot === 'deputy') {
		person.party_position = 'Phó Bí thư Chi bộ';
		person.government_position = cell.titles[1];
		person.roles.push({
			role: 'cell_deputy_secretary',
			unitCode: cell.code,
			started_on: ctx.termStart.cell
		});
	} else {
		person.party_position = 'Chi ủy viên';
		person.roles.push({
			role: 'cell_committee_member',
			unitCode: cell.code,
			started_on: ctx.termStart.cell
		});
	}
	return person;
}

function newPerson(rng: Rng, ctx: PlanContext, cell: CellPlan, senior: boolean): PersonPlan {
	// Office holders are older and more often men, as in the agencies the demo imitates.
	const gender: Gender = rng.chance(senior ? 0.65 : 0.5) ? 'male' : 'female';
	const name = personName(rng, gender);
	const { min, max, seniorMin } = WORKING_AGE;
	const birth = bornAged(rng, ctx.today, senior ? seniorMin : min, max[gender]);
	// Official members joined at least a year before the demo's today.
	const lastOfficialJoin = addDays(addYears(ctx.today, -1), -1);
	const joined = randomDate(
		rng,
		addYears(birth, 20),
		minDate(addYears(birth, 36), lastOfficialJoin)
	);
	const fullMember = addYears(joined, 1);
	return {
		card_no: cardNo(rng, ctx),
		full_name: name.full,
		gender,
		birth_date: birth,
		joined_on: joined,
		full_member_on: fullMember,
		party_position: null,
		government_position: rng.pick(staffTitles(cell.agency.code)),
		mass_org_position: null,
		workplace: cell.agency.name,
		phone: rng.chance(0.92) ? phone(rng) : null,
		email: rng.chance(0.35) ? email(ctx, name, cell.agency.code) : null,
		cell,
		since: joined,
		previousCellCode: null,
		statuses: [{ status: 'official', started_on: fullMember, ended_on: null, note: null }],
		roles: [],
		login: null
	};
}

function cardNo(rng: Rng, ctx: PlanContext): string {
	for (;;) {
		const candidate = String(rng.int(10_000_000, 99_999_999));
		if (!ctx.cardNos.has(candidate)) {
			ctx.cardNos.add(candidate);
			return candidate;
		}
	}
}

function phone(rng: Rng): string {
	return rng.pick(['09', '09', '09', '08', '03']) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Office-style address: given name + initials of the rest ("hungnv.stc@…"), numbered if taken. */
function email(ctx: PlanContext, name: PersonName, agencyCode: string): string {
	// Letters and digits only: "K' Brèo" gives "breok", "Điểu K'Lung" "klungd".
	const plain = (text: string) => asciiFold(text).replace(/[^a-z0-9]/g, '');
	const initials = `${name.family} ${name.middle}`
		.split(' ')
		.map((word) => plain(word).slice(0, 1))
		.join('');
	const local = `${plain(name.given)}${initials}.${agencyCode.toLowerCase()}`;
	let address = `${local}@${EMAIL_DOMAIN}`;
	for (let n = 2; ctx.emails.has(address); n++) address = `${local}${n}@${EMAIL_DOMAIN}`;
	ctx.emails.add(address);
	return address;
}

/** Each đảng ủy has its Bí thư and Phó Bí thư (seated as officers) plus 1–3 elected members. */
function electCommitteeMembers(
	rng: Rng,
	tree: TreePlan,
	people: PersonPlan[],
	termStarted: string
): void {
	const committees = tree.units.filter((u) => u.kind === 'grassroots_committee');
	for (const committee of committees) {
		const plain = people.filter(
			(p) => p.cell.grassrootsCode === committee.code && p.roles.length === 0
		);
		for (const person of rng.shuffle(plain).slice(0, rng.int(1, 3))) {
			person.party_position = 'Đảng ủy viên';
			person.roles.push({
				role: 'grassroots_committee_member',
				unitCode: committee.code,
				started_on: termStarted
			});
		}
	}
}

/** Trade union and youth union posts, one of each per tổ chức cơ sở đảng. */
function assignMassOrgPosts(rng: Rng, people: PersonPlan[], today: string): void {
	// Youth union officers are at most 35; veterans' association members have served long ago.
	const youngFrom = addYears(today, -36);
	const veteranBefore = addYears(today, -52);
	const byGrassroots = new Map<string, PersonPlan[]>();
	for (const person of people) {
		const group = byGrassroots.get(person.cell.grassrootsCode);
		if (group) group.push(person);
		else byGrassroots.set(person.cell.grassrootsCode, [person]);
	}
	for (const members of byGrassroots.values()) {
		const free = () => members.filter((p) => p.mass_org_position === null);
		rng.pick(free()).mass_org_position = 'Chủ tịch Công đoàn';
		const young = free().filter((p) => p.birth_date > youngFrom);
		if (young.length > 0) rng.pick(young).mass_org_position = 'Bí thư Chi đoàn';
		const women = free().filter((p) => p.gender === 'female');
		if (members.length >= 30 && women.length > 0) {
			rng.pick(women).mass_org_position = 'Trưởng ban Nữ công';
		}
		const veterans = free().filter((p) => p.gender === 'male' && p.birth_date < veteranBefore);
		if (members.length >= 30 && veterans.length > 0 && rng.chance(0.5)) {
			rng.pick(veterans).mass_org_position = 'Chi hội trưởng Cựu chiến binh';
		}
	}
}

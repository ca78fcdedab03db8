// The demo's plan in memory (no database): Lâm Đồng's bloc, every date relative to the day it is
// seeded, working-age members, and a few names of the province's own peoples.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BLOC, COMMITTEES, GRASSROOTS_CELLS } from './agencies';
import { addYears } from './calendar';
import { planDemo } from './seed';
import type { PersonPlan } from './plan-members';

const TODAY = '2026-11-28';

function digest(today: string): string {
	const { tree, people } = planDemo(today);
	const rows = people.map(({ cell, ...p }) => ({ ...p, cell: cell.code }));
	return createHash('sha256')
		.update(JSON.stringify([tree.units, rows]))
		.digest('hex');
}

/** Full years of age on `today`. */
function age(birth: string, today: string): number {
	const years = +today.slice(0, 4) - +birth.slice(0, 4);
	return today.slice(5) >= birth.slice(5) ? years : years - 1;
}

/** Every date a person's record carries. */
function dates(p: PersonPlan): string[] {
	return [
		p.birth_date,
		p.joined_on,
		p.since,
		...(p.full_member_on ? [p.full_member_on] : []),
		...p.statuses.flatMap((s) => [s.started_on, ...(s.ended_on ? [s.ended_on] : [])]),
		...p.roles.map((r) => r.started_on)
	];
}

describe('the demo plan', () => {
	it('is the same for the same today, and only its dates move with another today', () => {
		expect(digest(TODAY)).toBe(digest(TODAY));
		const now = planDemo(TODAY).people;
		const later = planDemo(addYears(TODAY, 1)).people;
		const names = (people: PersonPlan[]) => people.map((p) => [p.card_no, p.full_name]);
		expect(names(later)).toEqual(names(now));
		expect(later.map((p) => p.birth_date)).not.toEqual(now.map((p) => p.birth_date));
	});

	// A leap day and a year-start as well: the demo is seeded whatever the day.
	for (const today of [TODAY, addYears(TODAY, 1), '2028-02-29', '2031-01-01']) {
		it(`dates every record on or before its today (${today}), members of working age`, () => {
			const { people } = planDemo(today);
			const ages = people.map((p) => age(p.birth_date, today));
			expect(Math.min(...ages)).toBeGreaterThanOrEqual(22);
			expect(Math.max(...ages)).toBeLessThanOrEqual(62);
			// Women retire earlier than men.
			const women = people.filter((p) => p.gender === 'female');
			expect(Math.max(...women.map((p) => age(p.birth_date, today)))).toBeLessThanOrEqual(57);
			expect(people.flatMap(dates).filter((d) => d > today)).toEqual([]);
			for (const p of people) {
				expect(p.joined_on >= addYears(p.birth_date, 18), p.card_no).toBe(true);
				expect(p.since >= p.joined_on, p.card_no).toBe(true);
			}
			// Probationary members joined in the 12 months before today; the others at least a year before.
			const probationary = people.filter((p) => p.statuses[0].status === 'probationary');
			expect(probationary).toHaveLength(40);
			const yearAgo = addYears(today, -1);
			expect(probationary.filter((p) => p.joined_on <= yearAgo)).toEqual([]);
			const official = people.filter((p) => p.full_member_on !== null);
			expect(official.filter((p) => p.joined_on >= yearAgo)).toEqual([]);
			// Office holders took their posts at the last congresses, within the five years before.
			const posts = people.flatMap((p) => p.roles.map((r) => r.started_on));
			expect(posts.filter((d) => d <= addYears(today, -5))).toEqual([]);
		});
	}

	it('is Lâm Đồng’s bloc: the province in its name, nothing of the sea, each agency once', () => {
		expect(BLOC.name).toBe('Đảng bộ Khối các cơ quan tỉnh Lâm Đồng');
		const agencies = [...COMMITTEES, ...GRASSROOTS_CELLS];
		const names = agencies.flatMap((a) => [a.name, ...a.cells]);
		expect(
			names.filter((n) => /hải quan|cảng|cửa khẩu|biên phòng|hàng hải|biển|đảo/i.test(n))
		).toEqual([]);
		// An agency is listed once, and never again as another agency's office (" tỉnh" aside).
		const bare = (name: string) => name.replace(/ tỉnh$/, '');
		const agencyNames = agencies.map((a) => bare(a.name));
		expect(new Set(agencyNames).size).toBe(agencyNames.length);
		const offices = COMMITTEES.flatMap((a) => a.cells.map(bare));
		expect(offices.filter((o) => agencyNames.includes(o))).toEqual([]);
		const promotion = names.filter((n) => /xúc tiến/i.test(n));
		expect(promotion).toEqual(['Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh']);
		const itCentres = names.filter((n) => /^Trung tâm Công nghệ thông tin và Truyền thông/.test(n));
		expect(itCentres).toHaveLength(1);
	});

	it('gives a few percent of members K’Ho, Mạ and Chu Ru names', () => {
		const { people } = planDemo(TODAY);
		const highland = people.filter((p) =>
			/^(K'|Ka|Liêng Hót|Kơ Să|Cil|Điểu|Touneh|Ya|Ma) /.test(p.full_name)
		);
		expect(highland.length / people.length).toBeGreaterThan(0.015);
		expect(highland.length / people.length).toBeLessThan(0.06);
		const families = new Set(highland.map((p) => p.full_name.split(' ')[0]));
		for (const f of ["K'", 'Ka', 'Điểu', 'Touneh']) expect(families).toContain(f);
		// Their office e-mail addresses are plain letters like everyone's.
		const emails = highland.flatMap((p) => (p.email ? [p.email] : []));
		expect(emails.length).toBeGreaterThan(0);
		for (const e of emails) expect(e).toMatch(/^[a-z0-9]+\.[a-z]+@camket\.example$/);
	});
});

// Following registrations (registrations/progress.ts): a cell's members with their state, the
// counts per unit under a committee or the bloc; and the home page's section
// (registrations/home.ts): the member's open years, the registrations waiting for a reviewer.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItem, RegistrationContent } from '$lib/domain/registration/content';
import { deriveState } from '$lib/domain/registration/states';
import { ok } from '$lib/domain/result';
import type { ScopedUnit } from '$lib/server/access/guard';
import { loadRegistration } from '$lib/server/registrations/chain';
import { registrationsHome } from '$lib/server/registrations/home';
import * as own from '$lib/server/registrations/member';
import {
	listCellRegistrations,
	listRegistrationRates,
	type RegistrationRates
} from '$lib/server/registrations/progress';
import { reviewRegistration } from '$lib/server/registrations/review';
import { transferMember } from '$lib/server/members/write';
import { createTestDb, type TestDb } from './helpers/db';
import { grant, insertUnit, memberIn, newMember } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number };
const AN = '10000001'; // secretary of C1, its only reviewer
const BINH = '10000002'; // C1
const CUONG = '10000003'; // C1
const DUNG = '10000004'; // C2, member of G1's committee
const EM = '10000005'; // C2, made its secretary below
const HA = '10000006'; // GC (no reviewer), the bloc's organization department
const HUY = '10000007'; // GC
// Added to C1 below (Đảng viên 1000000x).
const P8 = '10000008';
const P9 = '10000009'; // transferred to C2 once approved
const P10 = '10000010';
const P11 = '10000011';

/** Member id and cell by card number. */
const people: Record<string, { id: number; cell: ScopedUnit }> = {};

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id);
	await grant(t.db, await accountOf(EM), 'cell_secretary', tree.units.C2.id);
	for (const card of [AN, BINH, CUONG])
		people[card] = { id: tree.members[card], cell: tree.units.C1 };
	for (const card of [DUNG, EM]) people[card] = { id: tree.members[card], cell: tree.units.C2 };
	for (const card of [HA, HUY]) people[card] = { id: tree.members[card], cell: tree.units.GC };
	for (const card of [P8, P9, P10, P11])
		people[card] = { id: (await newMember(t.db, card, tree.units.C1.id)).id, cell: tree.units.C1 };
});
afterAll(async () => t?.close());

async function accountOf(card: string): Promise<number> {
	const a = await t.db
		.selectFrom('accounts')
		.select('id')
		.where('login', '=', card)
		.executeTakeFirstOrThrow();
	return a.id;
}

const as = async (card: string) => ctxFor(t.db, await accountOf(card));
const handle = (card: string) => memberIn(people[card].id, people[card].cell);

const act = (y: number, n: number): ActionItem => ({
	key: `act${String(n).padStart(7, '0')}`,
	title: `Việc làm cụ thể số ${n}`,
	area: 'duties',
	target: { kind: 'number', value: n, unit: 'việc' },
	due: { kind: 'deadline', on: `${y}-10-15` },
	evidence: 'Báo cáo chi bộ'
});

/** Content with `n` actions. */
const content = (y: number, n: number): RegistrationContent => ({
	studies: [{ content: 'Chuyên đề năm', when: 'Quý I' }],
	actions: Array.from({ length: n }, (_, i) => act(y, i + 1)),
	plan: { content: 'Gần dân', measures: 'Tự kiểm tra', timeline: 'Cả năm' }
});

async function opened(card: string, yearNumber: number) {
	const ctx = await as(card);
	const r = await own.openOwn(ctx, yearNumber);
	if (!r) throw new Error(`no registration for ${card}`);
	return { ctx, r };
}

const must = <T>(result: { ok: true; value: T } | { ok: false; problem: { code: string } }) => {
	if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
	return result.value;
};

async function submitAs(card: string, y: { year: number }, actions: number) {
	const { ctx, r } = await opened(card, y.year);
	return must(await own.submit(ctx, r, content(y.year, actions)));
}
async function draftAs(card: string, y: { year: number }, actions: number) {
	const { ctx, r } = await opened(card, y.year);
	must(await own.saveDraft(ctx, r, content(y.year, actions)));
}
async function editAs(card: string, y: { year: number }) {
	const { ctx, r } = await opened(card, y.year);
	must(await own.startEdit(ctx, r));
}
async function decide(
	reviewer: string,
	card: string,
	id: number,
	decision: 'approved' | 'returned'
) {
	const comment = decision === 'returned' ? 'Đề nghị bổ sung chỉ tiêu.' : '';
	must(await reviewRegistration(await as(reviewer), handle(card), id, decision, comment));
}

const COUNTS = [
	'members',
	'registered',
	'approved',
	'submitted',
	'returned',
	'draft',
	'not_started'
] as const satisfies readonly (keyof RegistrationRates)[];

const counts = (r: RegistrationRates) => Object.fromEntries(COUNTS.map((k) => [k, r[k]]));
const sumOf = (rows: RegistrationRates[]) =>
	Object.fromEntries(COUNTS.map((k) => [k, rows.reduce((n, r) => n + r[k], 0)]));

/** The counts a cell's rows give (`registered` from the versions stored). */
async function countsOfCell(cell: ScopedUnit, yearId: number) {
	const rows = await listCellRegistrations(t.db, cell, yearId, 1);
	const versions = await t.db
		.selectFrom('registrations')
		.select('member_id')
		.distinct()
		.where('year_id', '=', yearId)
		.execute();
	const withVersion = new Set(versions.map((v) => v.member_id));
	const state = (s: string) => rows.filter((r) => r.state === s).length;
	return {
		members: rows.length,
		registered: rows.filter((r) => withVersion.has(r.member_id)).length,
		approved: state('approved'),
		submitted: state('submitted'),
		returned: state('returned'),
		draft: state('draft'),
		not_started: state('not_started')
	};
}

describe.sequential('a cell’s members and the counts per unit', () => {
	beforeAll(async () => {
		// C1: the secretary edits after approval, one of each state, a draft never submitted.
		const an = await submitAs(AN, year, 1);
		await decide(DUNG, AN, an, 'approved');
		await editAs(AN, year);
		await draftAs(AN, year, 3);
		await submitAs(BINH, year, 2);
		await decide(AN, CUONG, await submitAs(CUONG, year, 1), 'returned');
		await decide(AN, P9, await submitAs(P9, year, 2), 'approved');
		await draftAs(P10, year, 1);
		// P11 returned, edited, submitted again: waiting, two versions.
		await decide(AN, P11, await submitAs(P11, year, 1), 'returned');
		await editAs(P11, year);
		await submitAs(P11, year, 4);
		// C2: approved by its secretary; the secretary has not started.
		await decide(EM, DUNG, await submitAs(DUNG, year, 1), 'approved');
		// GC, without a reviewer: one waits, one drafts.
		await submitAs(HA, year, 1);
		await draftAs(HUY, year, 2);
	});

	it('lists every current member of the cell with their state and the actions of what they hold', async () => {
		const rows = await listCellRegistrations(t.db, tree.units.C1, year.id, 1);
		const row = (card: string, full_name: string, state: string, actions: number) => ({
			member_id: people[card].id,
			full_name,
			state,
			actions,
			// No reports in this file: every member's report for the period is still to come.
			report_late: null
		});
		// In the order of the names folded (đ as d, no marks), as the database sorts them.
		expect(rows).toEqual([
			row(P8, 'Đảng viên 10000008', 'not_started', 0),
			row(P9, 'Đảng viên 10000009', 'approved', 2),
			row(P10, 'Đảng viên 10000010', 'draft', 1),
			row(P11, 'Đảng viên 10000011', 'submitted', 4),
			row(CUONG, 'Lê Đức Cường', 'returned', 1),
			row(AN, 'Nguyễn Văn An', 'draft', 3),
			row(BINH, 'Trần Thị Bình', 'submitted', 2)
		]);
	});

	it('gives each member the state their own page derives', async () => {
		for (const cell of [tree.units.C1, tree.units.C2, tree.units.GC]) {
			const rows = await listCellRegistrations(t.db, cell, year.id, 1);
			for (const r of rows) {
				const chain = await loadRegistration(t.db, memberIn(r.member_id, cell), year.id);
				expect(r.state, r.full_name).toBe(chain.state);
				expect(r.state).toBe(deriveState({ hasDraft: !!chain.draft, latest: chain.latest }));
				expect(r.actions, r.full_name).toBe(
					(chain.draft?.content ?? chain.latest?.content)?.actions.length ?? 0
				);
			}
		}
	});

	it('counts per cell under the committee: registered is whoever submitted a version', async () => {
		const rates = await listRegistrationRates(t.db, tree.units.G1, year.id);
		expect(rates.map((r) => [r.id, r.name, r.kind])).toEqual([
			[tree.units.C1.id, 'Đơn vị C1', 'cell'],
			[tree.units.C2.id, 'Đơn vị C2', 'cell']
		]);
		// The secretary editing after approval is still registered; P10's draft is not.
		expect(counts(rates[0])).toEqual({
			members: 7,
			registered: 5,
			approved: 1,
			submitted: 2,
			returned: 1,
			draft: 2,
			not_started: 1
		});
		expect(counts(rates[1])).toEqual({
			members: 2,
			registered: 1,
			approved: 1,
			submitted: 0,
			returned: 0,
			draft: 0,
			not_started: 1
		});
		for (const r of rates)
			expect(counts(r), r.name).toEqual(
				await countsOfCell(r.id === tree.units.C1.id ? tree.units.C1 : tree.units.C2, year.id)
			);
	});

	it('counts per unit under the bloc, each the sum of the units under it', async () => {
		const [g1, gc, ...rest] = await listRegistrationRates(t.db, tree.units.B, year.id);
		expect(rest).toEqual([]);
		expect([g1.id, gc.id]).toEqual([tree.units.G1.id, tree.units.GC.id]);
		expect(counts(g1)).toEqual(sumOf(await listRegistrationRates(t.db, tree.units.G1, year.id)));
		expect(counts(g1)).toMatchObject({ members: 9, registered: 6 });
		expect(counts(gc)).toEqual({
			members: 2,
			registered: 1,
			approved: 0,
			submitted: 1,
			returned: 0,
			draft: 1,
			not_started: 0
		});
		expect(counts(gc)).toEqual(await countsOfCell(tree.units.GC, year.id));
		// A cell has no unit under it.
		expect(await listRegistrationRates(t.db, tree.units.C1, year.id)).toEqual([]);
	});

	it('counts each year by itself', async () => {
		const other = await openYear(t.db, tree.units.B.id, { year: 2030 });
		const [g1, gc] = await listRegistrationRates(t.db, tree.units.B, other.id);
		expect(counts(g1)).toEqual({ ...sumOf([]), members: 9, not_started: 9 });
		expect(counts(gc)).toEqual({ ...sumOf([]), members: 2, not_started: 2 });
		expect(
			(await listCellRegistrations(t.db, tree.units.C1, other.id, 1)).map((r) => [
				r.state,
				r.actions
			])
		).toEqual(Array.from({ length: 7 }, () => ['not_started', 0]));
	});

	it('lists no dissolved unit', async () => {
		const gone = await insertUnit(t.db, 'C9', 'cell', tree.units.G1.id);
		await t.db
			.updateTable('org_units')
			.set({ dissolved_on: '2025-01-01' })
			.where('id', '=', gone.id)
			.execute();
		const rates = await listRegistrationRates(t.db, tree.units.G1, year.id);
		expect(rates.map((r) => r.id)).toEqual([tree.units.C1.id, tree.units.C2.id]);
	});

	it('follows a member transferred out to their new cell; the totals above stay', async () => {
		const g1Before = (await listRegistrationRates(t.db, tree.units.B, year.id))[0];
		const committee = await ctxFor(t.db, tree.accounts.committee);
		expect(await transferMember(committee, handle(P9), tree.units.C2, '2025-06-01')).toEqual(ok());
		people[P9].cell = tree.units.C2;
		const c1 = await listCellRegistrations(t.db, tree.units.C1, year.id, 1);
		expect(c1.map((r) => r.member_id)).not.toContain(people[P9].id);
		expect(c1).toHaveLength(6);
		const c2 = await listCellRegistrations(t.db, tree.units.C2, year.id, 1);
		expect(c2.find((r) => r.member_id === people[P9].id)).toMatchObject({
			state: 'approved',
			actions: 2
		});
		const [c1Rates, c2Rates] = await listRegistrationRates(t.db, tree.units.G1, year.id);
		expect(counts(c1Rates)).toMatchObject({ members: 6, registered: 4, approved: 0 });
		expect(counts(c2Rates)).toMatchObject({ members: 3, registered: 2, approved: 2 });
		const g1After = (await listRegistrationRates(t.db, tree.units.B, year.id))[0];
		expect(counts(g1After)).toEqual(counts(g1Before));
		expect(counts(g1After)).toEqual(sumOf([c1Rates, c2Rates]));
	});
});

// After the block above: P9 is in C2 now. A second open year of the bloc, and a closed one.
describe('the home page', () => {
	let y2: { id: number; year: number };
	const closesOn: Record<number, string> = {};

	beforeAll(async () => {
		y2 = await openYear(t.db, tree.units.B.id, { year: 2028 });
		await submitAs(AN, y2, 1); // the lone secretary's own: the committee's to approve
		await submitAs(BINH, y2, 1); // waiting
		await submitAs(P8, y2, 1); // waiting
		await submitAs(CUONG, y2, 1);
		await editAs(CUONG, y2); // being edited: not waiting
		await decide(AN, P10, await submitAs(P10, y2, 1), 'returned');
		await decide(AN, P11, await submitAs(P11, y2, 1), 'approved');
		await submitAs(DUNG, y2, 1); // C2: waiting for its secretary
		await submitAs(P9, y2, 1); // in C2 now
		// A closed year counts for nobody.
		const y3 = await openYear(t.db, tree.units.B.id, { year: 2029 });
		await submitAs(BINH, y3, 1);
		await t.db
			.updateTable('review_years')
			.set({ status: 'closed', closed_at: sql<Date>`now()` })
			.where('id', '=', y3.id)
			.execute();
		const windows = await t.db
			.selectFrom('review_years')
			.select(['year', 'registration_closes_on'])
			.execute();
		for (const w of windows) closesOn[w.year] = w.registration_closes_on;
	});

	const home = async (card: string) => registrationsHome.load(await as(card));
	const due = (y: number, state: string) => ({
		year: y,
		state,
		phase: { state: 'open', closesOn: closesOn[y] },
		href: `/registrations/${y}`,
		// Nothing approved here: no report is due yet.
		reports: null
	});

	it('gives the member each open year of their cell, newest first, with its state and window', async () => {
		expect(await home(BINH)).toEqual({
			years: [due(2030, 'not_started'), due(2028, 'submitted'), due(year.year, 'submitted')],
			toReview: []
		});
		expect((await home(CUONG))?.years.map((d) => d.state)).toEqual([
			'not_started',
			'draft',
			'returned'
		]);
		expect((await home(AN))?.years.map((d) => d.state)).toEqual([
			'not_started',
			'submitted',
			'draft'
		]);
		// A year whose registration window has not opened says when it does.
		await t.db
			.updateTable('review_years')
			.set({ registration_opens_on: '2099-01-01', registration_closes_on: '2099-02-01' })
			.where('year', '=', 2030)
			.execute();
		expect((await home(HUY))?.years[0]).toEqual({
			year: 2030,
			state: 'not_started',
			phase: { state: 'not_yet', opensOn: '2099-01-01' },
			href: '/registrations/2030',
			reports: null
		});
	});

	it('counts for the secretary what waits in their cell: not their own, nor edited, nor decided', async () => {
		const c1 = { unitId: tree.units.C1.id, unitName: 'Đơn vị C1' };
		expect((await home(AN))?.toReview).toEqual([
			{ ...c1, year: year.year, count: 2 }, // Bình, and P11's second version
			{ ...c1, year: 2028, count: 2 } // Bình and P8
		]);
		expect((await home(EM))?.toReview).toEqual([
			{ unitId: tree.units.C2.id, unitName: 'Đơn vị C2', year: 2028, count: 2 }
		]);
	});

	it('shows the committee member the lone secretary’s registration as waiting for them', async () => {
		const dung = await home(DUNG);
		expect(dung?.toReview).toEqual([
			{ unitId: tree.units.C1.id, unitName: 'Đơn vị C1', year: 2028, count: 1 }
		]);
		expect(dung?.years.map((d) => [d.year, d.state])).toEqual([
			[2030, 'not_started'],
			[2028, 'submitted'],
			[year.year, 'approved']
		]);
		// Once the committee approved it, nothing waits for them.
		const an = (await loadRegistration(t.db, handle(AN), y2.id)).latest!;
		await decide(DUNG, AN, an.id, 'approved');
		expect((await home(DUNG))?.toReview).toEqual([]);
	});

	it('gives nothing to whoever neither belongs to a cell nor reviews one', async () => {
		expect(await registrationsHome.load(await ctxFor(t.db, tree.accounts.admin))).toBeNull();
		// The organization department reviews no registration.
		expect((await home(HA))?.toReview).toEqual([]);
	});
});

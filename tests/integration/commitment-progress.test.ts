// Following up commitments: states per member in a cell, rates by unit, bulk confirmation,
// reminders, the member's home page, and who may see and do what (through the route guards).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuse } from '$lib/domain/result';
import type { Ctx } from '$lib/server/access/guard';
import { review } from '$lib/server/commitments/review';
import { countStates, listCellCommitments } from '$lib/server/commitments/progress';
import { listUnitRates, totalRates } from '$lib/server/commitments/rates';
import { loadHome } from '$lib/server/home';
import { unitAncestors } from '$lib/server/members/read';
import { markRead } from '$lib/server/notifications/store';
import { commitmentsHome } from '$lib/server/commitments/home';
import { findUnitWithYears, listYearsForPath } from '$lib/server/years/read';
import * as progressRoute from '../../src/routes/(app)/units/[id]/commitments/+page.server';
import * as noticeRoute from '../../src/routes/(app)/notifications/+page.server';
import * as memberRoute from '../../src/routes/(app)/members/[id]/commitments/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent, type EventOptions, type Handler } from './helpers/event';
import {
	amendAs,
	draftAs,
	openYear,
	reviewAs,
	setPasswords,
	signAs
} from './helpers/progress-setup';
import { grant } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number };
/** Account id by card number (the tree's logins are the card numbers). */
const acc: Record<string, number> = {};
/** Commitment ids by first name. */
const signed: Record<string, number> = {};

const AN = '10000001'; // secretary of C1
const BINH = '10000002';
const CUONG = '10000003';
const DUNG = '10000004'; // C2, grassroots committee member of G1
const EM = '10000005'; // C2, made secretary of C2 below
const HA = '10000006'; // GC, organization department of the bloc
const HUY = '10000007';

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	await setPasswords(t.db);
	year = await openYear(t.db, tree.units.B.id);
	for (const a of await t.db.selectFrom('accounts').select(['id', 'login']).execute())
		acc[a.login] = a.id;
	await grant(t.db, acc[EM], 'cell_secretary', tree.units.C2.id);

	signed.an = await signAs(t.db, acc[AN], year.year);
	signed.binh = await signAs(t.db, acc[BINH], year.year);
	await reviewAs(t.db, acc[AN], signed.binh, 'confirmed');
	signed.cuong = await signAs(t.db, acc[CUONG], year.year);
	await reviewAs(t.db, acc[AN], signed.cuong, 'returned', 'Đề nghị bổ sung nội dung cụ thể.');
	signed.dung = await signAs(t.db, acc[DUNG], year.year);
	signed.ha = await signAs(t.db, acc[HA], year.year);
	await amendAs(t.db, acc[HA], year.year);
	await draftAs(t.db, acc[HUY], year.year);
});
afterAll(async () => t?.close());

const onCell = (ctx: Ctx, unitId: number, opts: Omit<EventOptions, 'params'> = {}) =>
	requestEvent(ctx, '/(app)/units/[id]/commitments', { params: { id: String(unitId) }, ...opts });

const as = (card: string) => ctxFor(t.db, acc[card]);
const load = progressRoute.load as unknown as Handler;
const confirm = progressRoute.actions.confirm as unknown as Handler;
const remind = progressRoute.actions.remind as unknown as Handler;

/** What the follow-up page gives a cell. */
interface Cell {
	rows: { card_no: string; reviewable: boolean }[];
	counts: Record<string, number>;
	canConfirm: boolean;
	canRemind: boolean;
}

/** The latest signed version of a member's commitment this year. */
const latestOf = async (card: string): Promise<number> => {
	const row = await t.db
		.selectFrom('commitments')
		.select('id')
		.where('member_id', '=', tree.members[card])
		.where('year_id', '=', year.id)
		.orderBy('version', 'desc')
		.executeTakeFirstOrThrow();
	return row.id;
};

const states = async (cell: 'C1' | 'C2' | 'GC') =>
	Object.fromEntries(
		(await listCellCommitments(t.db, tree.units[cell].id, year.id)).map((r) => [
			r.card_no,
			[r.state, r.version]
		])
	);

// One sequence on the commitments beforeAll signed: the reads first, then the writes (bulk
// confirmation, reminders, an amendment signed again), each test starting where the last one left.
describe.sequential('commitment follow-up', () => {
	it('derives each member’s state in a cell, with version and dates', async () => {
		expect(await states('C1')).toEqual({
			[AN]: ['signed', 1],
			[BINH]: ['confirmed', 1],
			[CUONG]: ['returned', 1]
		});
		expect(await states('C2')).toEqual({ [DUNG]: ['signed', 1], [EM]: ['not_started', null] });
		// An amendment in progress is a draft again; a draft without a signature too.
		expect(await states('GC')).toEqual({ [HA]: ['draft', 1], [HUY]: ['draft', null] });
		const c1 = await listCellCommitments(t.db, tree.units.C1.id, year.id);
		const binh = c1.find((r) => r.card_no === BINH)!;
		expect(binh.confirmed_at).toBeInstanceOf(Date);
		expect(binh.signed_at).toBeInstanceOf(Date);
		expect(c1.find((r) => r.card_no === CUONG)!.returned_at).toBeInstanceOf(Date);
		expect(c1.find((r) => r.card_no === AN)!.commitment_id).toBe(signed.an);
	});

	it('counts rates by direct child unit, and they add up', async () => {
		const bloc = await listUnitRates(t.db, tree.units.B, year.id);
		expect(bloc.map((u) => u.name)).toEqual(['Đơn vị G1', 'Đơn vị GC']);
		expect(bloc[0]).toMatchObject({
			members: 5,
			signed: 4,
			confirmed: 1,
			awaiting: 2,
			returned: 1,
			draft: 0,
			not_started: 1
		});
		expect(bloc[1]).toMatchObject({ members: 2, signed: 1, draft: 2, not_started: 0 });
		const g1 = await listUnitRates(t.db, tree.units.G1, year.id);
		expect(totalRates(g1)).toEqual(totalRates([bloc[0]]));
		for (const u of [...bloc, ...g1]) {
			// Every member is in exactly one state.
			expect(u.confirmed + u.awaiting + u.returned + u.draft + u.not_started).toBe(u.members);
		}
		for (const cell of g1) {
			const counts = countStates(await listCellCommitments(t.db, cell.id, year.id));
			expect(cell).toMatchObject({
				members: Object.values(counts).reduce((a, b) => a + b, 0),
				confirmed: counts.confirmed,
				awaiting: counts.signed,
				returned: counts.returned,
				draft: counts.draft,
				not_started: counts.not_started
			});
		}
		// A cell has no child units: its own rates come from its parent's page.
		expect(await listUnitRates(t.db, tree.units.C1, year.id)).toEqual([]);
	});

	it('shows a cell its members, a committee its units, and filters by state', async () => {
		const cell = (await load(onCell(await as(AN), tree.units.C1.id))) as {
			cell: Cell;
			units: null;
			year: { year: number };
		};
		expect(cell.year.year).toBe(year.year);
		expect(cell.cell.rows).toHaveLength(3);
		expect(cell.cell.counts).toEqual({
			not_started: 0,
			draft: 0,
			signed: 1,
			returned: 1,
			confirmed: 1
		});
		// The secretary reminds; the only signed commitment waiting is his own, not his to confirm.
		expect(cell.cell).toMatchObject({ canRemind: true, canConfirm: false });
		expect(cell.cell.rows.filter((r) => r.reviewable)).toEqual([]);
		const filtered = (await load(
			onCell(await as(AN), tree.units.C1.id, { search: '?state=returned' })
		)) as {
			cell: { rows: { card_no: string }[] };
		};
		expect(filtered.cell.rows.map((r) => r.card_no)).toEqual([CUONG]);
		// The committee reads the cell and does not remind it; C1 has no deputy, so the secretary's
		// own commitment is the committee's to confirm, and nothing else is.
		const byCommittee = (await load(onCell(await as(DUNG), tree.units.C1.id))) as {
			cell: Cell;
		};
		expect(byCommittee.cell).toMatchObject({ canRemind: false, canConfirm: true });
		expect(byCommittee.cell.rows.filter((r) => r.reviewable).map((r) => r.card_no)).toEqual([AN]);
		const committee = (await load(onCell(await as(DUNG), tree.units.G1.id))) as {
			units: { rows: { name: string; members: number }[]; totals: { members: number } };
		};
		expect(committee.units.totals.members).toBe(5);
		expect(committee.units.rows.map((r) => r.name).sort()).toEqual(['Đơn vị C1', 'Đơn vị C2']);
	});

	it('reads a unit, its breadcrumbs and years in one query, as the separate readers do', async () => {
		expect(await findUnitWithYears(t.db, 999_999)).toBeUndefined();
		for (const unit of [tree.units.C1, tree.units.G1, tree.units.B]) {
			const both = (await findUnitWithYears(t.db, unit.id))!;
			expect(both).toMatchObject({ id: unit.id, path: unit.path });
			expect(both.ancestors).toEqual(await unitAncestors(t.db, unit.path));
			const years = await listYearsForPath(t.db, unit.path);
			expect(years.length).toBeGreaterThan(0);
			expect(both.years).toEqual(
				years.map((y) =>
					Object.fromEntries(Object.keys(both.years[0]).map((k) => [k, y[k as 'id']]))
				)
			);
		}
	});

	it("gives a member's home the years of the cell of their open membership", async () => {
		const home = await commitmentsHome.load(await as(DUNG));
		expect(home?.years.map((y) => y.year)).toEqual(
			(await listYearsForPath(t.db, tree.units.C2.path)).map((y) => y.year)
		);
	});

	it('guards: out of scope is 404, reading is not reviewing', async () => {
		const c1 = tree.units.C1.id;
		// The secretary of another cell, a plain member, a missing unit.
		await expect(load(onCell(await as(EM), c1))).rejects.toMatchObject({ status: 404 });
		await expect(load(onCell(await as(BINH), c1))).rejects.toMatchObject({ status: 404 });
		await expect(load(onCell(await as(AN), 999_999))).rejects.toMatchObject({ status: 404 });
		await expect(load(onCell(await as(AN), tree.units.G1.id))).rejects.toMatchObject({
			status: 404
		});
		for (const card of [EM, BINH, DUNG, HA]) {
			const ctx = await as(card);
			const ids: [string, string][] = [['ids', String(signed.an)]];
			// The committee above C1 confirms its lone secretary's commitment (tested below).
			if (card !== DUNG)
				await expect(confirm(onCell(ctx, c1, { form: ids }))).rejects.toMatchObject({
					status: 404
				});
			await expect(
				remind(onCell(ctx, c1, { form: [['year_id', String(year.id)]] }))
			).rejects.toMatchObject({ status: 404 });
		}
		expect((await states('C1'))[AN]).toEqual(['signed', 1]);
	});

	it('bulk-confirms only what can be confirmed in the secretary’s own cell, never their own', async () => {
		const ids = [signed.an, signed.binh, signed.cuong, signed.dung, signed.ha].map(
			(id): [string, string] => ['ids', String(id)]
		);
		const result = await confirm(onCell(await as(AN), tree.units.C1.id, { form: ids }));
		// AN's own commitment is the only signed one in C1: a secretary does not confirm their own.
		expect(result).toEqual({ confirm: { confirmed: 0, skipped: 5 } });
		expect((await states('C1'))[AN]).toEqual(['signed', 1]);
		expect((await states('C2'))[DUNG]).toEqual(['signed', 1]);
		expect((await states('GC'))[HA]).toEqual(['draft', 1]);
		const none = await confirm(onCell(await as(AN), tree.units.C1.id, { form: [] }));
		expect(none).toMatchObject({ status: 400, data: { confirm: { none: true } } });
		// A batch over the limit is refused whole, with how many were sent, and nothing is done:
		// never the first thousand confirmed and the rest dropped.
		const many: [string, string][] = [
			signed.binh,
			...Array.from({ length: 1000 }, (_, i) => 500_000 + i)
		]
			.reverse()
			.map((id) => ['ids', String(id)]);
		const tooMany = await confirm(onCell(await as(AN), tree.units.C1.id, { form: many }));
		expect(tooMany).toMatchObject({ status: 400, data: { confirm: { tooMany: 1001, max: 1000 } } });
		const audit = await t.db
			.selectFrom('audit_log')
			.select('entity_id')
			.where('action', '=', 'commitment.confirmed')
			.execute();
		expect(audit.map((a) => Number(a.entity_id))).toEqual([signed.binh]);
	});

	it('reminds only the members who have not signed, once while unread', async () => {
		delete process.env.SMTP_URL;
		const sendC2 = async () =>
			remind(onCell(await as(EM), tree.units.C2.id, { form: [['year_id', String(year.id)]] }));
		expect(await sendC2()).toEqual({
			remind: { reminded: 1, notified: 1, emailed: 0, mailFailed: 0 }
		});
		// Sent again within the hour: refused, saying from when it may go out again.
		const again = (await sendC2()) as { status: number; data: { remind: { again: string } } };
		expect(again).toMatchObject({ status: 429 });
		const wait = Date.parse(again.data.remind.again) - Date.now();
		expect(wait).toBeGreaterThan(59 * 60_000);
		expect(wait).toBeLessThanOrEqual(60 * 60_000);
		// An hour later it goes out; the reminder is still unread, so no second notification.
		await t.db
			.updateTable('login_throttle')
			.set({ blocked_until: new Date(Date.now() - 1000) })
			.execute();
		expect(await sendC2()).toMatchObject({ remind: { reminded: 1, notified: 0 } });
		const notes = await t.db
			.selectFrom('notifications')
			.select(['account_id', 'payload'])
			.where('kind', '=', 'commitment.reminder')
			.execute();
		expect(notes).toEqual([{ account_id: acc[EM], payload: { year_id: year.id } }]);
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['entity_type', 'entity_id', 'unit_path', 'changes', 'actor_account_id'])
			.where('action', '=', 'commitment.reminders_sent')
			.orderBy('id')
			.execute();
		expect(audit).toHaveLength(2);
		expect(audit[0]).toMatchObject({
			entity_type: 'unit',
			entity_id: String(tree.units.C2.id),
			unit_path: tree.units.C2.path,
			actor_account_id: acc[EM],
			changes: { year: year.year, reminded: 1, notified: 1 }
		});
		// A year from somewhere else is not found.
		await expect(
			remind(onCell(await as(EM), tree.units.C2.id, { form: [['year_id', '999999']] }))
		).rejects.toMatchObject({ status: 404 });
	});

	/** The home page's unread notices and its commitments section. */
	async function dueForMember(ctx: Ctx) {
		const home = await loadHome(ctx);
		const section = home.sections.commitments;
		return {
			notices: home.notices,
			years: section?.years ?? [],
			toReview: section?.toReview ?? []
		};
	}

	it('tells the member what is due, with the cell’s comment, until they read it', async () => {
		const cuong = await as(CUONG);
		const due = await dueForMember(cuong);
		expect(due.years).toMatchObject([
			{ year: year.year, state: 'returned', phase: { state: 'open' }, version: 1 }
		]);
		expect(due.years[0].href).toBe(`/commitments/${year.year}`);
		expect(due.notices).toMatchObject([
			{ kind: 'commitment.returned', year: year.year, comment: 'Đề nghị bổ sung nội dung cụ thể.' }
		]);
		// Someone else cannot mark it read.
		expect(await markRead(await as(AN), due.notices[0].id)).toBe(0);
		const read = noticeRoute.actions.read as unknown as Handler;
		const form: [string, string][] = [
			['id', due.notices[0].id],
			['next', '//evil.example/']
		];
		await expect(read(requestEvent(cuong, '/(app)/notifications', { form }))).rejects.toMatchObject(
			{
				status: 303,
				location: '/notifications'
			}
		);
		expect((await dueForMember(cuong)).notices).toEqual([]);
		// The secretary's own signed commitment is not theirs to confirm: nothing waits for them.
		expect((await dueForMember(await as(AN))).toReview).toEqual([]);
		// The member amends and signs again: version 2 waits for the cell.
		await amendAs(t.db, acc[CUONG], year.year);
		expect((await dueForMember(cuong)).years[0].state).toBe('draft');
		await signAs(t.db, acc[CUONG], year.year, 'Nội dung đã bổ sung.');
		expect((await states('C1'))[CUONG]).toEqual(['signed', 2]);
		expect((await dueForMember(cuong)).years[0]).toMatchObject({ state: 'signed', version: 2 });
		expect((await dueForMember(await as(AN))).toReview).toEqual([
			{ unitId: tree.units.C1.id, unitName: tree.units.C1.name, year: year.year, count: 1 }
		]);
		expect((await dueForMember(cuong)).toReview).toEqual([]);
		// An account without a member record sees notices only.
		const admin = await ctxFor(t.db, tree.accounts.admin);
		expect(await loadHome(admin)).toEqual({
			notices: [],
			sections: { commitments: null, registrations: null, assessments: null, ratings: null }
		});
		// A draft that was never signed, and nothing at all.
		const [huy] = (await dueForMember(await as(HUY))).years;
		expect(huy).toMatchObject({ state: 'draft', version: null, signedAt: null });
		expect((await dueForMember(await as(EM))).years[0]).toMatchObject({
			state: 'not_started',
			version: null
		});
	});
});

// Continues the follow-up sequence: AN's signed commitment and CUONG's second version.
describe.sequential('a secretary’s own commitment', () => {
	const memberPage = (ctx: Ctx, card: string, form?: Record<string, string>) =>
		requestEvent(ctx, '/(app)/members/[id]/commitments', {
			params: { id: String(tree.members[card]) },
			...(form ? { search: '?/review', form } : {})
		});
	const memberLoad = memberRoute.load as unknown as Handler;
	const memberReview = memberRoute.actions.review as unknown as Handler;
	const toReview = async (card: string) =>
		(await loadHome(await as(card))).sections.commitments?.toReview ?? [];
	const c1 = (count: number) => [
		{ unitId: tree.units.C1.id, unitName: tree.units.C1.name, year: year.year, count }
	];

	it('goes to the committee above a cell without a deputy, on its home page and pages', async () => {
		// C1 has no deputy: AN's commitment waits for the grassroots committee of G1.
		expect(await toReview(DUNG)).toEqual(c1(1));
		expect(await memberLoad(memberPage(await as(DUNG), AN))).toMatchObject({ canReview: true });
		// Not for the organization department, nor for AN himself.
		expect(await memberLoad(memberPage(await as(HA), AN))).toMatchObject({ canReview: false });
		expect(await memberLoad(memberPage(await as(AN), AN))).toMatchObject({ canReview: false });
		expect(await review(await as(HA), signed.an, 'confirmed', '')).toEqual(refuse('not_found'));
		expect(await review(await as(AN), signed.an, 'confirmed', '')).toEqual(
			refuse('not_reviewable')
		);
		// The committee does not review the cell's other members: that is the secretary's.
		expect(await review(await as(DUNG), await latestOf(CUONG), 'confirmed', '')).toEqual(
			refuse('not_found')
		);
	});

	it('goes to the deputy once the cell has one, and no longer to the committee', async () => {
		const deputy = await grant(t.db, acc[BINH], 'cell_deputy_secretary', tree.units.C1.id);
		try {
			expect(await toReview(DUNG)).toEqual([]);
			expect(await memberLoad(memberPage(await as(DUNG), AN))).toMatchObject({
				canReview: false
			});
			expect(await review(await as(DUNG), signed.an, 'confirmed', '')).toEqual(refuse('not_found'));
			// Nor may it use the cell's bulk confirmation, which is now the cell's own business.
			const an: [string, string][] = [['ids', String(signed.an)]];
			await expect(
				confirm(onCell(await as(DUNG), tree.units.C1.id, { form: an }))
			).rejects.toMatchObject({ status: 404 });
			// The deputy has AN's and CUONG's second version waiting.
			expect(await toReview(BINH)).toEqual(c1(2));
		} finally {
			await t.db.deleteFrom('role_assignments').where('id', '=', deputy).execute();
		}
	});

	it('is returned and confirmed by the committee as a secretary’s would be', async () => {
		const form = { commitment_id: String(signed.an), decision: 'returned', comment: 'Bổ sung.' };
		expect(await memberReview(memberPage(await as(DUNG), AN, form))).toMatchObject({
			form: { message: { type: 'success' } }
		});
		await amendAs(t.db, acc[AN], year.year);
		const v2 = await signAs(t.db, acc[AN], year.year, 'Đã bổ sung.');
		// From the cell's page: the committee's one is confirmed, CUONG's is left to the secretary.
		const ids: [string, string][] = [v2, await latestOf(CUONG)].map((id) => ['ids', String(id)]);
		expect(await confirm(onCell(await as(DUNG), tree.units.C1.id, { form: ids }))).toEqual({
			confirm: { confirmed: 1, skipped: 1 }
		});
		expect((await states('C1'))[AN]).toEqual(['confirmed', 2]);
		const decisions = await t.db
			.selectFrom('commitment_reviews as r')
			.innerJoin('commitments as c', 'c.id', 'r.commitment_id')
			.select(['r.decision', 'r.reviewer_account_id'])
			.where('c.member_id', '=', tree.members[AN])
			.orderBy('c.version')
			.execute();
		expect(decisions).toEqual([
			{ decision: 'returned', reviewer_account_id: acc[DUNG] },
			{ decision: 'confirmed', reviewer_account_id: acc[DUNG] }
		]);
		expect(await toReview(DUNG)).toEqual([]);
	});
});

// Last: moves the year's commitment window into the past, then closes the year.
describe.sequential('after the commitment window', () => {
	it('the cell still confirms while the year is open, and nothing once it is closed', async () => {
		// Only a return waits on the member signing again; a confirmation does not.
		await t.db
			.updateTable('review_years')
			.set({ commitment_opens_on: '2020-01-01', commitment_closes_on: '2020-01-31' })
			.where('id', '=', year.id)
			.execute();
		const dung: [string, string][] = [['ids', String(signed.dung)]];
		expect(await confirm(onCell(await as(EM), tree.units.C2.id, { form: dung }))).toEqual({
			confirm: { confirmed: 1, skipped: 0 }
		});
		expect((await states('C2'))[DUNG]).toEqual(['confirmed', 1]);

		await t.db
			.updateTable('review_years')
			.set({ status: 'closed', closed_at: new Date() })
			.where('id', '=', year.id)
			.execute();
		const cuong = (await listCellCommitments(t.db, tree.units.C1.id, year.id)).find(
			(r) => r.card_no === CUONG
		)!;
		const ids: [string, string][] = [['ids', String(cuong.commitment_id)]];
		expect(await confirm(onCell(await as(AN), tree.units.C1.id, { form: ids }))).toEqual({
			confirm: { confirmed: 0, skipped: 1 }
		});
		expect((await states('C1'))[CUONG]).toEqual(['signed', 2]);
	});
});

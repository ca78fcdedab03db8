// The year-end rating after the self-reviews (ratings/write.ts, board.ts, result.ts; migration
// 0021): the cell's secretary records the cell's proposal for a member with the vote; the
// grassroots committee decides each member's level within the rules' ceiling (above it only with
// a reason), is told when someone decided meanwhile, and approves once every member has a level
// and the quota holds; the approval publishes the levels to the members and freezes them.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '$lib/domain/dates';
import type { Evaluation } from '$lib/domain/rating/engine';
import type { RatingLevel } from '$lib/domain/rating/levels';
import { refuse } from '$lib/domain/result';
import type { MemberHandle } from '$lib/server/access/guard';
import { openSelfReview } from '$lib/server/assessments/self-review';
import { constraintOf } from '$lib/server/db/errors';
import { listNotices } from '$lib/server/notifications/store';
import { findApproval, findBoardRow, loadBoard, tallyBoard } from '$lib/server/ratings/board';
import { ratingsHome } from '$lib/server/ratings/home';
import { publishedRating } from '$lib/server/ratings/result';
import {
	approveRatings,
	decideRating,
	proposeRating,
	rerateRating,
	type RatingYear
} from '$lib/server/ratings/write';
import { createTestDb, type TestDb } from './helpers/db';
import { auditOf, grant } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: RatingYear;

const AN = '10000001'; // C1's secretary
const BINH = '10000002'; // C1
const CUONG = '10000003'; // C1, put on G1's committee below
const DUNG = '10000004'; // C2, on G1's committee
const EM = '10000005'; // C2, not rated (exempted)

const vote = { votes_agree: 3, votes_present: 3, votes_total: 3 };
const COMMENT = 'Hoàn thành tốt nhiệm vụ; cần chủ động hơn trong công tác tham mưu.';

function evaluation(maxLevel: RatingLevel): Evaluation {
	return {
		outcome: 'rated',
		points: 85,
		sheet: { scale: 'points', byCriterion: {}, byGroup: { general: 26, tasks: 59 }, total: 85 },
		maxLevel,
		limits: [],
		decisions: [],
		temporaryActivity: false
	};
}

async function selfReview(card: string, ev: Evaluation | null) {
	await t.db
		.insertInto('self_reviews')
		.values({
			member_id: tree.members[card],
			year_id: year.id,
			version: 1,
			rule_set: 'qd366-2025',
			subject_type: 'non_leader',
			content: JSON.stringify({ scores: {}, annex: [] }),
			proposed_level: 'good',
			evaluation: ev && JSON.stringify(ev),
			submitted_by_account_id: tree.accounts.plain
		})
		.execute();
}

const as = (account: keyof Tree['accounts']) => ctxFor(t.db, tree.accounts[account]);
let cuongAccount: number;
const asCuong = () => ctxFor(t.db, cuongAccount);
const id = (card: string) => tree.members[card];

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	const today = todayInVietnam();
	const y = await openYear(t.db, tree.units.B.id, { year: Number(today.slice(0, 4)) });
	// The self-review and the cells' review windows are today; decisions until tomorrow.
	await sql`update review_years set self_review_opens_on = ${today}, self_review_closes_on = ${today},
		cell_review_opens_on = ${today}, cell_review_closes_on = ${today},
		decision_deadline = ${today}::date + 1 where id = ${y.id}`.execute(t.db);
	year = await t.db
		.selectFrom('review_years')
		.selectAll()
		.where('id', '=', y.id)
		.executeTakeFirstOrThrow();
	const c = await t.db
		.selectFrom('accounts')
		.select('id')
		.where('member_id', '=', id(CUONG))
		.executeTakeFirstOrThrow();
	cuongAccount = c.id;
	await grant(t.db, cuongAccount, 'grassroots_committee_member', tree.units.G1.id);
	await selfReview(BINH, evaluation('good'));
	await selfReview(CUONG, evaluation('excellent'));
	await selfReview(DUNG, evaluation('excellent'));
	await selfReview(EM, { outcome: 'not_reviewed', reasons: [], temporaryActivity: false });
	// An has not written one: the rules do not say, any level may be decided.
});
afterAll(async () => t?.close());

describe.sequential('the cell proposes', () => {
	it('records the proposal with the vote, audited, each change the next version', async () => {
		const ctx = await as('secretary');
		const first = {
			member_id: id(BINH),
			seen: 0,
			level: 'good' as const,
			comment: COMMENT,
			...vote
		};
		expect(await proposeRating(ctx, tree.units.C1, year, first)).toEqual({ ok: true, value: 1 });
		// The same page sent twice: the second did not see the first.
		expect(await proposeRating(ctx, tree.units.C1, year, first)).toEqual(refuse('conflict'));
		expect(
			await proposeRating(ctx, tree.units.C1, year, { ...first, seen: 1, votes_agree: 2 })
		).toEqual({ ok: true, value: 2 });
		const row = await findBoardRow(t.db, tree.units.G1, year.id, id(BINH));
		expect(row?.proposal).toMatchObject({ version: 2, level: 'good', votes_agree: 2 });
		const audit = await auditOf(t.db, 'rating.proposed');
		expect(audit.map((a) => Number(a.entity_id))).toEqual([id(BINH), id(BINH)]);
		expect(audit[1].changes).toMatchObject({ version: 2, votes: '2/3/3' });
	});

	it('refuses the secretary’s own, another cell’s member and a member the rules do not rate', async () => {
		const ctx = await as('secretary');
		const base = { seen: 0, level: 'good' as const, comment: COMMENT, ...vote };
		expect(await proposeRating(ctx, tree.units.C1, year, { ...base, member_id: id(AN) })).toEqual(
			refuse('own')
		);
		expect(await proposeRating(ctx, tree.units.C1, year, { ...base, member_id: id(DUNG) })).toEqual(
			refuse('not_found')
		);
		// Only the cell's secretary and deputy record it.
		expect(
			await proposeRating(await as('committee'), tree.units.C2, year, {
				...base,
				member_id: id(EM)
			})
		).toEqual(refuse('not_found'));
	});

	it('refuses outside the cells’ review window', async () => {
		const ctx = await as('secretary');
		const r = await proposeRating(
			ctx,
			tree.units.C1,
			{ ...year, cell_review_closes_on: '2000-01-01', cell_review_opens_on: '2000-01-01' },
			{ member_id: id(CUONG), seen: 0, level: 'good', comment: COMMENT, ...vote }
		);
		expect(r).toEqual(refuse('window_closed', { detail: { state: 'ended' } }));
	});

	it('the database refuses a vote with more agreeing than present', async () => {
		const err = await t.db
			.insertInto('cell_rating_proposals')
			.values({
				member_id: id(CUONG),
				year_id: year.id,
				unit_id: tree.units.C1.id,
				version: 1,
				level: 'good',
				comment: COMMENT,
				votes_agree: 4,
				votes_present: 3,
				votes_total: 3,
				proposed_by_account_id: tree.accounts.secretary
			})
			.execute()
			.then(
				() => null,
				(e: unknown) => e
			);
		expect(constraintOf(err)).toBe('cell_rating_proposals_votes_check');
	});
});

describe.sequential('the home page', () => {
	it('tells the secretary and the committee what is left to do', async () => {
		const secretary = await ratingsHome.load(await as('secretary'));
		expect(secretary?.items).toEqual([
			expect.objectContaining({
				kind: 'propose',
				count: 2,
				href: expect.stringContaining(`/units/${tree.units.C1.id}/ratings`)
			})
		]);
		const committee = await ratingsHome.load(await as('committee'));
		expect(committee?.items).toEqual([
			expect.objectContaining({ kind: 'decide', count: 4, until: year.decision_deadline })
		]);
		expect(await ratingsHome.load(await as('plain'))).toBeNull();
	});
});

describe.sequential('the committee decides and approves', () => {
	const decide = (
		ctx: Awaited<ReturnType<typeof as>>,
		card: string,
		level: RatingLevel,
		seen = 0,
		reason: string | null = null
	) => decideRating(ctx, tree.units.G1, year, { member_id: id(card), seen, level, reason });

	it('decides within the ceiling, and above it only with a written reason', async () => {
		const dung = await as('committee');
		expect(await decide(dung, BINH, 'excellent')).toEqual(
			refuse('reason_required', { field: 'reason' })
		);
		expect(
			await decide(dung, BINH, 'excellent', 0, 'Sáng kiến được Bộ công nhận, áp dụng toàn ngành.')
		).toEqual({ ok: true, value: 1 });
		const row = await findBoardRow(t.db, tree.units.G1, year.id, id(BINH));
		expect(row?.decision).toMatchObject({ level: 'excellent', ceiling: 'good', version: 1 });
		expect(row?.decision?.reason).toContain('Sáng kiến');
		const err = await t.db
			.insertInto('rating_decisions')
			.values({
				member_id: id(BINH),
				year_id: year.id,
				unit_id: tree.units.G1.id,
				version: 2,
				kind: 'decided',
				level: 'excellent',
				ceiling: 'good',
				decided_by_account_id: tree.accounts.committee
			})
			.execute()
			.then(
				() => null,
				(e: unknown) => e
			);
		expect(constraintOf(err)).toBe('rating_decisions_override_check');
	});

	it('refuses one’s own level, a member the rules do not rate, and anyone off the committee', async () => {
		expect(await decide(await as('committee'), DUNG, 'excellent')).toEqual(refuse('own'));
		expect(await decide(await as('committee'), EM, 'good')).toEqual(
			refuse('not_rated', { field: 'level' })
		);
		expect(await decide(await as('secretary'), CUONG, 'good')).toEqual(refuse('not_found'));
		expect(await decide(await as('orgdept'), CUONG, 'good')).toEqual(refuse('not_found'));
		// A member of another organization is not this committee's to decide.
		const r = await decideRating(await as('committee'), tree.units.G1, year, {
			member_id: id('10000007'),
			seen: 0,
			level: 'good',
			reason: null
		});
		expect(r).toEqual(refuse('not_found'));
	});

	it('tells the second of two committee members deciding at once, never overwriting', async () => {
		const [dung, cuong] = [await as('committee'), await asCuong()];
		const results = await Promise.all([
			decide(dung, AN, 'good', 0),
			decide(cuong, AN, 'fulfilled', 0)
		]);
		expect(results.filter((r) => r.ok)).toHaveLength(1);
		expect(results.filter((r) => !r.ok)).toEqual([refuse('conflict')]);
		const rows = await t.db
			.selectFrom('rating_decisions')
			.select('version')
			.where('member_id', '=', id(AN))
			.execute();
		expect(rows).toEqual([{ version: 1 }]);
	});

	it('refuses the approval while the quota is exceeded, then while members are undecided', async () => {
		const dung = await as('committee');
		// One HTXSNV beside 1 HTTNV: 20 % of 1 rounds down to 0. The quota is named first.
		expect(await approveRatings(dung, tree.units.G1, year)).toEqual(
			refuse('quota', { detail: { used: 1, limit: 0, base: 1, over: 1 } })
		);
		expect(await decide(dung, BINH, 'good', 1)).toEqual({ ok: true, value: 2 });
		expect(await approveRatings(dung, tree.units.G1, year)).toEqual(
			refuse('incomplete', { detail: { undecided: 2 } })
		);
		expect(await findApproval(t.db, tree.units.G1.id, year.id)).toBe(false);
		expect((await decide(dung, CUONG, 'good')).ok).toBe(true);
		expect((await decide(await asCuong(), DUNG, 'good')).ok).toBe(true);
		const tally = await tallyBoard(t.db, tree.units.G1, year.id);
		expect(tally).toMatchObject({ members: 5, notRated: 1, undecided: 0, overrides: 0 });
		expect(tally.counts).toEqual({ good: 4 });
	});

	it('approves once the quota holds: the members are told and the levels are final', async () => {
		const dung = await as('committee');
		expect(await publishedRating(t.db, { id: id(BINH) } as MemberHandle, year.id)).toBeUndefined();
		const r = await approveRatings(dung, tree.units.G1, year);
		expect(r.ok).toBe(true);
		expect(await findApproval(t.db, tree.units.G1.id, year.id)).toBe(true);
		expect(await publishedRating(t.db, { id: id(BINH) } as MemberHandle, year.id)).toMatchObject({
			level: 'good',
			kind: 'decided'
		});
		// The published rating closes the member's self-review.
		const review = await openSelfReview(t.db, { id: id(BINH) } as MemberHandle, year.year);
		expect(review?.phase.state).toBe('ended');
		expect(review?.rating).toMatchObject({ level: 'good' });
		const notices = await listNotices(t.db, tree.accounts.plain, { unreadOnly: true, limit: 10 });
		expect(notices.map((n) => n.kind)).toContain('rating.published');
		expect((await auditOf(t.db, 'rating.approved')).map((a) => Number(a.entity_id))).toEqual([
			tree.units.G1.id
		]);

		expect(await approveRatings(dung, tree.units.G1, year)).toEqual(refuse('conflict'));
		// Approved: nothing left for the committee's home page.
		expect(await ratingsHome.load(dung)).toBeNull();
		expect(await decide(dung, BINH, 'fulfilled', 2)).toEqual(
			refuse('conflict', { detail: { approved: 1 } })
		);
		const board = await loadBoard(t.db, tree.units.G1, year.id, {
			page: 1,
			orgId: tree.units.G1.id
		});
		expect(board.approval?.approved_by).toBe('Phạm Thị Dung');
		expect(board.cells).toEqual([
			{ id: tree.units.C1.id, name: tree.units.C1.name, members: 3 },
			{ id: tree.units.C2.id, name: tree.units.C2.name, members: 2 }
		]);
		const c2 = await loadBoard(t.db, tree.units.G1, year.id, {
			page: 1,
			orgId: null,
			cellId: tree.units.C2.id
		});
		expect(c2.rows.map((r) => r.member_id).sort()).toEqual([id(DUNG), id(EM)].sort());
		// The figures stay the organization's.
		expect(c2.tally.members).toBe(5);
		expect(board.tally.counts).toEqual({ good: 4 });
		expect(board.rows.map((b) => b.decision?.level ?? null)).toEqual(
			expect.arrayContaining(['good', 'good', 'good', 'good', null])
		);
		const err = await sql`update rating_decisions set level = 'excellent'`.execute(t.db).then(
			() => null,
			(e: unknown) => e
		);
		expect(constraintOf(err)).toBe('rating_decisions_immutable');
	});
});

describe.sequential('the bloc re-rates or cancels an approved rating', () => {
	let thuongvu: number;
	beforeAll(async () => {
		thuongvu = tree.accounts.admin;
		await grant(t.db, thuongvu, 'bloc_standing_committee', tree.units.B.id);
	});
	const rerate = async (
		account: number,
		card: string,
		level: RatingLevel | 'cancel',
		seen: number,
		org = tree.units.G1
	) =>
		rerateRating(await ctxFor(t.db, account), org, year, {
			member_id: id(card),
			seen,
			level,
			reason: 'Kết luận kiểm tra của Ủy ban kiểm tra cấp trên.'
		});

	it('is the bloc standing committee’s alone', async () => {
		for (const account of [tree.accounts.committee, tree.accounts.orgdept, tree.accounts.secretary])
			expect(await rerate(account, BINH, 'fulfilled', 2)).toEqual(refuse('not_found'));
	});

	it('re-rates with the reason, tells the member, and the member reads the new level', async () => {
		expect(await rerate(thuongvu, BINH, 'fulfilled', 2)).toEqual({ ok: true, value: 3 });
		expect(await publishedRating(t.db, { id: id(BINH) } as MemberHandle, year.id)).toMatchObject({
			level: 'fulfilled',
			kind: 'rerated',
			reason: 'Kết luận kiểm tra của Ủy ban kiểm tra cấp trên.'
		});
		const notices = await listNotices(t.db, tree.accounts.plain, { unreadOnly: true, limit: 10 });
		expect(notices.map((n) => n.kind)).toContain('rating.changed');
		// The same page sent again did not see the change.
		expect(await rerate(thuongvu, BINH, 'good', 2)).toEqual(refuse('conflict'));
		expect(await rerate(thuongvu, BINH, 'cancel', 3)).toEqual({ ok: true, value: 4 });
		expect(await publishedRating(t.db, { id: id(BINH) } as MemberHandle, year.id)).toMatchObject({
			level: null,
			kind: 'cancelled'
		});
		expect((await auditOf(t.db, 'rating.cancelled')).map((a) => Number(a.entity_id))).toEqual([
			id(BINH)
		]);
	});

	it('waits for the organization’s approval, and a member of another organization is not found', async () => {
		// GC has approved nothing.
		expect(await rerate(thuongvu, '10000007', 'good', 0, tree.units.GC)).toEqual(
			refuse('not_approved')
		);
		expect(await rerate(thuongvu, '10000007', 'good', 0)).toEqual(refuse('not_found'));
	});
});

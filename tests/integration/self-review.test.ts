// The year-end self-review (assessments/self-review.ts; migration 0020): the member writes it in
// the self-review window on their form of the year's rule set, with the facts the committee
// recorded applied by the engine; each submission is a final version with that evaluation; bad
// scores, a stale page and a closed window are refused with nothing written.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfReviewContent } from '$lib/domain/assessment/self-review';
import { todayInVietnam } from '$lib/domain/dates';
import { RULES_2025 } from '$lib/domain/rating/rule-sets';
import { refuse } from '$lib/domain/result';
import type { MemberHandle } from '$lib/server/access/guard';
import { recordDiscipline } from '$lib/server/assessments/facts';
import {
	confirmSelfReview,
	evaluate,
	openSelfReview,
	submitSelfReview
} from '$lib/server/assessments/self-review';
import { constraintOf } from '$lib/server/db/errors';
import { createTestDb, type TestDb } from './helpers/db';
import { auditOf, memberIn } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: number;

const BINH = '10000002';

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	const today = todayInVietnam();
	year = Number(today.slice(0, 4));
	const y = await openYear(t.db, tree.units.B.id, { year });
	// The self-review window is today.
	await sql`update review_years set self_review_opens_on = ${today}, self_review_closes_on = ${today},
		cell_review_opens_on = ${today}, cell_review_closes_on = ${today}, decision_deadline = ${today}
		where id = ${y.id}`.execute(t.db);
});
afterAll(async () => t?.close());

const binh = () => ({ id: tree.members[BINH] }) as MemberHandle;
const binhAccount = async () =>
	(
		await t.db
			.selectFrom('accounts')
			.select('id')
			.where('member_id', '=', tree.members[BINH])
			.executeTakeFirstOrThrow()
	).id;

/** Full marks on the 2025 form of a member without a leading post. */
function content(over: Partial<SelfReviewContent> = {}): SelfReviewContent {
	const scores = Object.fromEntries(
		RULES_2025.forms.non_leader.groups.flatMap((g) => g.criteria.map((c) => [c.code, c.max]))
	);
	return {
		scores,
		annex: [],
		strengths: 'Hoàn thành tốt nhiệm vụ chuyên môn.',
		shortcomings: 'Đôi lúc chưa chủ động.',
		remedies: 'Lập kế hoạch công việc hằng tuần.',
		proposedLevel: 'excellent',
		...over
	};
}

describe.sequential('writing the self-review', () => {
	it('opens on the year’s rule set and the member’s form, with the recorded facts', async () => {
		const r = await openSelfReview(t.db, binh(), year);
		expect(r).toMatchObject({
			phase: { state: 'open' },
			ruleSet: { id: 'qd366-2025' },
			facts: { subjectType: 'non_leader', exempted: false, disciplines: [] },
			annex: [],
			versions: []
		});
	});

	it('sends a version with what the rules allow, audited', async () => {
		const ctx = await ctxFor(t.db, await binhAccount());
		const opened = (await openSelfReview(t.db, binh(), year))!;
		expect(await submitSelfReview(ctx, opened, content())).toEqual({ ok: true, value: 1 });
		const [v] = (await openSelfReview(t.db, binh(), year))!.versions;
		expect(v).toMatchObject({
			version: 1,
			proposed_level: 'excellent',
			evaluation: { outcome: 'rated', points: 100, maxLevel: 'excellent', limits: [] }
		});
		expect(v.evaluation?.outcome === 'rated' && v.evaluation.decisions).toEqual([
			{ code: 'no_tasks' }
		]);
		expect((await auditOf(t.db, 'self_review.submitted'))[0].changes).toMatchObject({
			version: 1,
			on_behalf: false
		});
	});

	it('applies a discipline the committee recorded: the next version is capped with the reason', async () => {
		await recordDiscipline(
			await ctxFor(t.db, tree.accounts.committee),
			memberIn(tree.members[BINH], tree.units.C1),
			{
				decided_on: `${year}-01-02`,
				form: 'reprimand',
				duty_related: true,
				self_remedied: false,
				authority: 'Ủy ban kiểm tra Đảng ủy',
				reason: 'Vi phạm quy trình xử lý hồ sơ.'
			}
		);
		const ctx = await ctxFor(t.db, await binhAccount());
		const opened = (await openSelfReview(t.db, binh(), year))!;
		expect(opened.facts.disciplines).toEqual([
			{ form: 'reprimand', date: `${year}-01-02`, dutyRelated: true, selfFoundAndRemedied: false }
		]);
		expect(await submitSelfReview(ctx, opened, content({ proposedLevel: 'good' }))).toEqual({
			ok: true,
			value: 2
		});
		const [v2, v1] = (await openSelfReview(t.db, binh(), year))!.versions;
		expect(v2.evaluation).toMatchObject({
			maxLevel: 'not_fulfilled',
			limits: [{ code: 'discipline_duty_related', cappedAt: 'not_fulfilled' }]
		});
		expect(v1.version).toBe(1);
	});

	it('refuses scores beyond the form, a stale page, a closed window; nothing is written', async () => {
		const ctx = await ctxFor(t.db, await binhAccount());
		const opened = (await openSelfReview(t.db, binh(), year))!;
		const [first] = RULES_2025.forms.non_leader.groups[0].criteria;
		const r = await submitSelfReview(
			ctx,
			opened,
			content({ scores: { ...content().scores, [first.code]: first.max + 1 } })
		);
		expect(r.ok ? null : r.problem).toMatchObject({ field: `scores.${first.code}` });
		// A page opened before version 2 was sent.
		const stale = { ...opened, versions: opened.versions.slice(1) };
		expect(await submitSelfReview(ctx, stale, content())).toEqual(refuse('conflict'));
		expect(
			await submitSelfReview(
				ctx,
				{ ...opened, phase: { state: 'ended', closedOn: '2000-01-01' } },
				content()
			)
		).toEqual(refuse('window_closed', { detail: { state: 'ended' } }));
		expect((await openSelfReview(t.db, binh(), year))!.versions).toHaveLength(2);
		const err = await sql`update self_reviews set proposed_level = 'good'`.execute(t.db).then(
			() => null,
			(e: unknown) => e
		);
		expect(constraintOf(err)).toBe('self_reviews_immutable');
	});

	it('does not review an exempted member', async () => {
		await sql`update member_statuses set ended_on = '2020-12-31' where member_id = ${tree.members['10000003']}`.execute(
			t.db
		);
		await sql`insert into member_statuses (member_id, status, started_on) values (${tree.members['10000003']}, 'exempted', '2021-01-01')`.execute(
			t.db
		);
		const r = await openSelfReview(t.db, { id: tree.members['10000003'] } as MemberHandle, year);
		expect(r?.facts.exempted).toBe(true);
		expect(evaluate(r!, content())).toMatchObject({
			outcome: 'not_reviewed',
			reasons: [{ code: 'exempted' }]
		});
	});
});

describe.sequential('entered on the member’s behalf', () => {
	const CUONG = '10000003';
	const cuong = () => ({ id: tree.members[CUONG] }) as MemberHandle;
	const cuongAccount = async () =>
		(
			await t.db
				.selectFrom('accounts')
				.select('id')
				.where('member_id', '=', tree.members[CUONG])
				.executeTakeFirstOrThrow()
		).id;

	it('the member confirms the version the cell entered, once, audited; nobody else can', async () => {
		const secretary = await ctxFor(t.db, tree.accounts.secretary);
		const opened = (await openSelfReview(t.db, cuong(), year))!;
		expect(await submitSelfReview(secretary, opened, content(), { onBehalf: true })).toEqual({
			ok: true,
			value: 1
		});
		const entered = (await openSelfReview(t.db, cuong(), year))!;
		expect(entered.versions[0]).toMatchObject({ on_behalf: true, confirmed_at: null });
		// The secretary who entered it does not confirm it for the member.
		expect(await confirmSelfReview(secretary, entered, 1)).toEqual(refuse('not_found'));
		const member = await ctxFor(t.db, await cuongAccount());
		expect(await confirmSelfReview(member, entered, 2)).toEqual(refuse('conflict'));
		expect(await confirmSelfReview(member, entered, 1)).toEqual({ ok: true, value: undefined });
		const confirmed = (await openSelfReview(t.db, cuong(), year))!;
		expect(confirmed.versions[0].confirmed_at).toBeInstanceOf(Date);
		expect(await confirmSelfReview(member, confirmed, 1)).toEqual(refuse('conflict'));
		expect((await auditOf(t.db, 'self_review.confirmed'))[0].changes).toMatchObject({ version: 1 });
	});

	it('the database takes a confirmation only of a version entered on the behalf, by the member', async () => {
		const insert = (member: string, account: number) =>
			t.db
				.insertInto('self_review_confirmations')
				.values({
					member_id: tree.members[member],
					year_id: opened.year.id,
					version: 1,
					confirmed_by_account_id: account
				})
				.execute()
				.then(
					() => null,
					(e: unknown) => constraintOf(e)
				);
		const opened = (await openSelfReview(t.db, binh(), year))!;
		// Bình wrote theirs.
		expect(await insert(BINH, await binhAccount())).toBe(
			'self_review_confirmations_on_behalf_check'
		);
		// Cuong's was entered on their behalf: the secretary's account does not confirm it.
		expect(await insert(CUONG, tree.accounts.secretary)).toBe(
			'self_review_confirmations_member_check'
		);
	});
});

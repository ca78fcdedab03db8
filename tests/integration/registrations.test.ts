// Registrations (bản đăng ký học tập và làm theo, Chỉ thị 05-CT/TW) through the server functions the
// pages use: the member drafts, submits and edits (registrations/member.ts), the cell approves or
// returns (registrations/review.ts), and the database keeps every version as it was (0015).
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItem, RegistrationContent } from '$lib/domain/registration/content';
import { ok, refuse } from '$lib/domain/result';
import type { Ctx } from '$lib/server/access/guard';
import { registrationReviewRight } from '$lib/server/access/policy';
import { loadReviewFacts } from '$lib/server/access/review-facts';
import { constraintOf } from '$lib/server/db/errors';
import type { Db } from '$lib/server/db/connect';
import { listNotices } from '$lib/server/notifications/store';
import { loadRegistration } from '$lib/server/registrations/chain';
import * as own from '$lib/server/registrations/member';
import { reviewRegistration } from '$lib/server/registrations/review';
import { connectAsApp } from './helpers/app-role';
import { createTestDb, type TestDb } from './helpers/db';
import { auditOf, grant, memberIn, onServer, someoneWaitsForALock } from './helpers/org';
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

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id);
	await grant(t.db, await accountOf(EM), 'cell_secretary', tree.units.C2.id);
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

const ctxOfCard = async (card: string) => ctxFor(t.db, await accountOf(card));
const secretary = () => ctxFor(t.db, tree.accounts.secretary);

/** The member's registration as the page opens it. */
async function opened(card: string, yearNumber = year.year, db: Db = t.db) {
	const ctx = await ctxFor(db, await accountOf(card));
	const r = await own.openOwn(ctx, yearNumber);
	if (!r) throw new Error(`no registration for ${card}`);
	return { ctx, r };
}

/** The member as requireMember hands them to the cell's page (all of them are in C1 or C2). */
const handle = (card: string) =>
	memberIn(tree.members[card], [AN, BINH, CUONG].includes(card) ? tree.units.C1 : tree.units.C2);

const firstAction = (y: number): ActionItem => ({
	key: 'abcdefghij',
	title: 'Giải quyết 100% hồ sơ đúng hạn',
	area: 'duties',
	target: { kind: 'number', value: 100, unit: '% hồ sơ' },
	due: { kind: 'deadline', on: `${y}-12-15` },
	evidence: 'Số liệu phần mềm một cửa'
});

const secondAction: ActionItem = {
	key: 'k2l3m4n5o6',
	title: 'Không vi phạm quy định về nồng độ cồn khi tham gia giao thông',
	area: 'ethics',
	target: { kind: 'yes_no' },
	due: { kind: 'frequency', every: 'monthly' },
	evidence: 'Nhận xét của chi bộ'
};

/** Content as the form builds it (schemas/registration.ts): its fields in the form's order. */
function content(y: number, more: ActionItem[] = []): RegistrationContent {
	return {
		studies: [
			{ content: 'Chuyên đề năm về học tập và làm theo tư tưởng Hồ Chí Minh', when: 'quý I' }
		],
		actions: [firstAction(y), ...more],
		plan: {
			content: 'Rèn luyện tác phong gần dân, trọng dân',
			measures: 'Tự kiểm điểm hằng tháng trong sinh hoạt chi bộ',
			timeline: 'Cả năm'
		}
	};
}

/** `card` submits `c` as their next version; its id. */
async function submitAs(card: string, yearNumber: number, c: RegistrationContent) {
	const { ctx, r } = await opened(card, yearNumber);
	const result = await own.submit(ctx, r, c);
	if (!result.ok) throw new Error(`submission refused: ${result.problem.code}`);
	return result.value;
}

const chainOf = (card: string, yearId = year.id) => loadRegistration(t.db, handle(card), yearId);

/** Another open year of the bloc (windows around today), for a case that moves or closes it. */
let nextYear = 2028;
const freshYear = () => openYear(t.db, tree.units.B.id, { year: nextYear++ });

const setRegistrationWindow = (yearId: number, opensOn: string, closesOn: string) =>
	t.db
		.updateTable('review_years')
		.set({ registration_opens_on: opensOn, registration_closes_on: closesOn })
		.where('id', '=', yearId)
		.execute();

const closeYear = (yearId: number) =>
	t.db
		.updateTable('review_years')
		.set({ status: 'closed', closed_at: sql<Date>`now()` })
		.where('id', '=', yearId)
		.execute();

const countOf = async (table: 'registrations' | 'registration_reviews' | 'registration_drafts') => {
	const row = await t.db
		.selectFrom(table)
		.select(sql<number>`count(*)::int`.as('n'))
		.executeTakeFirstOrThrow();
	return row.n;
};

/** The error a statement fails with (it must fail). */
async function errorOf(statement: Promise<unknown>): Promise<unknown> {
	try {
		await statement;
	} catch (err) {
		return err;
	}
	throw new Error('the statement was not refused');
}

// Bình's registration for the year, step by step: each test starts where the previous one left it.
describe.sequential('the member registers, the cell approves, the member changes it', () => {
	let v1: number;
	let v2: number;

	it('starts not started in the open window, and saves a draft', async () => {
		const { ctx, r } = await opened(BINH);
		expect(r.chain.state).toBe('not_started');
		expect(r.cell).toMatchObject({ id: tree.units.C1.id, path: tree.units.C1.path });
		expect(r.phase).toMatchObject({ state: 'open' });
		expect(await own.saveDraft(ctx, r, content(year.year))).toEqual(ok());
		const chain = await chainOf(BINH);
		expect(chain.state).toBe('draft');
		expect(chain.draft).toMatchObject({ content: content(year.year), on_behalf: false });
		expect(chain.versions).toEqual([]);
	});

	it('submits version 1: the draft is gone, the submission audited under the cell', async () => {
		const { ctx, r } = await opened(BINH);
		const result = await own.submit(ctx, r, content(year.year));
		expect(result).toEqual({ ok: true, value: expect.any(Number) });
		v1 = (result as { value: number }).value;
		const chain = await chainOf(BINH);
		expect(chain.state).toBe('submitted');
		expect(chain.draft).toBeNull();
		expect(chain.versions).toHaveLength(1);
		expect(chain.latest).toMatchObject({
			id: v1,
			version: 1,
			unit_id: tree.units.C1.id,
			on_behalf: false,
			submitted_by: 'Trần Thị Bình',
			content: content(year.year),
			decision: null
		});
		expect(chain.inForce).toBeNull();
		expect(await countOf('registration_drafts')).toBe(0);
		expect(await auditOf(t.db, 'registration.submitted')).toEqual([
			{
				entity_id: String(v1),
				unit_path: tree.units.C1.path,
				changes: { version: [null, 1] },
				actor_account_id: tree.accounts.plain
			}
		]);
	});

	it('the secretary approves it; it is in force, and cannot be approved twice', async () => {
		const sec = await secretary();
		expect(await reviewRegistration(sec, handle(BINH), v1, 'approved', '')).toEqual(ok());
		const chain = await chainOf(BINH);
		expect(chain.state).toBe('approved');
		expect(chain.inForce).toMatchObject({
			id: v1,
			decision: 'approved',
			comment: null,
			reviewer_name: 'Nguyễn Văn An'
		});
		expect(await auditOf(t.db, 'registration.approved')).toEqual([
			{
				entity_id: String(v1),
				unit_path: tree.units.C1.path,
				changes: { decision: [null, 'approved'] },
				actor_account_id: tree.accounts.secretary
			}
		]);
		expect(await reviewRegistration(sec, handle(BINH), v1, 'approved', '')).toEqual(
			refuse('not_reviewable')
		);
		expect(
			await reviewRegistration(sec, handle(BINH), v1, 'returned', 'Bổ sung chỉ tiêu.')
		).toEqual(refuse('not_reviewable'));
		expect(await countOf('registration_reviews')).toBe(1);
	});

	it('an edit starts a draft of version 1, while version 1 stays in force', async () => {
		const { ctx, r } = await opened(BINH);
		expect(await own.startEdit(ctx, r)).toEqual(ok());
		const chain = await chainOf(BINH);
		expect(chain.state).toBe('draft');
		expect(chain.draft?.content).toEqual(content(year.year));
		expect(chain.inForce?.id).toBe(v1);
		expect(chain.latest?.id).toBe(v1);
		expect((await auditOf(t.db, 'registration.edit_started')).map((a) => a.entity_id)).toEqual([
			String(v1)
		]);
	});

	it('refuses to submit nothing, and changes nothing', async () => {
		const { ctx, r } = await opened(BINH);
		expect(await own.submit(ctx, r, { ...content(year.year), actions: [] })).toEqual(
			refuse('empty', { field: 'actions' })
		);
		expect(await countOf('registrations')).toBe(1);
	});

	it('refuses the content of the latest version, read back as the edit started it', async () => {
		// What the page posts when the member submits the draft untouched: the stored content.
		const { ctx, r } = await opened(BINH);
		expect(await own.submit(ctx, r, r.chain.draft!.content)).toEqual(refuse('unchanged'));
		expect(await countOf('registrations')).toBe(1);
	});

	it('refuses the same content as the form sends it again (its keys in the form’s order)', async () => {
		const { ctx, r } = await opened(BINH);
		expect(await own.submit(ctx, r, content(year.year))).toEqual(refuse('unchanged'));
		expect(await countOf('registrations')).toBe(1);
	});

	it('submits version 2 superseding version 1, which stays in force until it is approved', async () => {
		const { ctx, r } = await opened(BINH);
		const result = await own.submit(ctx, r, content(year.year, [secondAction]));
		expect(result).toEqual({ ok: true, value: expect.any(Number) });
		v2 = (result as { value: number }).value;
		const row = await t.db
			.selectFrom('registrations')
			.select(['version', 'supersedes_id'])
			.where('id', '=', v2)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({ version: 2, supersedes_id: v1 });
		const chain = await chainOf(BINH);
		expect(chain.versions.map((v) => [v.version, v.decision])).toEqual([
			[2, null],
			[1, 'approved']
		]);
		expect(chain.state).toBe('submitted');
		expect(chain.latest?.id).toBe(v2);
		expect(chain.inForce?.id).toBe(v1);
		expect((await auditOf(t.db, 'registration.submitted')).map((a) => a.changes).at(-1)).toEqual({
			version: [1, 2]
		});
	});

	it('an edit of version 2 dropped again leaves it waiting, and it is approved', async () => {
		const { ctx, r } = await opened(BINH);
		expect(await own.startEdit(ctx, r)).toEqual(ok());
		// While the member edits, the version is not the one waiting for the cell.
		const sec = await secretary();
		expect(await reviewRegistration(sec, handle(BINH), v2, 'approved', '')).toEqual(
			refuse('not_reviewable')
		);
		const editing = await opened(BINH);
		expect(await own.discardEdit(editing.ctx, editing.r)).toEqual(ok());
		expect(await own.discardEdit(editing.ctx, editing.r)).toEqual(refuse('conflict'));
		expect((await auditOf(t.db, 'registration.edit_discarded')).map((a) => a.entity_id)).toEqual([
			String(v2)
		]);
		expect((await chainOf(BINH)).state).toBe('submitted');
		// The superseded version is not reviewed, whatever its decision.
		expect(await reviewRegistration(sec, handle(BINH), v1, 'approved', '')).toEqual(
			refuse('not_reviewable')
		);
		expect(await reviewRegistration(sec, handle(BINH), v2, 'approved', '')).toEqual(ok());
		const chain = await chainOf(BINH);
		expect(chain.state).toBe('approved');
		expect(chain.inForce?.id).toBe(v2);
		expect(chain.inForce?.content.actions.map((a) => a.key)).toEqual(['abcdefghij', 'k2l3m4n5o6']);
	});
});

describe('a return with a comment', () => {
	it('notifies the member, who reads the comment, edits and submits again', async () => {
		const id = await submitAs(CUONG, year.year, content(year.year));
		const sec = await secretary();
		const comment = 'Đề nghị bổ sung chỉ tiêu cụ thể cho từng quý.';
		expect(await reviewRegistration(sec, handle(CUONG), id, 'returned', comment)).toEqual(ok());
		const chain = await chainOf(CUONG);
		expect(chain.state).toBe('returned');
		expect(chain.latest).toMatchObject({ id, decision: 'returned', comment });
		expect(chain.inForce).toBeNull();
		const account = await accountOf(CUONG);
		const notes = await t.db
			.selectFrom('notifications')
			.select(['account_id', 'kind', 'payload'])
			.where('kind', '=', 'registration.returned')
			.execute();
		expect(notes).toEqual([
			{
				account_id: account,
				kind: 'registration.returned',
				payload: { registration_id: id, year_id: year.id }
			}
		]);
		expect(await listNotices(t.db, account, { unreadOnly: true, limit: 10 })).toEqual([
			expect.objectContaining({ kind: 'registration.returned', year: year.year, comment })
		]);
		expect((await auditOf(t.db, 'registration.returned')).map((a) => a.unit_path)).toEqual([
			tree.units.C1.path
		]);

		const { ctx, r } = await opened(CUONG);
		expect(await own.startEdit(ctx, r)).toEqual(ok());
		const again = await submitAs(CUONG, year.year, content(year.year, [secondAction]));
		expect((await chainOf(CUONG)).versions.map((v) => [v.id, v.decision])).toEqual([
			[again, null],
			[id, 'returned']
		]);
	});
});

describe('the registration window', () => {
	it('before it opens: nothing is saved or submitted, and the page says when it opens', async () => {
		const y = await freshYear();
		await setRegistrationWindow(y.id, '2099-01-01', '2099-02-01');
		const { ctx, r } = await opened(BINH, y.year);
		expect(r.phase).toEqual({ state: 'not_yet', opensOn: '2099-01-01' });
		expect(await own.saveDraft(ctx, r, content(y.year))).toEqual(refuse('phase'));
		expect(await own.submit(ctx, r, content(y.year))).toEqual(refuse('phase'));
		expect(await chainOf(BINH, y.id)).toMatchObject({ state: 'not_started', draft: null });
	});

	it('after it closed: no submission, no edit of a submitted one, no discarding', async () => {
		const y = await freshYear();
		await submitAs(BINH, y.year, content(y.year));
		await setRegistrationWindow(y.id, '2020-01-01', '2020-01-31');
		const { ctx, r } = await opened(BINH, y.year);
		expect(r.phase).toEqual({ state: 'ended', closedOn: '2020-01-31' });
		expect(await own.submit(ctx, r, content(y.year, [secondAction]))).toEqual(refuse('phase'));
		expect(await own.startEdit(ctx, r)).toEqual(refuse('phase'));
		expect(await own.discardEdit(ctx, r)).toEqual(refuse('phase'));
		expect((await chainOf(BINH, y.id)).versions).toHaveLength(1);
	});

	it('after it closed the cell may approve but not return (the member could not resubmit)', async () => {
		const y = await freshYear();
		const id = await submitAs(CUONG, y.year, content(y.year));
		await setRegistrationWindow(y.id, '2020-01-01', '2020-01-31');
		const sec = await secretary();
		expect(await reviewRegistration(sec, handle(CUONG), id, 'returned', 'Bổ sung.')).toEqual(
			refuse('window_closed', { detail: { closedOn: '2020-01-31' } })
		);
		expect(await reviewRegistration(sec, handle(CUONG), id, 'approved', '')).toEqual(ok());
		expect((await chainOf(CUONG, y.id)).state).toBe('approved');
	});
});

describe('who reviews', () => {
	let y: { id: number; year: number };
	const ids: Record<string, number> = {};
	beforeAll(async () => {
		y = await freshYear();
		for (const card of [AN, BINH, DUNG]) ids[card] = await submitAs(card, y.year, content(y.year));
	});

	it('the rule: the cell’s secretary, not their own, the committee above for a lone secretary', async () => {
		const right = async (ctx: Ctx, card: string) =>
			registrationReviewRight(ctx.actor, (await loadReviewFacts(t.db, handle(card)))!);
		const [sec, committee, em, cuong] = await Promise.all([
			secretary(),
			ctxFor(t.db, tree.accounts.committee),
			ctxOfCard(EM),
			ctxOfCard(CUONG)
		]);
		expect(await right(sec, BINH)).toBe('may');
		expect(await right(sec, AN)).toBe('own');
		expect(await right(committee, BINH)).toBe('none');
		expect(await right(committee, AN)).toBe('may');
		expect(await right(em, BINH)).toBe('none');
		expect(await right(em, DUNG)).toBe('may');
		expect(await right(cuong, BINH)).toBe('none');
	});

	it('the secretary’s own is refused as theirs; the committee above approves it', async () => {
		const sec = await secretary();
		expect(await reviewRegistration(sec, handle(AN), ids[AN], 'approved', '')).toEqual(
			refuse('own')
		);
		const committee = await ctxFor(t.db, tree.accounts.committee);
		expect(await reviewRegistration(committee, handle(AN), ids[AN], 'approved', '')).toEqual(ok());
	});

	it('another cell’s secretary, or a member of the cell without a role, finds nothing', async () => {
		for (const card of [EM, CUONG]) {
			const ctx = await ctxOfCard(card);
			expect(await reviewRegistration(ctx, handle(BINH), ids[BINH], 'approved', '')).toEqual(
				refuse('not_found')
			);
		}
		// The secretary of C2 reviews their own cell.
		const em = await ctxOfCard(EM);
		expect(await reviewRegistration(em, handle(DUNG), ids[DUNG], 'approved', '')).toEqual(ok());
	});

	it('a registration of another member than the page’s is not found, nor an unknown id', async () => {
		const sec = await secretary();
		expect(await reviewRegistration(sec, handle(CUONG), ids[BINH], 'approved', '')).toEqual(
			refuse('not_found')
		);
		expect(await reviewRegistration(sec, handle(BINH), 999_999, 'approved', '')).toEqual(
			refuse('not_found')
		);
		expect((await chainOf(BINH, y.id)).state).toBe('submitted');
	});
});

// Last of the service cases: they close years.
describe('a closed year', () => {
	it('is reviewed no more, and nothing is submitted in it, even written directly', async () => {
		const y = await freshYear();
		const id = await submitAs(BINH, y.year, content(y.year));
		await closeYear(y.id);
		const sec = await secretary();
		expect(await reviewRegistration(sec, handle(BINH), id, 'approved', '')).toEqual(
			refuse('year_closed')
		);
		const { ctx, r } = await opened(CUONG, y.year);
		expect(r.phase).toEqual({ state: 'year_closed' });
		expect(await own.submit(ctx, r, content(y.year))).toEqual(refuse('phase'));
		const err = await errorOf(
			t.db
				.insertInto('registrations')
				.values({
					member_id: tree.members[CUONG],
					year_id: y.id,
					unit_id: tree.units.C1.id,
					version: 1,
					content: JSON.stringify(content(y.year)),
					submitted_by_account_id: await accountOf(CUONG)
				})
				.execute()
		);
		expect(constraintOf(err)).toBe('registrations_year_open_check');
		await expect(
			t.db
				.insertInto('registration_reviews')
				.values({
					registration_id: id,
					decision: 'approved',
					reviewer_account_id: tree.accounts.secretary
				})
				.execute()
		).rejects.toMatchObject({ constraint: 'registration_reviews_year_open_check' });
	});
});

// The rules the database holds by itself, for rows written directly (0015).
describe('the database', () => {
	let y: { id: number; year: number };
	let v1: number;
	let v2: number;
	const row = (card: string, version: number, supersedes: number | null) => ({
		member_id: tree.members[card],
		year_id: y.id,
		unit_id: tree.units.C1.id,
		version,
		supersedes_id: supersedes,
		content: JSON.stringify(content(y.year)),
		submitted_by_account_id: tree.accounts.plain
	});
	const insert = (values: ReturnType<typeof row>) =>
		t.db.insertInto('registrations').values(values).execute();

	beforeAll(async () => {
		y = await freshYear();
		v1 = await submitAs(BINH, y.year, content(y.year));
		const sec = await secretary();
		expect(await reviewRegistration(sec, handle(BINH), v1, 'returned', 'Sửa lại.')).toEqual(ok());
		await opened(BINH, y.year).then(({ ctx, r }) => own.startEdit(ctx, r));
		v2 = await submitAs(BINH, y.year, content(y.year, [secondAction]));
	});

	it('changes or removes no version and no review, nor empties them', async () => {
		for (const statement of [
			t.db.updateTable('registrations').set({ on_behalf: true }).where('id', '=', v1),
			t.db.deleteFrom('registrations').where('id', '=', v2)
		])
			await expect(statement.execute()).rejects.toMatchObject({
				code: '42501',
				constraint: 'registrations_immutable'
			});
		await expect(
			sql`update registrations set content = '{}'::jsonb`.execute(t.db)
		).rejects.toMatchObject({ constraint: 'registrations_immutable' });
		const err = await errorOf(
			t.db.updateTable('registration_reviews').set({ comment: 'Đổi nhận xét.' }).execute()
		);
		expect(constraintOf(err)).toBe('registration_reviews_immutable');
		await expect(t.db.deleteFrom('registration_reviews').execute()).rejects.toMatchObject({
			constraint: 'registration_reviews_immutable'
		});
		for (const table of ['registrations', 'registration_reviews'])
			await expect(
				sql`truncate ${sql.table(table)} cascade`.execute(t.db),
				table
			).rejects.toMatchObject({ constraint: `${table}_immutable` });
		expect((await chainOf(BINH, y.id)).versions.map((v) => v.version)).toEqual([2, 1]);
	});

	it('keeps each chain unbroken: the next number after the version superseded, of the same member', async () => {
		const chain = (values: ReturnType<typeof row>) =>
			expect(insert(values)).rejects.toMatchObject({
				constraint: 'registrations_version_chain_check'
			});
		await chain(row(BINH, 3, v1));
		await chain(row(BINH, 2, null));
		await chain(row(BINH, 1, v1));
		await chain(row(CUONG, 3, v2));
		// A second version 3 after the first: one successor per version, one number per version.
		await insert(row(BINH, 3, v2));
		const fork = await errorOf(insert(row(BINH, 3, v2)));
		expect(['registrations_supersedes_key', 'registrations_member_year_version_key']).toContain(
			constraintOf(fork)
		);
		await expect(insert(row(BINH, 3, null))).rejects.toMatchObject({
			constraint: 'registrations_version_chain_check'
		});
		expect((await chainOf(BINH, y.id)).versions.map((v) => v.version)).toEqual([3, 2, 1]);
	});

	it('takes one review per version, of the latest version only', async () => {
		const review = (registrationId: number, decision: 'approved' | 'returned', comment?: string) =>
			t.db
				.insertInto('registration_reviews')
				.values({
					registration_id: registrationId,
					decision,
					comment,
					reviewer_account_id: tree.accounts.secretary
				})
				.execute();
		const latest = (await chainOf(BINH, y.id)).latest!.id;
		await expect(review(v2, 'approved')).rejects.toMatchObject({
			constraint: 'registration_reviews_latest_check'
		});
		await expect(review(latest, 'returned', '   ')).rejects.toMatchObject({
			constraint: 'registration_reviews_comment_required'
		});
		await review(latest, 'approved');
		await expect(review(latest, 'returned', 'Trả lại sau khi đã duyệt.')).rejects.toMatchObject({
			constraint: 'registration_reviews_registration_key'
		});
		expect((await chainOf(BINH, y.id)).state).toBe('approved');
	});
});

// A NULL comment passes a CHECK whose expression is then NULL: the migration guards against it.
describe('a return without a comment', () => {
	it('is refused by the database', async () => {
		const y = await freshYear();
		const id = await submitAs(CUONG, y.year, content(y.year));
		await expect(
			t.db
				.insertInto('registration_reviews')
				.values({
					registration_id: id,
					decision: 'returned',
					reviewer_account_id: tree.accounts.secretary
				})
				.execute()
		).rejects.toMatchObject({ constraint: 'registration_reviews_comment_required' });
		expect((await chainOf(CUONG, y.id)).state).toBe('submitted');
	});
});

describe('two submissions at the same moment', () => {
	it('of the same registration: exactly one is kept, the other is told of the conflict', async () => {
		const y = await freshYear();
		// Two tabs (two requests) of the same member, both opened before either submitted.
		const tabs = await Promise.all([opened(CUONG, y.year), opened(CUONG, y.year)]);
		const results = await Promise.all(
			tabs.map(({ ctx, r }, i) =>
				own.submit(ctx, r, content(y.year, i === 0 ? [] : [secondAction]))
			)
		);
		const outcomes = results.map((x) => (x.ok ? 'ok' : x.problem.code)).sort();
		expect(outcomes).toEqual(['conflict', 'ok']);
		expect((await chainOf(CUONG, y.id)).versions.map((v) => v.version)).toEqual([1]);
	});
});

// Two sessions at once need a server: PGlite has one. A write is left open in a transaction while
// the review runs alongside; the review must wait for it (the row locks of 0015), then see it.
describe.skipIf(!onServer)('a review while another session writes', () => {
	async function alongside<T>(first: (trx: Db) => Promise<unknown>, second: () => Promise<T>) {
		let pending!: Promise<T>;
		let waited = false;
		await t.db.transaction().execute(async (trx) => {
			await first(trx);
			pending = second();
			waited = await someoneWaitsForALock(t.db);
		});
		return { waited, outcome: await pending };
	}

	it('waits for a new version in flight, then refuses the version it superseded', async () => {
		const y = await freshYear();
		const v1 = await submitAs(CUONG, y.year, content(y.year));
		const sec = await secretary();
		const { waited, outcome } = await alongside(
			(trx) =>
				trx
					.insertInto('registrations')
					.values({
						member_id: tree.members[CUONG],
						year_id: y.id,
						unit_id: tree.units.C1.id,
						version: 2,
						supersedes_id: v1,
						content: JSON.stringify(content(y.year, [secondAction])),
						submitted_by_account_id: tree.accounts.plain
					})
					.execute(),
			() => reviewRegistration(sec, handle(CUONG), v1, 'approved', '')
		);
		expect(waited).toBe(true);
		expect(outcome).toEqual(refuse('not_reviewable'));
		expect((await chainOf(CUONG, y.id)).versions.map((v) => v.decision)).toEqual([null, null]);
	});

	it('waits for a close in flight, then says the year is closed', async () => {
		const y = await freshYear();
		const id = await submitAs(CUONG, y.year, content(y.year));
		const sec = await secretary();
		const { waited, outcome } = await alongside(
			(trx) =>
				trx
					.updateTable('review_years')
					.set({ status: 'closed', closed_at: sql<Date>`now()` })
					.where('id', '=', y.id)
					.execute(),
			() => reviewRegistration(sec, handle(CUONG), id, 'approved', '')
		);
		expect(waited).toBe(true);
		expect(outcome).toEqual(refuse('year_closed'));
		expect((await chainOf(CUONG, y.id)).state).toBe('submitted');
	});
});

describe('connected as the app role', () => {
	it('submits, returns, edits and approves as the owner does (the checks lock as the owner)', async () => {
		const y = await freshYear();
		const app = await connectAsApp(t);
		try {
			const sec = await ctxFor(app.db, tree.accounts.secretary);
			const first = await opened(BINH, y.year, app.db);
			const v1 = await own.submit(first.ctx, first.r, content(y.year));
			if (!v1.ok) throw new Error(`submission refused: ${v1.problem.code}`);
			expect(
				await reviewRegistration(sec, handle(BINH), v1.value, 'returned', 'Bổ sung minh chứng.')
			).toEqual(ok());
			const edit = await opened(BINH, y.year, app.db);
			expect(await own.startEdit(edit.ctx, edit.r)).toEqual(ok());
			const second = await opened(BINH, y.year, app.db);
			const v2 = await own.submit(second.ctx, second.r, content(y.year, [secondAction]));
			if (!v2.ok) throw new Error(`submission refused: ${v2.problem.code}`);
			expect(await reviewRegistration(sec, handle(BINH), v2.value, 'approved', '')).toEqual(ok());
			await expect(
				app.db.deleteFrom('registrations').where('id', '=', v1.value).execute()
			).rejects.toMatchObject({ code: '42501' });
		} finally {
			await app.close();
		}
		expect((await chainOf(BINH, y.id)).inForce?.version).toBe(2);
	});
});

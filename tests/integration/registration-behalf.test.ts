// The cell's side of a member's registration (registrations/member.ts, registrations/tasks.ts): who
// approves a member's registrations enters it on their behalf (a member without a phone), the
// member confirms that version later, and the cell gives the member tasks beside their actions.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionItem, RegistrationContent } from '$lib/domain/registration/content';
import { ok, refuse } from '$lib/domain/result';
import type { Ctx } from '$lib/server/access/guard';
import { loadRegistration } from '$lib/server/registrations/chain';
import { formPage } from '$lib/server/registrations/form';
import * as own from '$lib/server/registrations/member';
import {
	assignTask,
	listTasks,
	mayAssignTasks,
	withdrawTask
} from '$lib/server/registrations/tasks';
import { createTestDb, type TestDb } from './helpers/db';
import { auditOf, grant, memberIn } from './helpers/org';
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

const as = async (card: string) => ctxFor(t.db, await accountOf(card));

/** The member as requireMember hands them to the cell's pages (all of them are in C1 or C2). */
const handle = (card: string) =>
	memberIn(tree.members[card], [AN, BINH, CUONG].includes(card) ? tree.units.C1 : tree.units.C2);

/** The member's registration as `actorCard` opens it for them on the cell's page. */
async function onBehalf(actorCard: string, card: string, yearNumber = year.year) {
	const ctx = await as(actorCard);
	const r = await own.openOnBehalf(ctx, handle(card), yearNumber);
	if (!r) throw new Error(`${actorCard} may not enter ${card}'s registration`);
	return { ctx, r };
}

/** The member's registration as their own page opens it. */
async function opened(card: string, yearNumber = year.year) {
	const ctx = await as(card);
	const r = await own.openOwn(ctx, yearNumber);
	if (!r) throw new Error(`no registration for ${card}`);
	return { ctx, r };
}

const chainOf = (card: string, yearId = year.id) => loadRegistration(t.db, handle(card), yearId);

/** Another open year of the bloc (windows around today), for a case of its own. */
let nextYear = 2028;
const freshYear = () => openYear(t.db, tree.units.B.id, { year: nextYear++ });

const setRegistrationWindow = (yearId: number, opensOn: string, closesOn: string) =>
	t.db
		.updateTable('review_years')
		.set({ registration_opens_on: opensOn, registration_closes_on: closesOn })
		.where('id', '=', yearId)
		.execute();

const action = (title: string, y = year.year): ActionItem => ({
	key: 'abcdefghij',
	title,
	area: 'duties',
	target: { kind: 'number', value: 100, unit: '% hồ sơ' },
	due: { kind: 'deadline', on: `${y}-12-15` },
	evidence: 'Số liệu phần mềm một cửa'
});
const taskOf = ({ key: _key, ...rest }: ActionItem) => rest;

/** Content as the form builds it (schemas/registration.ts). */
function content(y: number, title = 'Giải quyết 100% hồ sơ đúng hạn'): RegistrationContent {
	return {
		studies: [
			{ content: 'Chuyên đề năm về học tập và làm theo tư tưởng Hồ Chí Minh', when: 'quý I' }
		],
		actions: [action(title, y)],
		plan: {
			content: 'Rèn luyện tác phong gần dân, trọng dân',
			measures: 'Tự kiểm điểm hằng tháng trong sinh hoạt chi bộ',
			timeline: 'Cả năm'
		}
	};
}

const countOf = async (
	table:
		'registrations' | 'registration_drafts' | 'registration_acknowledgements' | 'assigned_tasks'
) => {
	const row = await t.db
		.selectFrom(table)
		.select(sql<number>`count(*)::int`.as('n'))
		.executeTakeFirstOrThrow();
	return row.n;
};

describe('who enters a registration on a member’s behalf', () => {
	it('the cell’s secretary opens the member’s registration, in the member’s cell', async () => {
		const { r } = await onBehalf(AN, BINH);
		expect(r.member.id).toBe(tree.members[BINH]);
		expect(r.cell).toMatchObject({ id: tree.units.C1.id, path: tree.units.C1.path });
		expect(r.year.id).toBe(year.id);
		expect(r.phase).toMatchObject({ state: 'open' });
		expect(r.chain.state).toBe('not_started');
	});

	it('nobody else: a member of the cell, another cell’s secretary, the secretary for themself, a committee member for an ordinary member', async () => {
		const cases: [string, string][] = [
			[CUONG, BINH],
			[EM, BINH],
			[AN, AN],
			[DUNG, BINH],
			[BINH, BINH]
		];
		for (const [actor, card] of cases)
			expect(
				await own.openOnBehalf(await as(actor), handle(card), year.year),
				`${actor} for ${card}`
			).toBeUndefined();
	});

	it('the committee above enters only a lone secretary’s own (policy.ts registrationReviewRight)', async () => {
		const committee = await ctxFor(t.db, tree.accounts.committee);
		const r = await own.openOnBehalf(committee, handle(AN), year.year);
		expect(r?.member.id).toBe(tree.members[AN]);
		expect(r?.cell.id).toBe(tree.units.C1.id);
		// Another cell's secretary enters their own cell's members.
		expect(await own.openOnBehalf(await as(EM), handle(DUNG), year.year)).toBeDefined();
	});

	it('a year that does not exist opens nothing', async () => {
		expect(await own.openOnBehalf(await as(AN), handle(BINH), 1999)).toBeUndefined();
	});
});

// Bình's registration for the year, step by step: each test starts where the previous one left it.
describe.sequential('the secretary enters Bình’s registration, Bình confirms it', () => {
	let v1: number;

	it('saves a draft marked as entered by the cell', async () => {
		const { ctx, r } = await onBehalf(AN, BINH);
		expect(await own.saveDraft(ctx, r, content(year.year))).toEqual(ok());
		const chain = await chainOf(BINH);
		expect(chain.state).toBe('draft');
		expect(chain.draft).toMatchObject({ content: content(year.year), on_behalf: true });
		const row = await t.db
			.selectFrom('registration_drafts')
			.select(['member_id', 'entered_by_account_id'])
			.where('year_id', '=', year.id)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			member_id: tree.members[BINH],
			entered_by_account_id: tree.accounts.secretary
		});
		// The page the secretary writes on says so too.
		const page = formPage((await onBehalf(AN, BINH)).r);
		expect(page).toMatchObject({ state: 'draft', draftOnBehalf: true, cell: 'Đơn vị C1' });
		expect(page.actions).toContain('submit');
	});

	it('submits version 1 for the member: on behalf, by the secretary, audited as theirs', async () => {
		const { ctx, r } = await onBehalf(AN, BINH);
		const result = await own.submit(ctx, r, content(year.year));
		expect(result).toEqual({ ok: true, value: expect.any(Number) });
		v1 = (result as { value: number }).value;
		const row = await t.db
			.selectFrom('registrations')
			.select(['member_id', 'unit_id', 'version', 'on_behalf', 'submitted_by_account_id'])
			.where('id', '=', v1)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			member_id: tree.members[BINH],
			unit_id: tree.units.C1.id,
			version: 1,
			on_behalf: true,
			submitted_by_account_id: tree.accounts.secretary
		});
		expect(await countOf('registration_drafts')).toBe(0);
		expect(await auditOf(t.db, 'registration.submitted')).toEqual([
			{
				entity_id: String(v1),
				unit_path: tree.units.C1.path,
				changes: { version: [null, 1] },
				actor_account_id: tree.accounts.secretary
			}
		]);
	});

	it('the member’s own page shows it, waiting for their confirmation', async () => {
		const { r } = await opened(BINH);
		expect(r.chain.state).toBe('submitted');
		expect(r.chain.latest).toMatchObject({
			id: v1,
			version: 1,
			on_behalf: true,
			submitted_by: 'Nguyễn Văn An',
			acknowledged_at: null,
			content: content(year.year)
		});
		const page = formPage(r);
		expect(page.versions).toEqual([
			expect.objectContaining({ version: 1, on_behalf: true, acknowledged_at: null })
		]);
		expect(page.draftOnBehalf).toBe(false);
	});

	it('the secretary cannot confirm it for the member', async () => {
		const { ctx, r } = await onBehalf(AN, BINH);
		expect(r.chain.latest?.id).toBe(v1);
		expect(await own.acknowledge(ctx, r)).toEqual(refuse('conflict'));
		expect(await countOf('registration_acknowledgements')).toBe(0);
		expect(await auditOf(t.db, 'registration.acknowledged')).toEqual([]);
	});

	it('the member confirms it, once', async () => {
		const { ctx, r } = await opened(BINH);
		expect(await own.acknowledge(ctx, r)).toEqual(ok());
		expect(await auditOf(t.db, 'registration.acknowledged')).toEqual([
			{
				entity_id: String(v1),
				unit_path: tree.units.C1.path,
				changes: null,
				actor_account_id: tree.accounts.plain
			}
		]);
		const ack = await t.db
			.selectFrom('registration_acknowledgements')
			.select(['registration_id', 'account_id'])
			.execute();
		expect(ack).toEqual([{ registration_id: v1, account_id: tree.accounts.plain }]);
		const chain = await chainOf(BINH);
		expect(chain.latest?.acknowledged_at).toBeInstanceOf(Date);
		// The state is the cell's to move: confirming is not a decision.
		expect(chain.state).toBe('submitted');

		// Again, from the page as it is now, and from the one opened before (another tab).
		const again = await opened(BINH);
		expect(formPage(again.r).versions[0].acknowledged_at).toBeInstanceOf(Date);
		expect(await own.acknowledge(again.ctx, again.r)).toEqual(refuse('conflict'));
		expect(await own.acknowledge(ctx, r)).toEqual(refuse('conflict'));
		expect(await countOf('registration_acknowledgements')).toBe(1);
		expect(await auditOf(t.db, 'registration.acknowledged')).toHaveLength(1);
	});

	it('the database keeps the confirmation as it was', async () => {
		for (const statement of [
			t.db
				.updateTable('registration_acknowledgements')
				.set({ acknowledged_at: sql<Date>`now() - interval '1 day'` })
				.where('registration_id', '=', v1),
			t.db
				.updateTable('registration_acknowledgements')
				.set({ account_id: tree.accounts.secretary }),
			t.db.deleteFrom('registration_acknowledgements').where('registration_id', '=', v1)
		])
			await expect(statement.execute()).rejects.toMatchObject({
				code: '42501',
				constraint: 'registration_acknowledgements_immutable'
			});
		await expect(sql`truncate registration_acknowledgements`.execute(t.db)).rejects.toMatchObject({
			constraint: 'registration_acknowledgements_immutable'
		});
		const ack = await t.db
			.selectFrom('registration_acknowledgements')
			.select(['registration_id', 'account_id'])
			.execute();
		expect(ack).toEqual([{ registration_id: v1, account_id: tree.accounts.plain }]);
	});
});

describe('a version the member submitted themself', () => {
	it('has nothing to confirm, nor has a registration not started', async () => {
		const y = await freshYear();
		const confirmations = await countOf('registration_acknowledgements');
		const before = await opened(CUONG, y.year);
		expect(await own.acknowledge(before.ctx, before.r)).toEqual(refuse('conflict'));
		expect(await own.submit(before.ctx, before.r, content(y.year))).toEqual({
			ok: true,
			value: expect.any(Number)
		});
		const { ctx, r } = await opened(CUONG, y.year);
		expect(r.chain.latest).toMatchObject({ on_behalf: false, submitted_by: 'Lê Đức Cường' });
		expect(await own.acknowledge(ctx, r)).toEqual(refuse('conflict'));
		expect(await countOf('registration_acknowledgements')).toBe(confirmations);
	});

	it('a draft the cell entered and the member saved again is the member’s own', async () => {
		const y = await freshYear();
		const sec = await onBehalf(AN, CUONG, y.year);
		expect(await own.saveDraft(sec.ctx, sec.r, content(y.year))).toEqual(ok());
		const mine = await opened(CUONG, y.year);
		expect(formPage(mine.r).draftOnBehalf).toBe(true);
		expect(await own.saveDraft(mine.ctx, mine.r, content(y.year, 'Việc của tôi'))).toEqual(ok());
		expect((await chainOf(CUONG, y.id)).draft).toMatchObject({ on_behalf: false });
	});
});

describe('the registration window applies on behalf too', () => {
	it('before it opens: the secretary saves and submits nothing', async () => {
		const y = await freshYear();
		await setRegistrationWindow(y.id, '2099-01-01', '2099-02-01');
		const { ctx, r } = await onBehalf(AN, BINH, y.year);
		expect(r.phase).toEqual({ state: 'not_yet', opensOn: '2099-01-01' });
		expect(formPage(r).actions).toEqual([]);
		expect(await own.saveDraft(ctx, r, content(y.year))).toEqual(refuse('phase'));
		expect(await own.submit(ctx, r, content(y.year))).toEqual(refuse('phase'));
		expect(await chainOf(BINH, y.id)).toMatchObject({ state: 'not_started', draft: null });
	});

	it('after it closed: no new version, no edit of the one entered', async () => {
		const y = await freshYear();
		const first = await onBehalf(AN, BINH, y.year);
		expect(await own.submit(first.ctx, first.r, content(y.year))).toEqual({
			ok: true,
			value: expect.any(Number)
		});
		await setRegistrationWindow(y.id, '2020-01-01', '2020-01-31');
		const { ctx, r } = await onBehalf(AN, BINH, y.year);
		expect(r.phase).toEqual({ state: 'ended', closedOn: '2020-01-31' });
		expect(await own.startEdit(ctx, r)).toEqual(refuse('phase'));
		expect(await own.saveDraft(ctx, r, content(y.year, 'Sửa sau hạn'))).toEqual(refuse('phase'));
		expect(await own.submit(ctx, r, content(y.year, 'Sửa sau hạn'))).toEqual(refuse('phase'));
		const chain = await chainOf(BINH, y.id);
		expect(chain.versions).toHaveLength(1);
		expect(chain.draft).toBeNull();
	});
});

describe.sequential('tasks the cell gives a member', () => {
	let task: number;
	const title = 'Phụ trách hướng dẫn đảng viên mới';
	const open = { id: 0, status: 'open' };
	const assigned = () => auditOf(t.db, 'task.assigned');

	beforeAll(() => {
		open.id = year.id;
	});

	it('the secretary assigns one: listed with the assigner’s name, audited under the cell', async () => {
		const sec = await as(AN);
		expect(await mayAssignTasks(sec, handle(BINH))).toBe(true);
		const result = await assignTask(sec, handle(BINH), open, action(title));
		expect(result).toEqual({ ok: true, value: expect.any(Number) });
		task = (result as { value: number }).value;
		expect(await listTasks(t.db, handle(BINH), year.id)).toEqual([
			{
				id: task,
				task: taskOf(action(title)),
				assigned_by: 'Nguyễn Văn An',
				assigned_at: expect.any(Date)
			}
		]);
		const row = await t.db
			.selectFrom('assigned_tasks')
			.select(['member_id', 'year_id', 'unit_id', 'assigned_by_account_id', 'withdrawn_at'])
			.where('id', '=', task)
			.executeTakeFirstOrThrow();
		expect(row).toEqual({
			member_id: tree.members[BINH],
			year_id: year.id,
			unit_id: tree.units.C1.id,
			assigned_by_account_id: tree.accounts.secretary,
			withdrawn_at: null
		});
		expect(await assigned()).toEqual([
			{
				entity_id: String(task),
				unit_path: tree.units.C1.path,
				changes: { title: [null, title] },
				actor_account_id: tree.accounts.secretary
			}
		]);
		// The member's own page lists it the same way.
		const { r } = await opened(BINH);
		expect((await listTasks(t.db, r.member, r.year.id)).map((x) => x.id)).toEqual([task]);
	});

	it('nobody else: another cell’s secretary, a member of the cell, the secretary to themself', async () => {
		const cases: [Ctx, string][] = [
			[await as(EM), BINH],
			[await as(CUONG), BINH],
			[await as(AN), AN],
			[await ctxFor(t.db, tree.accounts.committee), BINH]
		];
		for (const [ctx, card] of cases) {
			expect(await mayAssignTasks(ctx, handle(card))).toBe(false);
			expect(await assignTask(ctx, handle(card), open, action('Không được giao'))).toEqual(
				refuse('not_found')
			);
		}
		expect(await countOf('assigned_tasks')).toBe(1);
		expect(await assigned()).toHaveLength(1);
		expect(await listTasks(t.db, handle(AN), year.id)).toEqual([]);
	});

	it('nothing is assigned in a closed year', async () => {
		const y = await freshYear();
		await t.db
			.updateTable('review_years')
			.set({ status: 'closed', closed_at: sql<Date>`now()` })
			.where('id', '=', y.id)
			.execute();
		const closed = await t.db
			.selectFrom('review_years')
			.select(['id', 'status'])
			.where('id', '=', y.id)
			.executeTakeFirstOrThrow();
		expect(await assignTask(await as(AN), handle(BINH), closed, action(title, y.year))).toEqual(
			refuse('year_closed')
		);
		// Who may not assign is told nothing more in a closed year.
		expect(await assignTask(await as(EM), handle(BINH), closed, action(title, y.year))).toEqual(
			refuse('not_found')
		);
		expect(await countOf('assigned_tasks')).toBe(1);
		expect(await listTasks(t.db, handle(BINH), y.id)).toEqual([]);
	});

	it('tasks of another year are not listed in this one', async () => {
		const y = await freshYear();
		const other = await assignTask(
			await as(AN),
			handle(BINH),
			{ id: y.id, status: 'open' },
			action('Việc của năm sau', y.year)
		);
		expect(other).toEqual({ ok: true, value: expect.any(Number) });
		expect((await listTasks(t.db, handle(BINH), y.id)).map((x) => x.id)).toEqual([
			(other as { value: number }).value
		]);
		expect((await listTasks(t.db, handle(BINH), year.id)).map((x) => x.id)).toEqual([task]);
	});

	it('a task of another member is not withdrawn through this member’s page', async () => {
		const sec = await as(AN);
		const cuong = await assignTask(sec, handle(CUONG), open, action('Việc của Cường'));
		if (!cuong.ok) throw new Error(`assignment refused: ${cuong.problem.code}`);
		expect(await withdrawTask(sec, handle(BINH), cuong.value)).toEqual(refuse('not_found'));
		expect(await withdrawTask(sec, handle(BINH), 999_999)).toEqual(refuse('not_found'));
		expect((await listTasks(t.db, handle(CUONG), year.id)).map((x) => x.id)).toEqual([cuong.value]);
		expect(await auditOf(t.db, 'task.withdrawn')).toEqual([]);
	});

	it('nobody else withdraws it', async () => {
		for (const ctx of [await as(EM), await as(CUONG), await as(BINH)])
			expect(await withdrawTask(ctx, handle(BINH), task)).toEqual(refuse('not_found'));
		expect((await listTasks(t.db, handle(BINH), year.id)).map((x) => x.id)).toEqual([task]);
	});

	it('the secretary withdraws it: hidden, kept, audited; a second withdrawal finds nothing', async () => {
		const sec = await as(AN);
		expect(await withdrawTask(sec, handle(BINH), task)).toEqual(ok());
		expect(await listTasks(t.db, handle(BINH), year.id)).toEqual([]);
		const row = await t.db
			.selectFrom('assigned_tasks')
			.select('withdrawn_at')
			.where('id', '=', task)
			.executeTakeFirstOrThrow();
		expect(row.withdrawn_at).toBeInstanceOf(Date);
		expect(await auditOf(t.db, 'task.withdrawn')).toEqual([
			{
				entity_id: String(task),
				unit_path: tree.units.C1.path,
				changes: null,
				actor_account_id: tree.accounts.secretary
			}
		]);
		expect(await withdrawTask(sec, handle(BINH), task)).toEqual(refuse('not_found'));
		expect(await auditOf(t.db, 'task.withdrawn')).toHaveLength(1);
	});
});

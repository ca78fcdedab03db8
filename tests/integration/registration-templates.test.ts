// Common actions for registrations (registrations/templates.ts): a cell's reviewers propose them to
// their cell, a committee to every cell under it; members see their cell's and those above, adopt
// one into their draft as an action of their own; a withdrawn one is offered no more.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	ACTION_KEY,
	EMPTY_CONTENT,
	MAX_ACTIONS,
	type ActionItem,
	type RegistrationContent
} from '$lib/domain/registration/content';
import { ok, refuse } from '$lib/domain/result';
import type { ScopedUnit } from '$lib/server/access/guard';
import { loadRegistration } from '$lib/server/registrations/chain';
import * as own from '$lib/server/registrations/member';
import {
	adoptTemplate,
	listTemplatesForCell,
	listTemplatesOfUnit,
	proposeTemplate,
	withdrawTemplate
} from '$lib/server/registrations/templates';
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
const HA = '10000006'; // GC, the bloc's organization department

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

/** Another open year of the bloc (windows around today), for a case of its own. */
let nextYear = 2028;
const freshYear = () => openYear(t.db, tree.units.B.id, { year: nextYear++ });
const openStatus = (y: { id: number }) => ({ id: y.id, status: 'open' });

/** The member's registration as the page opens it. */
async function opened(card: string, yearNumber = year.year) {
	const ctx = await as(card);
	const r = await own.openOwn(ctx, yearNumber);
	if (!r) throw new Error(`no registration for ${card}`);
	return { ctx, r };
}

/** What the member's page offers them to adopt. */
async function offeredTo(card: string, yearNumber = year.year) {
	const { r } = await opened(card, yearNumber);
	return listTemplatesForCell(t.db, r.cell.path, r.year.id);
}

const cellOf = (card: string) =>
	[AN, BINH, CUONG].includes(card)
		? tree.units.C1
		: [DUNG, EM].includes(card)
			? tree.units.C2
			: tree.units.GC;
const chainOf = (card: string, yearId: number) =>
	loadRegistration(t.db, memberIn(tree.members[card], cellOf(card)), yearId);

/** An action as the proposal form builds it (the key is the form's; a template drops it). */
const action = (title: string, y = year.year): ActionItem => ({
	key: 'formkey001',
	title,
	area: 'duties',
	target: { kind: 'number', value: 100, unit: '% hồ sơ' },
	due: { kind: 'deadline', on: `${y}-11-30` },
	evidence: 'Số liệu phần mềm một cửa'
});
const templateOf = ({ key: _key, ...rest }: ActionItem) => rest;

/** `card` proposes `title` at `unit` in `y`; the template's id. */
async function proposeAs(card: string, unit: ScopedUnit, title: string, y = year) {
	const result = await proposeTemplate(await as(card), unit, openStatus(y), action(title, y.year));
	if (!result.ok) throw new Error(`proposal refused: ${result.problem.code}`);
	return result.value;
}

const countTemplates = async () => {
	const row = await t.db
		.selectFrom('action_templates')
		.select(sql<number>`count(*)::int`.as('n'))
		.executeTakeFirstOrThrow();
	return row.n;
};

const closeYear = (yearId: number) =>
	t.db
		.updateTable('review_years')
		.set({ status: 'closed', closed_at: sql<Date>`now()` })
		.where('id', '=', yearId)
		.execute();

describe.sequential('proposing', () => {
	const ids: Record<'G1' | 'C1' | 'C2' | 'B', number> = { G1: 0, C1: 0, C2: 0, B: 0 };

	it('the committee, the bloc and each cell’s secretary propose; each proposal is audited', async () => {
		// The units above propose first: the cell's own still comes first in its members' list.
		const proposals: [string, 'G1' | 'C1' | 'C2' | 'B'][] = [
			[DUNG, 'G1'],
			[HA, 'B'],
			[AN, 'C1'],
			[EM, 'C2']
		];
		for (const [card, unit] of proposals) {
			const result = await proposeTemplate(
				await as(card),
				tree.units[unit],
				openStatus(year),
				action(`Việc làm của ${unit}`)
			);
			expect(result, unit).toEqual({ ok: true, value: expect.any(Number) });
			ids[unit] = (result as { value: number }).value;
		}
		const audited = await auditOf(t.db, 'action_template.proposed');
		expect(audited).toEqual([
			{
				entity_id: String(ids.G1),
				unit_path: tree.units.G1.path,
				changes: { title: [null, 'Việc làm của G1'] },
				actor_account_id: tree.accounts.committee
			},
			{
				entity_id: String(ids.B),
				unit_path: tree.units.B.path,
				changes: { title: [null, 'Việc làm của B'] },
				actor_account_id: tree.accounts.orgdept
			},
			{
				entity_id: String(ids.C1),
				unit_path: tree.units.C1.path,
				changes: { title: [null, 'Việc làm của C1'] },
				actor_account_id: tree.accounts.secretary
			},
			{
				entity_id: String(ids.C2),
				unit_path: tree.units.C2.path,
				changes: { title: [null, 'Việc làm của C2'] },
				actor_account_id: await accountOf(EM)
			}
		]);
		const stored = await t.db
			.selectFrom('action_templates')
			.select(['unit_id', 'year_id', 'action', 'created_by_account_id', 'withdrawn_at'])
			.where('id', '=', ids.C1)
			.executeTakeFirstOrThrow();
		expect(stored).toEqual({
			unit_id: tree.units.C1.id,
			year_id: year.id,
			action: templateOf(action('Việc làm của C1')),
			created_by_account_id: tree.accounts.secretary,
			withdrawn_at: null
		});
	});

	it('a member sees their cell’s first, then those of the units above, never another cell’s', async () => {
		const entry = (unit: 'G1' | 'C1' | 'C2' | 'B') => ({
			id: ids[unit],
			unit_id: tree.units[unit].id,
			source: `Đơn vị ${unit}`,
			action: templateOf(action(`Việc làm của ${unit}`))
		});
		expect(await offeredTo(BINH)).toEqual([entry('C1'), entry('G1'), entry('B')]);
		expect(await offeredTo(DUNG)).toEqual([entry('C2'), entry('G1'), entry('B')]);
		// A grassroots cell sits right under the bloc: only the bloc's.
		expect(await offeredTo(HA)).toEqual([entry('B')]);
		// Nothing carries over to another year.
		const other = await freshYear();
		expect(await offeredTo(BINH, other.year)).toEqual([]);
	});

	it('a unit’s page lists only what it proposed itself', async () => {
		expect(await listTemplatesOfUnit(t.db, tree.units.C1, year.id)).toEqual([
			{
				id: ids.C1,
				unit_id: tree.units.C1.id,
				source: 'Đơn vị C1',
				action: templateOf(action('Việc làm của C1'))
			}
		]);
		expect((await listTemplatesOfUnit(t.db, tree.units.G1, year.id)).map((x) => x.id)).toEqual([
			ids.G1
		]);
		expect(await listTemplatesOfUnit(t.db, tree.units.GC, year.id)).toEqual([]);
	});

	it('refuses whoever does not approve the cell’s registrations, nor runs the committee', async () => {
		const before = await countTemplates();
		const refusedAt: [string, ScopedUnit][] = [
			[BINH, tree.units.C1], // a member without a role
			[EM, tree.units.C1], // another cell's secretary
			[DUNG, tree.units.C1], // the committee above: cells are their reviewers'
			[DUNG, tree.units.B], // a committee is not the bloc
			[AN, tree.units.G1], // a cell's secretary is not the committee
			[HA, tree.units.C1] // nor is the organization department a cell's reviewer
		];
		for (const [card, unit] of refusedAt)
			expect(
				await proposeTemplate(await as(card), unit, openStatus(year), action('Không được đề xuất')),
				`${card} at ${unit.code}`
			).toEqual(refuse('not_found'));
		expect(await countTemplates()).toBe(before);
	});

	it('refuses a year that is not open, even to the cell’s secretary', async () => {
		const y = await freshYear();
		await closeYear(y.id);
		const before = await countTemplates();
		const sec = await as(AN);
		expect(
			await proposeTemplate(sec, tree.units.C1, { id: y.id, status: 'closed' }, action('Muộn'))
		).toEqual(refuse('year_closed'));
		expect(
			await proposeTemplate(sec, tree.units.C1, { id: y.id, status: 'draft' }, action('Sớm'))
		).toEqual(refuse('year_closed'));
		// Whoever may not propose is told nothing more, closed year or not.
		expect(
			await proposeTemplate(
				await as(BINH),
				tree.units.C1,
				{ id: y.id, status: 'closed' },
				action('x')
			)
		).toEqual(refuse('not_found'));
		expect(await countTemplates()).toBe(before);
	});
});

describe.sequential('withdrawing', () => {
	let y: { id: number; year: number };
	let mine: number;
	let committees: number;
	let adoptedKey: string;

	beforeAll(async () => {
		y = await freshYear();
		mine = await proposeAs(AN, tree.units.C1, 'Đề xuất sẽ rút', y);
		committees = await proposeAs(DUNG, tree.units.G1, 'Đề xuất của đảng ủy', y);
	});

	it('hides the template from members; what they adopted stays in their drafts', async () => {
		const { ctx, r } = await opened(BINH, y.year);
		expect(await adoptTemplate(ctx, r, mine)).toEqual(ok());
		adoptedKey = (await chainOf(BINH, y.id)).draft!.content.actions[0].key;
		expect((await offeredTo(BINH, y.year)).map((x) => x.id)).toEqual([mine, committees]);

		expect(await withdrawTemplate(await as(AN), tree.units.C1, mine)).toEqual(ok());
		expect((await offeredTo(BINH, y.year)).map((x) => x.id)).toEqual([committees]);
		expect(await listTemplatesOfUnit(t.db, tree.units.C1, y.id)).toEqual([]);
		const draft = (await chainOf(BINH, y.id)).draft;
		expect(draft?.content.actions).toEqual([
			{ key: adoptedKey, ...templateOf(action('Đề xuất sẽ rút', y.year)) }
		]);
		expect(
			(await auditOf(t.db, 'action_template.withdrawn')).filter((a) => a.entity_id === String(mine))
		).toEqual([
			{
				entity_id: String(mine),
				unit_path: tree.units.C1.path,
				changes: null,
				actor_account_id: tree.accounts.secretary
			}
		]);
	});

	it('a withdrawn template is not found again, to withdraw or to adopt', async () => {
		expect(await withdrawTemplate(await as(AN), tree.units.C1, mine)).toEqual(refuse('not_found'));
		const { ctx, r } = await opened(CUONG, y.year);
		expect(await adoptTemplate(ctx, r, mine)).toEqual(refuse('not_found'));
		expect((await chainOf(CUONG, y.id)).draft).toBeNull();
	});

	it('another unit’s template is not found, whoever asks through which unit', async () => {
		const other = await proposeAs(EM, tree.units.C2, 'Đề xuất của chi bộ 2', y);
		const attempts: [string, ScopedUnit, number][] = [
			[AN, tree.units.C1, committees], // the committee's, through the secretary's own cell
			[AN, tree.units.C1, other], // another cell's
			[EM, tree.units.C2, committees],
			[AN, tree.units.G1, committees], // not theirs to withdraw at all
			[BINH, tree.units.C1, other], // no right anywhere
			[DUNG, tree.units.C2, other], // the committee does not withdraw a cell's proposal
			[AN, tree.units.C1, 999_999]
		];
		for (const [card, unit, id] of attempts)
			expect(
				await withdrawTemplate(await as(card), unit, id),
				`${card} ${unit.code} ${id}`
			).toEqual(refuse('not_found'));
		expect((await offeredTo(DUNG, y.year)).map((x) => x.id)).toEqual([other, committees]);
		// Each withdraws its own.
		expect(await withdrawTemplate(await as(EM), tree.units.C2, other)).toEqual(ok());
		expect(await withdrawTemplate(await as(DUNG), tree.units.G1, committees)).toEqual(ok());
		expect(await offeredTo(DUNG, y.year)).toEqual([]);
		expect((await chainOf(BINH, y.id)).draft?.content.actions.map((a) => a.key)).toEqual([
			adoptedKey
		]);
	});
});

describe.sequential('adopting', () => {
	let y: { id: number; year: number };
	let cells: number;
	let committees: number;
	let foreign: number;

	beforeAll(async () => {
		y = await freshYear();
		cells = await proposeAs(AN, tree.units.C1, 'Giải quyết hồ sơ đúng hạn', y);
		committees = await proposeAs(DUNG, tree.units.G1, 'Viết bài thu hoạch', y);
		foreign = await proposeAs(EM, tree.units.C2, 'Việc của chi bộ khác', y);
	});

	it('starts a draft with the template as a new action of the member’s own', async () => {
		const { ctx, r } = await opened(CUONG, y.year);
		expect(r.chain.state).toBe('not_started');
		expect(await adoptTemplate(ctx, r, cells)).toEqual(ok());
		const chain = await chainOf(CUONG, y.id);
		expect(chain.state).toBe('draft');
		expect(chain.versions).toEqual([]);
		expect(chain.draft).toMatchObject({ on_behalf: false });
		const [adopted] = chain.draft!.content.actions;
		expect(chain.draft!.content).toEqual({
			...EMPTY_CONTENT,
			actions: [{ ...templateOf(action('Giải quyết hồ sơ đúng hạn', y.year)), key: adopted.key }]
		});
		expect(adopted.key).toMatch(ACTION_KEY);
		expect(adopted.key).not.toBe('formkey001');
	});

	it('appends to the draft as it is, each adoption with a fresh key', async () => {
		const first = await opened(CUONG, y.year);
		const typed: RegistrationContent = {
			...first.r.chain.draft!.content,
			studies: [{ content: 'Di chúc của Chủ tịch Hồ Chí Minh', when: 'Tháng 9' }],
			plan: { content: 'Gần dân', measures: 'Tự kiểm tra hằng tháng', timeline: 'Cả năm' }
		};
		expect(await own.saveDraft(first.ctx, first.r, typed)).toEqual(ok());
		for (const id of [committees, cells]) {
			const { ctx, r } = await opened(CUONG, y.year);
			expect(await adoptTemplate(ctx, r, id)).toEqual(ok());
		}
		const draft = (await chainOf(CUONG, y.id)).draft!.content;
		expect(draft.studies).toEqual(typed.studies);
		expect(draft.plan).toEqual(typed.plan);
		expect(draft.actions.map((a) => a.title)).toEqual([
			'Giải quyết hồ sơ đúng hạn',
			'Viết bài thu hoạch',
			'Giải quyết hồ sơ đúng hạn'
		]);
		expect(draft.actions[0]).toEqual(typed.actions[0]);
		const keys = draft.actions.map((a) => a.key);
		expect(new Set(keys).size).toBe(3);
		for (const key of keys) expect(key).toMatch(ACTION_KEY);
	});

	it('leaves the registration editable and submittable; once submitted it takes none', async () => {
		const { ctx, r } = await opened(CUONG, y.year);
		const edited = {
			...r.chain.draft!.content,
			actions: r.chain.draft!.content.actions.slice(0, 2)
		};
		expect(await own.saveDraft(ctx, r, edited)).toEqual(ok());
		const again = await opened(CUONG, y.year);
		expect(await own.submit(again.ctx, again.r, edited)).toEqual({
			ok: true,
			value: expect.any(Number)
		});
		const submitted = await opened(CUONG, y.year);
		expect(submitted.r.chain.state).toBe('submitted');
		expect(await adoptTemplate(submitted.ctx, submitted.r, committees)).toEqual(refuse('conflict'));
		const chain = await chainOf(CUONG, y.id);
		expect(chain.state).toBe('submitted');
		expect(chain.draft).toBeNull();
		expect(chain.latest?.content.actions).toHaveLength(2);
	});

	it('another cell’s template, one of another year or an unknown one is not found', async () => {
		const elsewhere = await proposeAs(AN, tree.units.C1, 'Đề xuất năm khác', year);
		const { ctx, r } = await opened(BINH, y.year);
		for (const id of [foreign, elsewhere, 999_999])
			expect(await adoptTemplate(ctx, r, id), String(id)).toEqual(refuse('not_found'));
		expect((await chainOf(BINH, y.id)).state).toBe('not_started');
	});

	it('refuses a draft already holding the most actions there may be', async () => {
		const { ctx, r } = await opened(BINH, y.year);
		const full: RegistrationContent = {
			...EMPTY_CONTENT,
			actions: Array.from({ length: MAX_ACTIONS }, (_, i) => ({
				...action(`Việc làm thứ ${i + 1}`, y.year),
				key: `full${String(i).padStart(6, '0')}`
			}))
		};
		expect(await own.saveDraft(ctx, r, full)).toEqual(ok());
		const again = await opened(BINH, y.year);
		expect(await adoptTemplate(again.ctx, again.r, cells)).toEqual(refuse('full'));
		expect((await chainOf(BINH, y.id)).draft?.content).toEqual(full);
	});

	it('refuses outside the registration window', async () => {
		const closed = await freshYear();
		const id = await proposeAs(AN, tree.units.C1, 'Đề xuất ngoài thời hạn', closed);
		await t.db
			.updateTable('review_years')
			.set({ registration_opens_on: '2099-01-01', registration_closes_on: '2099-02-01' })
			.where('id', '=', closed.id)
			.execute();
		const { ctx, r } = await opened(BINH, closed.year);
		expect(r.phase).toEqual({ state: 'not_yet', opensOn: '2099-01-01' });
		expect(await adoptTemplate(ctx, r, id)).toEqual(refuse('phase'));
		expect((await chainOf(BINH, closed.id)).draft).toBeNull();
	});
});

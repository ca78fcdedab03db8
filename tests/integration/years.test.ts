// Review years: the organization department creates, edits, opens, closes and reopens them; every
// change is audited; a closed year refuses edits; nobody else reaches them.
import { managedBlocs, type ManagedBloc } from '$lib/server/access/policy';
import type { RequestEvent } from '@sveltejs/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '$lib/server/access/guard';
import {
	createYearSchema,
	reopenYearSchema,
	suggestedWindows,
	yearWindowsSchema
} from '$lib/schemas/years';
import { countUnverified, latestVersionIds } from '$lib/server/catalogs/versions';
import * as manage from '$lib/server/years/manage';
import { listYearsForUnits } from '$lib/server/years/read';
import { problemText } from '$lib/labels/years';
import * as listRoute from '../../src/routes/(app)/admin/years/+page.server';
import * as yearRoute from '../../src/routes/(app)/admin/years/[id]/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent } from './helpers/event';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
let org: Ctx;
let bloc: ManagedBloc;
let pins: Record<string, number>;

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	org = await ctxFor(t.db, tree.accounts.orgdept);
	bloc = managedBlocs(org.actor)[0];
	pins = await latestVersionIds(t.db);
});
afterAll(async () => t?.close());

function input(year: number, over: Record<string, unknown> = {}) {
	return {
		year,
		place: 'Hà Tĩnh',
		theme: 'Phong cách làm việc khoa học, gần dân',
		rule_set: 'qd366-2025' as const,
		reporting_period: 'quarterly' as const,
		report_due_days: 10,
		...suggestedWindows(year),
		manifestations_version_id: pins.manifestations,
		prohibitions_version_id: pins.prohibitions,
		standards_version_id: pins.standards,
		...over
	};
}

function windowsOf(y: manage.ManagedYear) {
	return yearWindowsSchema.parse(y);
}

async function auditRows(yearId: number) {
	return t.db
		.selectFrom('audit_log')
		.select(['action', 'entity_type', 'unit_path', 'changes', 'actor_account_id'])
		.where('entity_type', '=', 'review_year')
		.where('entity_id', '=', String(yearId))
		.orderBy('id')
		.execute();
}

async function created(year: number): Promise<manage.ManagedYear> {
	const r = await manage.createYear(org, bloc, input(year));
	if (!r.ok) throw new Error(`create failed: ${r.problem.code}`);
	return (await manage.findManagedYear(org, r.value))!;
}

async function unverifiedInSeed(): Promise<number> {
	return countUnverified(t.db, [pins.manifestations, pins.prohibitions, pins.standards]);
}

describe('review years', () => {
	it('belong to the bloc of the organization department only', async () => {
		expect(bloc).toMatchObject({ id: tree.units.B.id, path: tree.units.B.path });
		for (const who of ['secretary', 'committee', 'plain', 'admin'] as const) {
			const ctx = await ctxFor(t.db, tree.accounts[who]);
			expect(managedBlocs(ctx.actor)).toEqual([]);
		}
	});

	it('are created as drafts with an audit row on the bloc', async () => {
		const y = await created(2031);
		expect(y).toMatchObject({ status: 'draft', year: 2031, unit_id: bloc.id, place: 'Hà Tĩnh' });
		const rows = await auditRows(y.id);
		expect(rows).toHaveLength(1);
		expect(rows[0]).toMatchObject({
			action: 'review_year.created',
			unit_path: bloc.path,
			actor_account_id: tree.accounts.orgdept
		});
		expect((rows[0].changes as Record<string, unknown>).year).toEqual([null, 2031]);
		expect((await listYearsForUnits(t.db, [bloc.id])).map((r) => r.year)).toContain(2031);
	});

	it('map database refusals to fields: duplicate year, window order, wrong catalog', async () => {
		await created(2032);
		expect(await manage.createYear(org, bloc, input(2032))).toEqual({
			ok: false,
			problem: { code: 'year_taken', field: 'year' }
		});
		const w = suggestedWindows(2033);
		const cases: [Record<string, unknown>, string, string][] = [
			[{ commitment_closes_on: '2032-12-31' }, 'commitment_closes_on', 'window'],
			[{ registration_closes_on: '2032-12-31' }, 'registration_closes_on', 'window'],
			[{ self_review_closes_on: '2033-11-01' }, 'self_review_closes_on', 'window'],
			[{ cell_review_opens_on: '2033-11-01' }, 'cell_review_opens_on', 'cell_before_self'],
			[{ cell_review_closes_on: '2033-11-30' }, 'cell_review_closes_on', 'window'],
			[{ decision_deadline: w.cell_review_opens_on }, 'decision_deadline', 'decision'],
			[
				{ manifestations_version_id: pins.standards },
				'manifestations_version_id',
				'catalog_mismatch'
			],
			[{ standards_version_id: 999_999 }, 'standards_version_id', 'catalog_mismatch']
		];
		for (const [over, field, code] of cases) {
			expect(await manage.createYear(org, bloc, input(2033, over)), field).toEqual({
				ok: false,
				problem: { code, field }
			});
		}
		expect(await listYearsForUnits(t.db, [bloc.id])).not.toContainEqual(
			expect.objectContaining({ year: 2033 })
		);
	});

	it('check window order in the form schema too, on the right field', () => {
		const bad = createYearSchema.safeParse({
			unit_id: 1,
			...input(2034, {
				self_review_opens_on: '2034-12-05',
				self_review_closes_on: '2034-12-01',
				decision_deadline: '2034-12-01'
			})
		});
		expect(bad.success).toBe(false);
		const paths = bad.error!.issues.map((i) => i.path.join('.'));
		expect(paths).toEqual(
			expect.arrayContaining(['self_review_closes_on', 'cell_review_opens_on', 'decision_deadline'])
		);
		expect(createYearSchema.safeParse({ unit_id: 1, ...input(2034) }).success).toBe(true);
	});

	it('are edited while draft, audited with what changed, and pins only while draft', async () => {
		const y = await created(2035);
		const same = await manage.updateWindows(org, y, windowsOf(y));
		expect(same).toEqual({ ok: true, value: undefined });
		expect(await auditRows(y.id)).toHaveLength(1);
		const r = await manage.updateWindows(org, y, {
			...windowsOf(y),
			place: 'Vinh',
			commitment_closes_on: '2035-02-15'
		});
		expect(r.ok).toBe(true);
		const rows = await auditRows(y.id);
		expect(rows.at(-1)).toMatchObject({
			action: 'review_year.updated',
			unit_path: bloc.path,
			changes: { place: ['Hà Tĩnh', 'Vinh'], commitment_closes_on: ['2035-01-31', '2035-02-15'] }
		});
		const bad = await manage.updateWindows(org, y, {
			...windowsOf(y),
			decision_deadline: '2035-01-01'
		});
		expect(bad).toEqual({ ok: false, problem: { code: 'decision', field: 'decision_deadline' } });
		const repinned = await manage.updatePins(org, y, {
			year: 2036,
			rule_set: 'qd124-2023',
			manifestations_version_id: pins.manifestations,
			prohibitions_version_id: pins.prohibitions,
			standards_version_id: pins.standards
		});
		expect(repinned.ok).toBe(true);
		expect(await manage.findManagedYear(org, y.id)).toMatchObject({
			year: 2036,
			rule_set: 'qd124-2023',
			place: 'Vinh'
		});
	});

	it('never open on a catalog item that is neither official wording, summary nor reference', async () => {
		// A version as shipped before wordings existed: two items fit none of them.
		const v = await t.db
			.insertInto('catalog_versions')
			.values({ catalog: 'prohibitions', version: 99, title: '19 điều đảng viên không được làm' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await t.db
			.insertInto('catalog_items')
			.values(
				['5', '6', '7'].map((code, i) => ({
					version_id: v.id,
					code,
					position: i + 1,
					area: 'discipline' as const,
					text: `Điều ${code}: nội dung chưa được đối chiếu.`,
					wording: code === '7' ? ('summary' as const) : null
				}))
			)
			.execute();
		const r = await manage.createYear(org, bloc, input(2038, { prohibitions_version_id: v.id }));
		if (!r.ok) throw new Error(r.problem.code);
		const y = (await manage.findManagedYear(org, r.value))!;
		const refused = await manage.openYear(org, y, 1000);
		expect(refused).toEqual({
			ok: false,
			problem: { code: 'unclassified', detail: { prohibitions: '5, 6' } }
		});
		if (refused.ok) return;
		expect(problemText(refused.problem)).toContain('19 điều đảng viên không được làm');
		expect(problemText(refused.problem)).toContain(': 5, 6');
		expect((await manage.findManagedYear(org, y.id))?.status).toBe('draft');
		expect(
			await t.db
				.selectFrom('catalog_versions')
				.select('frozen_at')
				.where('id', '=', v.id)
				.executeTakeFirstOrThrow()
		).toEqual({ frozen_at: null });
	});

	it('open only with the unverified items acknowledged, then close and refuse edits', async () => {
		const y = await created(2037);
		const n = await unverifiedInSeed();
		expect(n).toBeGreaterThan(0);
		const unverified = {
			ok: false,
			problem: { code: 'unverified', field: 'acknowledged_unverified', detail: { count: n } }
		};
		expect(await manage.openYear(org, y, 0)).toEqual(unverified);
		expect(await manage.openYear(org, y, n - 1)).toEqual(unverified);
		expect((await manage.findManagedYear(org, y.id))?.status).toBe('draft');
		expect(await manage.openYear(org, y, n)).toEqual({ ok: true, value: undefined });
		const opened = (await manage.findManagedYear(org, y.id))!;
		expect(opened.status).toBe('open');
		expect(opened.opened_at).not.toBeNull();
		expect(await manage.openYear(org, opened, n)).toEqual({
			ok: false,
			problem: { code: 'conflict' }
		});

		// Open: deadlines may move, the pinned catalogs and the year number may not.
		const moved = await manage.updateWindows(org, opened, {
			...windowsOf(opened),
			commitment_closes_on: '2037-02-28'
		});
		expect(moved.ok).toBe(true);
		const pinsNow = {
			year: 2037,
			rule_set: 'qd366-2025' as const,
			manifestations_version_id: pins.manifestations,
			prohibitions_version_id: pins.prohibitions,
			standards_version_id: pins.standards
		};
		expect(await manage.updatePins(org, opened, { ...pinsNow, year: 2038 })).toEqual({
			ok: false,
			problem: { code: 'conflict' }
		});

		expect(await manage.closeYear(org, opened)).toEqual({ ok: true, value: undefined });
		const closed = (await manage.findManagedYear(org, y.id))!;
		expect(closed).toMatchObject({ status: 'closed' });
		expect(closed.closed_at).not.toBeNull();
		expect(await manage.closeYear(org, closed)).toEqual({
			ok: false,
			problem: { code: 'conflict' }
		});
		expect(
			await manage.updateWindows(org, closed, { ...windowsOf(closed), place: 'Sửa khi đã đóng' })
		).toEqual({ ok: false, problem: { code: 'conflict' } });
		expect(await manage.updatePins(org, closed, pinsNow)).toEqual({
			ok: false,
			problem: { code: 'conflict' }
		});
		expect((await manage.findManagedYear(org, y.id))?.place).toBe('Hà Tĩnh');

		const actions = (await auditRows(y.id)).map((r) => r.action);
		expect(actions).toEqual([
			'review_year.created',
			'review_year.opened',
			'review_year.updated',
			'review_year.closed'
		]);
		const openedRow = (await auditRows(y.id))[1];
		expect(openedRow.changes).toEqual({ status: ['draft', 'open'], unverified_items: n });
	});

	it('reopen a closed year with a required reason, kept in the audit trail', async () => {
		expect(reopenYearSchema.safeParse({ reason: '   ' }).success).toBe(false);
		expect(reopenYearSchema.safeParse({ reason: 'Bổ sung' }).success).toBe(true);
		const y = await created(2039);
		expect(await manage.reopenYear(org, y, 'Chưa đóng')).toEqual({
			ok: false,
			problem: { code: 'conflict' }
		});
		await manage.openYear(org, y, await unverifiedInSeed());
		await manage.closeYear(org, (await manage.findManagedYear(org, y.id))!);
		const closed = (await manage.findManagedYear(org, y.id))!;
		const reason = 'Chi bộ Văn phòng xin bổ sung kết quả kiểm điểm';
		expect(await manage.reopenYear(org, closed, reason)).toEqual({ ok: true, value: undefined });
		const reopened = (await manage.findManagedYear(org, y.id))!;
		expect(reopened).toMatchObject({ status: 'open', closed_at: null });
		expect((await auditRows(y.id)).at(-1)).toMatchObject({
			action: 'review_year.reopened',
			unit_path: bloc.path,
			changes: { status: ['closed', 'open'], reason }
		});
	});

	it('move only as the app moves them, and a closed one is read-only even in SQL', async () => {
		const y = await created(2042);
		const update = (set: Record<string, unknown>) =>
			t.db.updateTable('review_years').set(set).where('id', '=', y.id).execute();
		const transition = { constraint: 'review_years_status_transition_check' };
		const closedCheck = { constraint: 'review_years_closed_check' };
		await expect(update({ status: 'closed' })).rejects.toMatchObject(transition);
		// Nothing is drafted in a year that is not open, like nothing is signed.
		await expect(
			t.db
				.insertInto('commitment_drafts')
				.values({ member_id: tree.members['10000002'], year_id: y.id })
				.execute()
		).rejects.toMatchObject({ constraint: 'commitment_drafts_year_open_check' });

		await manage.openYear(org, y, await unverifiedInSeed());
		await expect(update({ status: 'draft' })).rejects.toMatchObject(transition);
		// What members sign is settled when the year opens; the deadlines may still move.
		for (const other of [
			{ manifestations_version_id: pins.prohibitions },
			{ prohibitions_version_id: pins.manifestations },
			{ year: 2043 }
		])
			await expect(update(other), Object.keys(other)[0]).rejects.toMatchObject({
				constraint: 'review_years_pins_check'
			});
		await update({ commitment_closes_on: '2042-03-30' });
		await manage.closeYear(org, (await manage.findManagedYear(org, y.id))!);
		const closed = (await manage.findManagedYear(org, y.id))!;

		await expect(update({ status: 'draft' })).rejects.toMatchObject(transition);
		await expect(update({ place: 'Vinh' })).rejects.toMatchObject(closedCheck);
		// Reopening carries nothing else along with it.
		for (const other of [
			{ place: 'Vinh' },
			{ commitment_closes_on: '2042-03-31' },
			{ manifestations_version_id: pins.standards },
			{ year: 2043 },
			{ opened_at: new Date('2042-01-01T00:00:00Z') }
		]) {
			await expect(
				update({ status: 'open', closed_at: null, ...other }),
				Object.keys(other)[0]
			).rejects.toMatchObject(closedCheck);
		}
		expect(await manage.findManagedYear(org, y.id)).toEqual(closed);

		expect(await manage.reopenYear(org, closed, 'Bổ sung')).toEqual({ ok: true, value: undefined });
		expect(await manage.findManagedYear(org, y.id)).toEqual({
			...closed,
			status: 'open',
			closed_at: null
		});
	});

	it('keep a failed change out of the database and the audit trail', async () => {
		await created(2044);
		const before = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.db);
		expect(await manage.createYear(org, bloc, input(2044))).toMatchObject({ ok: false });
		const after = await sql<{ n: number }>`select count(*)::int as n from audit_log`.execute(t.db);
		expect(after.rows[0].n).toBe(before.rows[0].n);
	});
});

describe('review year routes', () => {
	const LIST = '/(app)/admin/years';
	const onYear = (ctx: Ctx, id: number | string, form?: FormData) =>
		requestEvent(ctx, '/(app)/admin/years/[id]', { params: { id: String(id) }, form });
	const load = listRoute.load as (e: RequestEvent) => Promise<Record<string, unknown>>;
	const yearLoad = yearRoute.load as (e: RequestEvent) => Promise<Record<string, unknown>>;
	const act = (name: string) =>
		(yearRoute.actions as Record<string, (e: RequestEvent) => Promise<unknown>>)[name];

	it('answer 404 to everyone but the organization department', async () => {
		const y = await created(2040);
		const page = await load(requestEvent(org, LIST));
		expect((page.years as { year: number }[]).map((r) => r.year)).toContain(2040);
		expect(await yearLoad(onYear(org, y.id))).toMatchObject({
			unverified: await unverifiedInSeed()
		});
		for (const who of ['secretary', 'committee', 'plain', 'admin'] as const) {
			const ctx = await ctxFor(t.db, tree.accounts[who]);
			await expect(load(requestEvent(ctx, LIST)), who).rejects.toMatchObject({ status: 404 });
			await expect(yearLoad(onYear(ctx, y.id)), who).rejects.toMatchObject({ status: 404 });
			await expect(act('close')(onYear(ctx, y.id, new FormData())), who).rejects.toMatchObject({
				status: 404
			});
		}
		await expect(yearLoad(onYear(org, 999999))).rejects.toMatchObject({ status: 404 });
		expect((await manage.findManagedYear(org, y.id))?.status).toBe('draft');
	});

	it('turn form problems into field errors and a missing reason into an error', async () => {
		const y = await created(2041);
		const w = new FormData();
		for (const [k, v] of Object.entries({ ...windowsOf(y), decision_deadline: '2041-01-01' }))
			w.set(k, String(v));
		const bad = (await act('windows')(onYear(org, y.id, w))) as {
			status: number;
			data: { windows: { errors: Record<string, string[]> } };
		};
		expect(bad.status).toBe(400);
		expect(bad.data.windows.errors.decision_deadline?.[0]).toMatch(/Hạn quyết định/);

		const open = await act('open')(onYear(org, y.id, new FormData()));
		expect(open).toMatchObject({ status: 400 });
		expect(JSON.stringify(open)).toContain('chưa đối chiếu văn bản gốc');

		const ack = new FormData();
		ack.set('acknowledged_unverified', String(await unverifiedInSeed()));
		await expect(act('open')(onYear(org, y.id, ack))).rejects.toMatchObject({
			status: 303,
			location: `/admin/years/${y.id}?done=opened`
		});
		// Closing needs the explicit tick; without it nothing changes.
		expect(await act('close')(onYear(org, y.id, new FormData()))).toMatchObject({ status: 400 });
		expect((await manage.findManagedYear(org, y.id))?.status).toBe('open');
		const tick = new FormData();
		tick.set('confirm', 'yes');
		await expect(act('close')(onYear(org, y.id, tick))).rejects.toMatchObject({ status: 303 });
		const noReason = await act('reopen')(onYear(org, y.id, new FormData()));
		expect(noReason).toMatchObject({ status: 400 });
		expect((await manage.findManagedYear(org, y.id))?.status).toBe('closed');
	});
});

// The catalog editor: in-place edits of a version nobody signed yet, a new version for a frozen
// one (the old one untouched), the database refusing changes to frozen items, and who may edit.
import type { RequestEvent } from '@sveltejs/kit';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '$lib/server/access/guard';
import { suggestedWindows } from '$lib/schemas/years';
import { managedBlocs, mayManageCatalogs } from '$lib/server/access/policy';
import { editItem } from '$lib/server/catalogs/edit';
import { findVersion, latestVersionIds, listVersions } from '$lib/server/catalogs/versions';
import * as manage from '$lib/server/years/manage';
import * as listRoute from '../../src/routes/(app)/admin/catalogs/+page.server';
import * as versionRoute from '../../src/routes/(app)/admin/catalogs/[versionId]/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent } from './helpers/event';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
let org: Ctx;
let admin: Ctx;
let v1: Record<string, number>;

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	org = await ctxFor(t.db, tree.accounts.orgdept);
	admin = await ctxFor(t.db, tree.accounts.admin);
	v1 = await latestVersionIds(t.db);
});
afterAll(async () => t?.close());

async function items(versionId: number) {
	return t.db
		.selectFrom('catalog_items')
		.select(['id', 'code', 'position', 'group_title', 'area', 'text', 'verified', 'wording'])
		.where('version_id', '=', versionId)
		.orderBy('position')
		.execute();
}

async function auditOf(entityType: string, entityId: number) {
	return t.db
		.selectFrom('audit_log')
		.select(['action', 'unit_path', 'changes', 'actor_account_id'])
		.where('entity_type', '=', entityType)
		.where('entity_id', '=', String(entityId))
		.orderBy('id')
		.execute();
}

async function freeze(versionId: number): Promise<void> {
	await t.db
		.updateTable('catalog_versions')
		.set({ frozen_at: sql<Date>`now()` })
		.where('id', '=', versionId)
		.execute();
}

// In order: the list is read while every catalog is at version 1; the later tests each freeze
// or copy a catalog of their own.
describe('the shipped catalogs (migration 0014)', () => {
	it('hold no placeholder: every item is official wording, a summary or a reference', async () => {
		const rows = await t.db
			.selectFrom('catalog_items as i')
			.innerJoin('catalog_versions as v', 'v.id', 'i.version_id')
			.select(['v.catalog', 'i.code', 'i.text', 'i.wording', 'i.verified'])
			.where('v.version', '=', 1)
			.execute();
		expect(rows.length).toBe(27 + 19 + 5);
		for (const r of rows) {
			expect(r.wording, `${r.catalog} ${r.code}`).not.toBeNull();
			expect(r.text ?? '').not.toMatch(/chưa được đối chiếu/);
			expect(r.verified).toBe(r.wording === 'official');
		}
		const of = (catalog: string, code: string) =>
			rows.find((r) => r.catalog === catalog && r.code === code)!;
		// Domain §4: cut-off texts keep their "…"; unestablished articles are references.
		expect(of('manifestations', '1.5').text).toMatch(/lấy lòng nhau …$/);
		expect(of('manifestations', '3.6').text).toBe(
			'Móc nối, cấu kết với các thế lực thù địch, phản động …'
		);
		for (const code of ['8', '10', '11', '12', '15', '16', '17', '18'])
			expect(of('prohibitions', code)).toMatchObject({ wording: 'reference', text: null });
		expect(of('prohibitions', '13').wording).toBe('summary');
		expect(of('standards', '1').wording).toBe('official');
	});
});

describe.sequential('catalog versions', () => {
	it('are listed with item counts, unverified counts and the years pinning them', async () => {
		const bloc = managedBlocs(org.actor)[0];
		const r = await manage.createYear(org, bloc, {
			year: 2030,
			place: 'Hà Tĩnh',
			theme: null,
			rule_set: 'qd366-2025',
			reporting_period: 'quarterly',
			report_due_days: 10,
			...suggestedWindows(2030),
			manifestations_version_id: v1.manifestations,
			prohibitions_version_id: v1.prohibitions,
			standards_version_id: v1.standards
		});
		expect(r.ok).toBe(true);
		const list = await listVersions(t.db);
		expect(list.map((v) => [v.catalog, v.version, v.item_count])).toEqual([
			['manifestations', 1, 27],
			['prohibitions', 1, 19],
			['standards', 1, 5]
		]);
		const m = list.find((v) => v.catalog === 'manifestations')!;
		expect(m.unverified_count).toBe((await items(m.id)).filter((i) => !i.verified).length);
		expect(m.unverified_count).toBeGreaterThan(0);
		expect(m.frozen_at).toBeNull();
		expect(m.used_by).toEqual([
			expect.objectContaining({ year: 2030, status: 'draft', unit_id: bloc.id })
		]);
	});

	it('may be edited by the organization department and the administrator only', async () => {
		expect(mayManageCatalogs(org.actor)).toBe(true);
		expect(mayManageCatalogs(admin.actor)).toBe(true);
		for (const who of ['secretary', 'committee', 'plain'] as const) {
			const ctx = await ctxFor(t.db, tree.accounts[who]);
			expect(mayManageCatalogs(ctx.actor), who).toBe(false);
			const [item] = await items(v1.standards);
			expect(
				await editItem(ctx, v1.standards, {
					item_id: item.id,
					text: 'Sửa trái phép',
					wording: 'official'
				})
			).toEqual({ ok: false, problem: { code: 'not_found' } });
		}
		expect((await items(v1.standards)).some((i) => i.text === 'Sửa trái phép')).toBe(false);
	});

	it('are edited in place while not frozen, with an audit row', async () => {
		const before = await items(v1.manifestations);
		const target = before.find((i) => !i.verified)!;
		const text = 'Nguyên văn đã đối chiếu với Nghị quyết 04-NQ/TW.';
		const r = await editItem(org, v1.manifestations, {
			item_id: target.id,
			text,
			wording: 'official'
		});
		expect(r).toEqual({
			ok: true,
			value: { versionId: v1.manifestations, itemId: target.id, created: false, changed: true }
		});
		const after = await items(v1.manifestations);
		expect(after.find((i) => i.id === target.id)).toMatchObject({
			text,
			verified: true,
			wording: 'official'
		});
		expect(after.filter((i) => i.id !== target.id)).toEqual(
			before.filter((i) => i.id !== target.id)
		);
		const rows = await auditOf('catalog_item', target.id);
		expect(rows).toEqual([
			{
				action: 'catalog_item.updated',
				unit_path: null,
				actor_account_id: tree.accounts.orgdept,
				changes: {
					text: [target.text, text],
					wording: ['summary', 'official'],
					catalog: 'manifestations',
					version: 1,
					code: target.code
				}
			}
		]);
		const again = await editItem(org, v1.manifestations, {
			item_id: target.id,
			text,
			wording: 'official'
		});
		expect(again).toMatchObject({ ok: true, value: { changed: false } });
		expect(await auditOf('catalog_item', target.id)).toHaveLength(1);
		// An item of another version is not found through this one.
		const [other] = await items(v1.standards);
		expect(
			await editItem(org, v1.manifestations, { item_id: other.id, text, wording: 'official' })
		).toEqual({ ok: false, problem: { code: 'not_found' } });
	});

	it('copy a frozen version into version 2 with the change, leaving version 1 intact', async () => {
		await freeze(v1.prohibitions);
		const before = await items(v1.prohibitions);
		const target = before[4];
		const text = 'Nguyên văn Điều 5 theo Quy định số 37-QĐ/TW.';
		const r = await editItem(admin, v1.prohibitions, {
			item_id: target.id,
			text,
			wording: 'official'
		});
		expect(r).toMatchObject({ ok: true, value: { created: true, changed: true } });
		if (!r.ok) return;
		const { versionId, itemId } = r.value;
		expect(versionId).not.toBe(v1.prohibitions);
		expect(await items(v1.prohibitions)).toEqual(before);

		const v2 = (await findVersion(t.db, versionId))!;
		const old = (await findVersion(t.db, v1.prohibitions))!;
		expect(v2).toMatchObject({
			catalog: 'prohibitions',
			version: 2,
			title: old.title,
			source: old.source,
			frozen_at: null,
			latest_id: v2.id
		});
		expect(old.latest_id).toBe(v2.id);
		const strip = (rows: Awaited<ReturnType<typeof items>>) => rows.map(({ id: _i, ...x }) => x);
		expect(strip(v2.items)).toEqual(
			strip(before).map((i) =>
				i.code === target.code ? { ...i, text, verified: true, wording: 'official' } : i
			)
		);
		expect(v2.items.find((i) => i.code === target.code)?.id).toBe(itemId);
		const creator = await t.db
			.selectFrom('catalog_versions')
			.select('created_by')
			.where('id', '=', v2.id)
			.executeTakeFirstOrThrow();
		expect(creator.created_by).toBe(tree.accounts.admin);
		expect(await auditOf('catalog_version', v2.id)).toEqual([
			expect.objectContaining({
				action: 'catalog_version.created',
				unit_path: null,
				changes: {
					catalog: [null, 'prohibitions'],
					version: [null, 2],
					copied_from_version_id: v1.prohibitions
				}
			})
		]);
		expect(await auditOf('catalog_item', itemId)).toHaveLength(1);

		// The frozen version 1 is no longer the latest: edits go to version 2, not to a version 3.
		expect(
			await editItem(admin, v1.prohibitions, { item_id: before[0].id, text, wording: 'official' })
		).toEqual({
			ok: false,
			problem: { code: 'not_latest', field: 'text', detail: { latestId: v2.id } }
		});
		const inPlace = await editItem(org, v2.id, {
			item_id: v2.items[0].id,
			text: 'Nguyên văn Điều 1.',
			wording: 'official'
		});
		expect(inPlace).toMatchObject({ ok: true, value: { created: false, versionId: v2.id } });
		expect(await latestVersionIds(t.db)).toMatchObject({ prohibitions: v2.id });
	});

	it('are protected by the database once frozen, whatever the route', async () => {
		await freeze(v1.standards);
		const [item] = await items(v1.standards);
		await expect(
			t.db
				.updateTable('catalog_items')
				.set({ text: 'Sửa thẳng trong SQL' })
				.where('version_id', '=', v1.standards)
				.execute()
		).rejects.toMatchObject({ constraint: 'catalog_items_frozen' });
		await expect(
			t.db.deleteFrom('catalog_items').where('id', '=', item.id).execute()
		).rejects.toMatchObject({ constraint: 'catalog_items_frozen' });
		await expect(
			t.db
				.insertInto('catalog_items')
				.values({ version_id: v1.standards, code: '6', position: 6, area: 'ethics', text: 'Thêm' })
				.execute()
		).rejects.toMatchObject({ constraint: 'catalog_items_frozen' });
		await expect(
			t.db
				.updateTable('catalog_versions')
				.set({ title: 'Đổi tên' })
				.where('id', '=', v1.standards)
				.execute()
		).rejects.toMatchObject({ constraint: 'catalog_versions_frozen' });
		expect((await items(v1.standards))[0]).toEqual(item);
	});
});

describe('catalog routes', () => {
	const LIST = '/(app)/admin/catalogs';
	const onVersion = (ctx: Ctx, versionId: string, form?: FormData) =>
		requestEvent(ctx, '/(app)/admin/catalogs/[versionId]', { params: { versionId }, form });
	const load = listRoute.load as (e: RequestEvent) => Promise<Record<string, unknown>>;
	const versionLoad = versionRoute.load as (e: RequestEvent) => Promise<Record<string, unknown>>;
	const save = versionRoute.actions.save as (e: RequestEvent) => Promise<unknown>;

	it('answer the organization department and the administrator, 404 to everyone else', async () => {
		const id = String(v1.manifestations);
		for (const ctx of [org, admin]) {
			expect(await load(requestEvent(ctx, LIST))).toHaveProperty('catalogs');
			const page = await versionLoad(onVersion(ctx, id));
			expect((page.groups as { title: string }[]).map((g) => g.title)).toEqual([
				'Suy thoái về tư tưởng chính trị',
				'Suy thoái về đạo đức, lối sống',
				'Những biểu hiện "tự diễn biến", "tự chuyển hóa" trong nội bộ'
			]);
		}
		const [item] = await items(v1.manifestations);
		for (const who of ['secretary', 'committee', 'plain'] as const) {
			const ctx = await ctxFor(t.db, tree.accounts[who]);
			await expect(load(requestEvent(ctx, LIST)), who).rejects.toMatchObject({
				status: 404
			});
			const body = new FormData();
			body.set('item_id', String(item.id));
			body.set('text', 'Sửa trái phép qua biểu mẫu');
			await expect(save(onVersion(ctx, id, body)), who).rejects.toMatchObject({ status: 404 });
		}
		await expect(versionLoad(onVersion(org, '999999'))).rejects.toMatchObject({ status: 404 });
		expect((await items(v1.manifestations))[0]).toEqual(item);
	});

	it('save an item and redirect, or answer a field error', async () => {
		const id = String(v1.manifestations);
		const [item] = await items(v1.manifestations);
		const short = new FormData();
		short.set('item_id', String(item.id));
		short.set('text', 'x');
		short.set('wording', 'summary');
		const bad = await save(onVersion(org, id, short));
		expect(bad).toMatchObject({
			status: 400,
			data: { form: { errors: { text: [expect.any(String)] } } }
		});
		const unsaid = new FormData();
		unsaid.set('item_id', String(item.id));
		unsaid.set('text', `${item.text} (đã đối chiếu)`);
		expect(await save(onVersion(org, id, unsaid))).toMatchObject({
			status: 400,
			data: { form: { errors: { wording: [expect.any(String)] } } }
		});
		expect((await items(v1.manifestations))[0]).toEqual(item);
		const ok = new FormData();
		ok.set('item_id', String(item.id));
		ok.set('text', `${item.text} (đã đối chiếu)`);
		ok.set('wording', 'official');
		await expect(save(onVersion(org, id, ok))).rejects.toMatchObject({
			status: 303,
			location: `/admin/catalogs/${id}?saved=${item.id}#item-${item.id}`
		});
		expect((await items(v1.manifestations))[0]).toMatchObject({
			verified: true,
			wording: 'official'
		});
	});

	it('keep no text for an item that is a reference, and show how the commitment prints it', async () => {
		const latest = (await latestVersionIds(t.db)).prohibitions;
		const id = String(latest);
		const item = (await items(latest)).find((i) => i.code === '5')!;
		const ref = new FormData();
		ref.set('item_id', String(item.id));
		ref.set('text', 'Bị bỏ qua: một chỉ dẫn không có nội dung');
		ref.set('wording', 'reference');
		await expect(save(onVersion(org, id, ref))).rejects.toMatchObject({ status: 303 });
		expect((await items(latest)).find((i) => i.code === '5')).toMatchObject({
			text: null,
			wording: 'reference',
			verified: false
		});
		const page = await versionLoad(onVersion(org, id));
		const shown = (page.groups as { items: { code: string; reference: string }[] }[])
			.flatMap((g) => g.items)
			.find((i) => i.code === '5');
		expect(shown?.reference).toBe('Nội dung theo Điều 5 Quy định số 37-QĐ/TW ngày 25/10/2021.');
	});
});

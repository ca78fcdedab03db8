// The page action and the template download, called as SvelteKit would, with a signed-in actor.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequest } from '@sveltejs/kit/node';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '$lib/server/access/actor';
import { actions } from '../../src/routes/(app)/admin/import/+page.server';
import { GET } from '../../src/routes/(app)/admin/import/template.xlsx/+server';
import { seedTree, type Tree } from '../fixtures/import/tree';
import { csv, MEMBER_HEADERS } from '../fixtures/import/workbooks';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent, type Handler } from './helpers/event';
import { ctxOf } from './helpers/tree';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await seedTree(t.db);
});
afterAll(async () => t?.close());

const event = (actor: Actor, routeId: string, form?: FormData) =>
	requestEvent(ctxOf(t.db, actor), routeId, { form });

function upload(file: File | null, dryRun: boolean): FormData {
	const body = new FormData();
	if (file) body.set('file', file);
	if (dryRun) body.set('dry_run', 'on');
	return body;
}

const nobody = (): Actor => ({
	accountId: tree.orgDept.actor.accountId,
	memberId: null,
	displayName: 'Đảng viên',
	isSystemAdmin: false,
	grants: []
});

describe('import route', () => {
	it('serves the template to importers only', async () => {
		const res = await GET(event(tree.orgDept.actor, '/(app)/admin/import/template.xlsx') as never);
		expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load((await res.arrayBuffer()) as ExcelJS.Buffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổ chức đảng', 'Đảng viên', 'Hướng dẫn']);
		// Refused with the app's error text, not SvelteKit's bare "Error: 404".
		const refused = await GET(event(nobody(), '/(app)/admin/import/template.xlsx') as never);
		expect(refused.status).toBe(404);
		expect(refused.headers.get('content-type')).toBe('text/html; charset=utf-8');
		const page = await refused.text();
		expect(page).toContain('<html lang="vi">');
		expect(page).toContain(
			'<h1>Không tìm thấy trang hoặc đồng chí không có quyền xem nội dung này.</h1>'
		);
		expect(page).not.toContain('Error');
	});

	it('validates the upload, honours "check only", and refuses actors without the right', async () => {
		const act = actions.default as Handler;
		const none = await act(event(tree.orgDept.actor, '/(app)/admin/import', upload(null, false)));
		expect(none).toMatchObject({ status: 400, data: { error: 'Vui lòng chọn tệp cần nhập.' } });
		const bytes = csv([
			MEMBER_HEADERS.slice(0, 8),
			['79.5001', 'Mai Văn Sơn', '', 'Nam', '', '', 'Chính thức', 'CB11']
		]);
		const file = new File([bytes], 'dv.csv', { type: 'text/csv' });
		const dry = await act(event(tree.orgDept.actor, '/(app)/admin/import', upload(file, true)));
		expect(dry).toMatchObject({ report: { status: 'checked', dryRun: true } });
		const done = await act(event(tree.orgDept.actor, '/(app)/admin/import', upload(file, false)));
		expect(done).toMatchObject({
			report: { status: 'applied', counts: { members: { create: 1 } } }
		});
		await expect(
			act(event(nobody(), '/(app)/admin/import', upload(file, false)))
		).rejects.toMatchObject({ status: 404 });
	});

	it('says the file is too large when the body passes the server’s limit, with or without a length', async () => {
		const act = actions.default as Handler;
		// The request as adapter-node builds it, with the limit our build gives it (svelte.config.js).
		const server = createServer((req, res) => {
			void (async () => {
				const request = await getRequest({
					request: req,
					base: 'http://localhost',
					bodySizeLimit: 12 * 1024 * 1024
				});
				const ev = { ...event(tree.orgDept.actor, '/(app)/admin/import'), request };
				res.end(JSON.stringify(await act(ev)));
			})();
		});
		await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		const { port } = server.address() as AddressInfo;
		try {
			const big = new File([new Uint8Array(13 * 1024 * 1024).fill(65)], 'lon.csv');
			const form = upload(big, true);
			const withLength = await fetch(`http://127.0.0.1:${port}/admin/import`, {
				method: 'POST',
				body: form
			});
			// Sent in chunks, the body is cut when it passes the limit.
			const encoded = new Response(form);
			const chunked = await fetch(`http://127.0.0.1:${port}/admin/import`, {
				method: 'POST',
				body: encoded.body,
				headers: { 'content-type': encoded.headers.get('content-type')! },
				duplex: 'half'
			} as RequestInit);
			for (const res of [withLength, chunked])
				expect(await res.json()).toEqual({
					status: 413,
					data: {
						error: 'Tệp quá lớn (tối đa 10 MB). Đồng chí vui lòng chia thành nhiều tệp nhỏ hơn.',
						report: null
					}
				});
		} finally {
			server.close();
		}
	});
});

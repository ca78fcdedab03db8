import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotHash, verificationCode } from '$lib/domain/commitment/canonical';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { hashPassword } from '$lib/server/auth/password';
import { getSnapshot } from '$lib/server/commitments/chain';
import * as own from '$lib/server/commitments/member';
import { confirmMany, review } from '$lib/server/commitments/review';
import { createTestDb, type TestDb } from './helpers/db';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number };
const PASSWORD = 'mật khẩu của đảng viên';
const empty = { political: [], ethics: [], discipline: [], duties: [] };

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id);
	await t.db
		.updateTable('accounts')
		.set({ password_hash: await hashPassword(PASSWORD) })
		.execute();
});
afterAll(async () => t?.close());

const member = () => ctxFor(t.db, tree.accounts.plain); // 10000002 Trần Thị Bình, cell C1
const secretary = () => ctxFor(t.db, tree.accounts.secretary); // secretary of C1
const signInput = (over: Partial<own.SignInput> = {}): own.SignInput => ({
	personal: { ...empty, duties: ['Giải quyết 100% hồ sơ đúng hạn.'] },
	typedName: 'tran thi binh',
	password: PASSWORD,
	ip: '192.0.2.10',
	userAgent: 'vitest',
	...over
});

async function openOwn() {
	const ctx = await member();
	const c = await own.openOwn(ctx, year.year);
	if (!c) throw new Error('no commitment');
	return { ctx, c };
}

describe('the member signs', () => {
	it('starts empty, with the header, identity and all catalog items', async () => {
		const { c } = await openOwn();
		expect(c.chain.state).toBe('not_started');
		expect(c.composition.header).toMatchObject({
			bloc: 'Đơn vị B',
			grassroots: 'Đơn vị G1',
			cell: 'Đơn vị C1'
		});
		expect(c.composition.catalogs.map((x) => x.items.length)).toEqual([27, 19, 5]);
	});

	it('saves a draft', async () => {
		const { ctx, c } = await openOwn();
		expect(await own.saveDraft(ctx, c, { ...empty, ethics: ['Tiết kiệm điện.'] })).toBeUndefined();
		expect((await openOwn()).c.chain.state).toBe('draft');
	});

	it('refuses a wrong password and a name that is not theirs, changing nothing', async () => {
		const { ctx, c } = await openOwn();
		expect(await own.sign(ctx, c, signInput({ password: 'sai mật khẩu' }))).toEqual({
			kind: 'password'
		});
		expect(await own.sign(ctx, c, signInput({ typedName: 'Nguyễn Văn An' }))).toEqual({
			kind: 'name'
		});
		const count = await t.db
			.selectFrom('commitments')
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirstOrThrow();
		expect(count.n).toBe(0);
	});

	it('signs: an immutable snapshot whose hash and code match, catalogs frozen, draft gone', async () => {
		const { ctx, c } = await openOwn();
		const result = await own.sign(ctx, c, signInput());
		expect(result).toMatchObject({
			id: expect.any(Number),
			code: expect.stringMatching(/^[A-Z2-7]{12}$/)
		});
		const row = await t.db.selectFrom('commitments').selectAll().executeTakeFirstOrThrow();
		const snapshot = row.snapshot as unknown as CommitmentSnapshot;
		expect(row.snapshot_sha256).toBe(snapshotHash(snapshot));
		expect(row.verification_code).toBe(verificationCode(row.snapshot_sha256));
		expect(snapshot.member.full_name).toBe('Trần Thị Bình');
		expect(snapshot.typed_name).toBe('tran thi binh');
		expect(snapshot.areas.find((a) => a.code === 'duties')!.personal).toEqual([
			'Giải quyết 100% hồ sơ đúng hạn.'
		]);
		expect(row).toMatchObject({
			version: 1,
			supersedes_id: null,
			client_ip: '192.0.2.10',
			user_agent: 'vitest'
		});
		const frozen = await t.db.selectFrom('catalog_versions').select('frozen_at').execute();
		expect(frozen.every((v) => v.frozen_at !== null)).toBe(true);
		const after = await openOwn();
		expect(after.c.chain.state).toBe('signed');
		expect(after.c.chain.draft).toBeNull();
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['action', 'unit_path'])
			.where('action', '=', 'commitment.signed')
			.execute();
		expect(audit).toEqual([{ action: 'commitment.signed', unit_path: tree.units.C1.path }]);
	});

	it('cannot be changed or removed by anyone, even in SQL', async () => {
		await expect(
			t.db.updateTable('commitments').set({ user_agent: 'x' }).execute()
		).rejects.toMatchObject({ constraint: 'commitments_immutable' });
		await expect(t.db.deleteFrom('commitments').execute()).rejects.toMatchObject({
			constraint: 'commitments_immutable'
		});
		await expect(
			sql`update commitments set snapshot = '{}'::jsonb`.execute(t.db)
		).rejects.toMatchObject({ constraint: 'commitments_immutable' });
		await expect(
			t.db.updateTable('catalog_items').set({ text: 'đổi' }).execute()
		).rejects.toMatchObject({ constraint: 'catalog_items_frozen' });
	});

	it('cannot sign twice; an amendment signs a new version superseding the first', async () => {
		const { ctx, c } = await openOwn();
		expect(await own.sign(ctx, c, signInput())).toEqual({ kind: 'state' });
		expect(await own.amend(ctx, c)).toBeUndefined();
		const amending = await openOwn();
		expect(amending.c.chain.state).toBe('draft');
		expect(amending.c.personal.duties).toEqual(['Giải quyết 100% hồ sơ đúng hạn.']);
		expect(await own.sign(amending.ctx, amending.c, signInput())).toEqual({ kind: 'unchanged' });
		const second = await own.sign(
			amending.ctx,
			amending.c,
			signInput({
				personal: {
					...empty,
					duties: ['Giải quyết 100% hồ sơ đúng hạn.', 'Viết 1 bài thu hoạch mỗi quý.']
				}
			})
		);
		expect(second).toMatchObject({ id: expect.any(Number) });
		const versions = await t.db
			.selectFrom('commitments')
			.select(['id', 'version', 'supersedes_id'])
			.orderBy('version')
			.execute();
		expect(versions.map((v) => [v.version, v.supersedes_id])).toEqual([
			[1, null],
			[2, versions[0].id]
		]);
	});
});

describe('the cell reviews', () => {
	it('only the secretary of the member’s cell, only the latest version', async () => {
		const [v1, v2] = await t.db.selectFrom('commitments').select('id').orderBy('version').execute();
		const other = await ctxFor(t.db, tree.accounts.committee); // a committee member, not a secretary
		expect(await review(other, v2.id, 'confirmed', '')).toBe('not_found');
		const sec = await secretary();
		expect(await review(sec, v1.id, 'confirmed', '')).toBe('not_reviewable');
		expect(await review(sec, v2.id, 'returned', 'Bổ sung nhiệm vụ chuyên môn.')).toBeUndefined();
		expect((await openOwn()).c.chain.state).toBe('returned');
		expect(await review(sec, v2.id, 'confirmed', '')).toBe('not_reviewable');
		const note = await t.db.selectFrom('notifications').select(['kind', 'account_id']).execute();
		expect(note).toEqual([{ kind: 'commitment.returned', account_id: tree.accounts.plain }]);
		await expect(t.db.deleteFrom('commitment_reviews').execute()).rejects.toMatchObject({
			constraint: 'commitment_reviews_immutable'
		});
	});

	it('after a return the member amends and re-signs; the secretary confirms in bulk; confirmed is final', async () => {
		const { ctx, c } = await openOwn();
		expect(await own.amend(ctx, c)).toBeUndefined();
		const again = await openOwn();
		const signed = await own.sign(
			again.ctx,
			again.c,
			signInput({ personal: { ...empty, duties: ['Hoàn thành 100% nhiệm vụ chuyên môn.'] } })
		);
		expect(signed).toMatchObject({ id: expect.any(Number) });
		const sec = await secretary();
		const id = (signed as { id: number }).id;
		expect(await confirmMany(sec, [id, 999_999])).toEqual({ confirmed: 1, skipped: 1 });
		const final = await openOwn();
		expect(final.c.chain.state).toBe('confirmed');
		expect(await own.amend(final.ctx, final.c)).toEqual({ kind: 'state' });
		const snap = await getSnapshot(t.db, id);
		expect(snap.areas.find((a) => a.code === 'duties')!.personal).toEqual([
			'Hoàn thành 100% nhiệm vụ chuyên môn.'
		]);
	});
});

describe('phases', () => {
	it('refuse signing outside the window and say when it opens', async () => {
		await t.db
			.updateTable('review_years')
			.set({ commitment_opens_on: '2099-01-01', commitment_closes_on: '2099-02-01' })
			.where('id', '=', year.id)
			.execute();
		const ctx = await ctxFor(t.db, tree.accounts.secretary);
		const c = (await own.openOwn(ctx, year.year))!;
		expect(await own.saveDraft(ctx, c, empty)).toEqual({
			kind: 'phase',
			phase: { state: 'not_yet', opensOn: '2099-01-01' }
		});
	});

	it('nothing is signed or reviewed in a closed year, even written directly', async () => {
		await t.db
			.updateTable('review_years')
			.set({ status: 'closed' })
			.where('id', '=', year.id)
			.execute();
		const any = await t.db
			.selectFrom('commitments')
			.select(['id', 'snapshot'])
			.executeTakeFirstOrThrow();
		await expect(
			t.db
				.insertInto('commitment_reviews')
				.values({
					commitment_id: any.id,
					decision: 'confirmed',
					reviewer_account_id: tree.accounts.secretary
				})
				.execute()
		).rejects.toMatchObject({ constraint: 'commitment_reviews_year_open_check' });
	});
});

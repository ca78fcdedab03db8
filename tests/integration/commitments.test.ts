import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotHash, verificationCode } from '$lib/domain/commitment/canonical';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { hashPassword } from '$lib/server/auth/password';
import { ok, refuse } from '$lib/domain/result';
import { getSnapshot } from '$lib/server/commitments/chain';
import * as own from '$lib/server/commitments/member';
import { confirmMany, refusalText, review } from '$lib/server/commitments/review';
import { sealFor } from '$lib/server/commitments/seal';
import type { Db } from '$lib/server/db/connect';
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
const signInput = (c: own.MemberCommitment, over: Partial<own.SignInput> = {}): own.SignInput => ({
	personal: { ...empty, duties: ['Giải quyết 100% hồ sơ đúng hạn.'] },
	typedName: 'tran thi binh',
	password: PASSWORD,
	preview: own.previewOf(c),
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

// One member's commitment, step by step: each test starts where the previous one left it.
describe.sequential('the member signs', () => {
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
		expect(await own.saveDraft(ctx, c, { ...empty, ethics: ['Tiết kiệm điện.'] })).toEqual(ok());
		expect((await openOwn()).c.chain.state).toBe('draft');
	});

	it('refuses a wrong password and a name that is not theirs, changing nothing', async () => {
		const { ctx, c } = await openOwn();
		expect(await own.sign(ctx, c, signInput(c, { password: 'sai mật khẩu' }))).toEqual(
			refuse('password', { field: 'password' })
		);
		expect(await own.sign(ctx, c, signInput(c, { typedName: 'Nguyễn Văn An' }))).toEqual(
			refuse('name', { field: 'typed_name' })
		);
		const count = await t.db
			.selectFrom('commitments')
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirstOrThrow();
		expect(count.n).toBe(0);
	});

	it('signs: an immutable snapshot whose hash and code match, catalogs frozen, draft gone', async () => {
		const { ctx, c } = await openOwn();
		const result = await own.sign(ctx, c, signInput(c));
		expect(result).toEqual({
			ok: true,
			value: { id: expect.any(Number), code: expect.stringMatching(/^[A-Z2-7]{12}$/) }
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

	it('cannot be emptied with TRUNCATE either, named or reached by CASCADE', async () => {
		for (const table of [
			'commitments',
			'commitment_reviews',
			'audit_log',
			'catalog_versions',
			'catalog_items'
		]) {
			await expect(
				sql`truncate ${sql.table(table)} cascade`.execute(t.db),
				table
			).rejects.toMatchObject({
				constraint: `${table}_immutable`
			});
		}
		// Every signed record hangs off accounts and members: a cascade from them reaches it.
		await expect(sql`truncate accounts, members cascade`.execute(t.db)).rejects.toMatchObject({
			code: '42501'
		});
		const left = await t.db
			.selectFrom('commitments')
			.select(sql<number>`count(*)::int`.as('n'))
			.executeTakeFirstOrThrow();
		expect(left.n).toBe(1);
	});

	it('cannot sign twice; an amendment signs a new version superseding the first', async () => {
		const { ctx, c } = await openOwn();
		expect(await own.sign(ctx, c, signInput(c))).toEqual(refuse('conflict'));
		expect(await own.amend(ctx, c)).toEqual(ok());
		const amending = await openOwn();
		expect(amending.c.chain.state).toBe('draft');
		expect(amending.c.personal.duties).toEqual(['Giải quyết 100% hồ sơ đúng hạn.']);
		expect(await own.sign(amending.ctx, amending.c, signInput(amending.c))).toEqual(
			refuse('unchanged')
		);
		const second = await own.sign(
			amending.ctx,
			amending.c,
			signInput(amending.c, {
				personal: {
					...empty,
					duties: ['Giải quyết 100% hồ sơ đúng hạn.', 'Viết 1 bài thu hoạch mỗi quý.']
				}
			})
		);
		expect(second).toMatchObject({ ok: true, value: { id: expect.any(Number) } });
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

// Continues with the two versions Bình signed above.
describe.sequential('the cell reviews', () => {
	it('only the secretary of the member’s cell, only the latest version', async () => {
		const [v1, v2] = await t.db.selectFrom('commitments').select('id').orderBy('version').execute();
		const other = await ctxFor(t.db, tree.accounts.committee); // a committee member, not a secretary
		expect(await review(other, v2.id, 'confirmed', '')).toEqual(refuse('not_found'));
		const sec = await secretary();
		expect(await review(sec, v1.id, 'confirmed', '')).toEqual(refuse('not_reviewable'));
		// The trigger holds the same rule for a row written directly.
		await expect(
			t.db
				.insertInto('commitment_reviews')
				.values({
					commitment_id: v1.id,
					decision: 'confirmed',
					reviewer_account_id: tree.accounts.secretary
				})
				.execute()
		).rejects.toMatchObject({ constraint: 'commitment_reviews_latest_check' });
		expect(await review(sec, v2.id, 'returned', 'Bổ sung nhiệm vụ chuyên môn.')).toEqual(ok());
		expect((await openOwn()).c.chain.state).toBe('returned');
		expect(await review(sec, v2.id, 'confirmed', '')).toEqual(refuse('not_reviewable'));
		const note = await t.db.selectFrom('notifications').select(['kind', 'account_id']).execute();
		expect(note).toEqual([{ kind: 'commitment.returned', account_id: tree.accounts.plain }]);
		await expect(t.db.deleteFrom('commitment_reviews').execute()).rejects.toMatchObject({
			constraint: 'commitment_reviews_immutable'
		});
	});

	it('after a return the member amends and re-signs; the secretary confirms in bulk; confirmed is final', async () => {
		const { ctx, c } = await openOwn();
		expect(await own.amend(ctx, c)).toEqual(ok());
		const again = await openOwn();
		const signed = await own.sign(
			again.ctx,
			again.c,
			signInput(again.c, {
				personal: { ...empty, duties: ['Hoàn thành 100% nhiệm vụ chuyên môn.'] }
			})
		);
		if (!signed.ok) throw new Error(`signing refused: ${signed.problem.code}`);
		const sec = await secretary();
		const id = signed.value.id;
		expect(await confirmMany(sec, [id, 999_999])).toEqual({ confirmed: 1, skipped: 1 });
		const final = await openOwn();
		expect(final.c.chain.state).toBe('confirmed');
		expect(await own.amend(final.ctx, final.c)).toEqual(refuse('conflict'));
		const snap = await getSnapshot(t.db, id);
		expect(snap.areas.find((a) => a.code === 'duties')!.personal).toEqual([
			'Hoàn thành 100% nhiệm vụ chuyên môn.'
		]);
	});
});

/** A new open year of the bloc in which Lê Đức Cường (cell C1) has signed version 1. */
let nextYear = 2028;
async function freshChain(): Promise<{ yearId: number; yearNumber: number; v1: number }> {
	const y = await openYear(t.db, tree.units.B.id, { year: nextYear++ });
	const account = await t.db
		.selectFrom('accounts')
		.select('id')
		.where('login', '=', '10000003')
		.executeTakeFirstOrThrow();
	const ctx = await ctxFor(t.db, account.id);
	const c = (await own.openOwn(ctx, y.year))!;
	const signed = await own.sign(ctx, c, signInput(c, { typedName: 'Lê Đức Cường' }));
	if (!signed.ok) throw new Error(`signing refused: ${signed.problem.code}`);
	return { yearId: y.id, yearNumber: y.year, v1: signed.value.id };
}

async function decisionsOn(commitmentId: number) {
	return t.db
		.selectFrom('commitment_reviews')
		.select('decision')
		.where('commitment_id', '=', commitmentId)
		.execute();
}

describe('a return after the commitment window', () => {
	it('is refused with the date it closed; confirming stays allowed while the year is open', async () => {
		const { yearId, v1 } = await freshChain();
		// Deadlines may move while the year is open (years/manage.ts updateWindows).
		await t.db
			.updateTable('review_years')
			.set({ commitment_opens_on: '2020-01-01', commitment_closes_on: '2020-01-31' })
			.where('id', '=', yearId)
			.execute();
		const sec = await secretary();
		const refused = await review(sec, v1, 'returned', 'Bổ sung nội dung.');
		expect(refused).toEqual(refuse('window_closed', { detail: { closedOn: '2020-01-31' } }));
		expect(await decisionsOn(v1)).toEqual([]);
		expect(await review(sec, v1, 'confirmed', '')).toEqual(ok());
		expect(await decisionsOn(v1)).toEqual([{ decision: 'confirmed' }]);
	});

	it('each refusal says why, the closed window with its date', () => {
		expect(refusalText({ code: 'window_closed', detail: { closedOn: '2020-01-31' } })).toBe(
			'Không thể trả lại: thời gian ký cam kết đã kết thúc ngày 31/01/2020, đảng viên không còn sửa và ký lại được. Chi bộ vẫn có thể xác nhận bản đã ký.'
		);
		expect(refusalText({ code: 'year_closed' })).toMatch(/^Năm đánh giá đã khóa sổ/);
		expect(refusalText({ code: 'not_reviewable' })).toMatch(/không còn chờ chi bộ xử lý/);
	});
});

// Two sessions at once need a server: PGlite has a single session (one transaction at a time). Each case writes in a
// transaction left open, starts the other write, checks that it waits for the first (without the
// row locks of migration 0009 it would not see the first's row and go ahead), then commits.
describe.skipIf(!process.env.TEST_DATABASE_URL)('a signature and a review at the same time', () => {
	/** Whether `second` is still running once another session of this database waits on a lock. */
	async function waitsForLock(second: Promise<unknown>): Promise<boolean> {
		let finished = false;
		second.then(
			() => (finished = true),
			() => (finished = true)
		);
		for (let i = 0; i < 250 && !finished; i++) {
			const r = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity
				where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
			if (r.rows[0].n > 0) return true;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		return false;
	}

	/** `first` in an open transaction, then `second` alongside it, then `first` commits. */
	async function race<T>(first: (trx: Db) => Promise<unknown>, second: () => Promise<T>) {
		const trx = await t.db.startTransaction().execute();
		try {
			await first(trx);
			const pending = second().then(
				(value) => ({ value }),
				(error: unknown) => ({ error })
			);
			const waited = await waitsForLock(pending);
			await trx.commit().execute();
			return { waited, outcome: await pending };
		} catch (err) {
			await trx.rollback().execute();
			throw err;
		}
	}

	/** What sign() inserts: the next version, superseding `prevId`. */
	async function insertNextVersion(db: Db, prevId: number) {
		const { snapshot, ...prev } = await t.db
			.selectFrom('commitments')
			.select(['member_id', 'year_id', 'unit_id', 'version', 'snapshot', 'signer_account_id'])
			.where('id', '=', prevId)
			.executeTakeFirstOrThrow();
		const hash = randomBytes(32).toString('hex');
		const sealed = {
			...prev,
			version: prev.version + 1,
			supersedes_id: prevId,
			snapshot_sha256: hash,
			verification_code: verificationCode(hash),
			signed_at: new Date()
		};
		await db
			.insertInto('commitments')
			.values({ ...sealed, ...sealFor(sealed), snapshot: JSON.stringify(snapshot) })
			.execute();
	}

	const confirm = (db: Db, commitmentId: number) =>
		db
			.insertInto('commitment_reviews')
			.values({
				commitment_id: commitmentId,
				decision: 'confirmed',
				reviewer_account_id: tree.accounts.secretary
			})
			.execute();

	it('review() waits for the signature, then refuses the superseded version', async () => {
		const { v1 } = await freshChain();
		const sec = await secretary();
		const { waited, outcome } = await race(
			(trx) => insertNextVersion(trx, v1),
			() => review(sec, v1, 'confirmed', '')
		);
		expect(waited).toBe(true);
		expect(outcome).toEqual({ value: refuse('not_reviewable') });
		expect(await decisionsOn(v1)).toEqual([]);
	});

	it('a review written directly waits for the signature, then is refused', async () => {
		const { v1 } = await freshChain();
		const { waited, outcome } = await race(
			(trx) => insertNextVersion(trx, v1),
			() => confirm(t.db, v1)
		);
		expect(waited).toBe(true);
		expect(outcome).toMatchObject({ error: { constraint: 'commitment_reviews_latest_check' } });
		expect(await decisionsOn(v1)).toEqual([]);
	});

	it('a signature waits for the confirmation, then is refused: confirmed is final', async () => {
		const { v1 } = await freshChain();
		const { waited, outcome } = await race(
			(trx) => confirm(trx, v1),
			() => insertNextVersion(t.db, v1)
		);
		expect(waited).toBe(true);
		expect(outcome).toMatchObject({ error: { constraint: 'commitments_confirmed_final_check' } });
		const superseding = await t.db
			.selectFrom('commitments')
			.select('id')
			.where('supersedes_id', '=', v1)
			.execute();
		expect(superseding).toEqual([]);
	});

	it('review() waits for a close in flight, then says the year is closed', async () => {
		const { yearId, v1 } = await freshChain();
		const sec = await secretary();
		const { waited, outcome } = await race(
			(trx) =>
				trx
					.updateTable('review_years')
					.set({ status: 'closed', closed_at: sql<Date>`now()` })
					.where('id', '=', yearId)
					.execute(),
			() => review(sec, v1, 'confirmed', '')
		);
		expect(waited).toBe(true);
		expect(outcome).toEqual({ value: refuse('year_closed') });
		expect(await decisionsOn(v1)).toEqual([]);
	});
});

// Last: they move the window of the year the tests above signed in, then close it.
describe.sequential('phases', () => {
	it('refuse signing outside the window and say when it opens', async () => {
		await t.db
			.updateTable('review_years')
			.set({ commitment_opens_on: '2099-01-01', commitment_closes_on: '2099-02-01' })
			.where('id', '=', year.id)
			.execute();
		const ctx = await ctxFor(t.db, tree.accounts.secretary);
		const c = (await own.openOwn(ctx, year.year))!;
		expect(c.phase).toEqual({ state: 'not_yet', opensOn: '2099-01-01' });
		expect(await own.saveDraft(ctx, c, empty)).toEqual(refuse('phase'));
	});

	it('nothing is signed, drafted or reviewed in a closed year, even written directly', async () => {
		const draftOf = (card: string) => ({
			member_id: tree.members[card],
			year_id: year.id,
			personal_items: JSON.stringify(empty)
		});
		await t.db.insertInto('commitment_drafts').values(draftOf('10000003')).execute();
		await t.db
			.updateTable('review_years')
			.set({ status: 'closed' })
			.where('id', '=', year.id)
			.execute();
		const any = await t.db
			.selectFrom('commitments')
			.select(['id', 'snapshot'])
			.where('year_id', '=', year.id)
			.orderBy('version', 'desc')
			.executeTakeFirstOrThrow();
		expect(await review(await secretary(), any.id, 'confirmed', '')).toEqual(refuse('year_closed'));
		await expect(
			t.db.insertInto('commitment_drafts').values(draftOf('10000001')).execute()
		).rejects.toMatchObject({ constraint: 'commitment_drafts_year_open_check' });
		await expect(
			t.db
				.updateTable('commitment_drafts')
				.set({ personal_items: JSON.stringify({ ...empty, ethics: ['Sửa khi đã khóa sổ.'] }) })
				.where('year_id', '=', year.id)
				.execute()
		).rejects.toMatchObject({ constraint: 'commitment_drafts_year_open_check' });
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

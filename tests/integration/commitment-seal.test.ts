// The keyed seal (issue 7, item 2; migration 0012): every signature is sealed under the current
// key; rotated keys keep verifying what they sealed; a snapshot rewritten together with its hash
// and code, which the SHA-256 alone cannot tell, is tampered for the integrity check and for the
// public verification; rows signed before seals existed are sealed once, by the migration.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotHash, verificationCode } from '$lib/domain/commitment/canonical';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { todayInVietnam } from '$lib/domain/dates';
import { hashPassword } from '$lib/server/auth/password';
import { checkIntegrity } from '$lib/server/commitments/integrity';
import * as own from '$lib/server/commitments/member';
import { anySealed, requireKnownKeys, useSealKeys } from '$lib/server/commitments/seal';
import { verifyCommitment } from '$lib/server/commitments/verify';
import type { Db } from '$lib/server/db/connect';
import { migrateToLatest } from '$lib/server/db/migrate';
import { newKeyEntry, parseSealKeys } from '$lib/server/seal-keys';
import { createTestDb, type TestDb } from './helpers/db';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

const PASSWORD = 'mật khẩu của đảng viên';
const empty = { political: [], ethics: [], discipline: [], duties: [] };
const K1 = newKeyEntry('k1');
const K2 = newKeyEntry('k2');
const keys = (...entries: string[]) => parseSealKeys(entries.join(','), 'test keys');

async function accountOf(db: Db, card: string): Promise<number> {
	const a = await db
		.selectFrom('accounts')
		.select('id')
		.where('login', '=', card)
		.executeTakeFirstOrThrow();
	return a.id;
}

/** As a superuser or the tables' owner could: the trigger off, the row changed, the trigger on. */
async function rewrite(db: Db, id: number, set: ReturnType<typeof sql>): Promise<void> {
	await sql`alter table commitments disable trigger commitments_immutable`.execute(db);
	try {
		await sql`update commitments set ${set} where id = ${id}`.execute(db);
	} finally {
		await sql`alter table commitments enable trigger commitments_immutable`.execute(db);
	}
}

describe('signatures', () => {
	let t: TestDb;
	let tree: Tree;
	let year: { id: number; year: number };

	async function signAs(card: string, typedName: string, duty = 'Hoàn thành nhiệm vụ.') {
		const ctx = await ctxFor(t.db, await accountOf(t.db, card));
		const c = (await own.openOwn(ctx, year.year))!;
		const result = await own.sign(ctx, c, {
			personal: { ...empty, duties: [duty] },
			typedName,
			password: PASSWORD,
			preview: own.previewOf(c),
			ip: '192.0.2.10',
			userAgent: 'vitest'
		});
		if (!result.ok) throw new Error(`signing refused: ${result.problem.code}`);
		return result.value;
	}

	const sealOf = (id: number) =>
		t.db
			.selectFrom('commitments')
			.select(['seal', 'seal_key_id'])
			.where('id', '=', id)
			.executeTakeFirstOrThrow();

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

	it('are sealed under the current key; after a rotation the old key still verifies', async () => {
		useSealKeys(keys(K1));
		const first = await signAs('10000002', 'Trần Thị Bình');
		expect(await sealOf(first.id)).toEqual({
			seal: expect.stringMatching(/^[0-9a-f]{64}$/),
			seal_key_id: 'k1'
		});

		useSealKeys(keys(K2, K1));
		const second = await signAs('10000003', 'Lê Đức Cường');
		expect((await sealOf(second.id)).seal_key_id).toBe('k2');
		expect(await checkIntegrity(t.db, 'all')).toEqual({ checked: 2, mismatches: [] });
		expect((await verifyCommitment(t.db, first.code)).status).toBe('valid');
		await requireKnownKeys(t.db, keys(K2, K1));

		// Dropping a key that sealed rows: the start-up names it; the check cannot vouch for them.
		useSealKeys(keys(K2));
		await expect(requireKnownKeys(t.db, keys(K2))).rejects.toThrow(/'k1' \(1 commitments\)/);
		expect((await checkIntegrity(t.db, 'all')).mismatches.map((m) => m.id)).toEqual([first.id]);
		// A different key under a known id verifies nothing it did not seal.
		useSealKeys(keys(newKeyEntry('k1'), K2));
		expect((await verifyCommitment(t.db, first.code)).status).toBe('tampered');
		useSealKeys(keys(K2, K1));
	});

	it('a snapshot rewritten with a matching hash and code is tampered for both checks', async () => {
		const target = await signAs('10000005', 'Hoàng Văn Em');
		const row = await t.db
			.selectFrom('commitments')
			.select('snapshot')
			.where('id', '=', target.id)
			.executeTakeFirstOrThrow();
		const forged = structuredClone(row.snapshot) as unknown as CommitmentSnapshot;
		forged.areas[3].personal = ['Hoàn thành 50% nhiệm vụ.'];
		const hash = snapshotHash(forged);
		const code = verificationCode(hash);
		await rewrite(
			t.db,
			target.id,
			sql`snapshot = ${JSON.stringify(forged)}::jsonb, snapshot_sha256 = ${hash}, verification_code = ${code}`
		);
		// What the SHA-256 alone checks holds: the three agree with each other.
		const stored = await t.db
			.selectFrom('commitments')
			.select(['snapshot', 'snapshot_sha256', 'verification_code'])
			.where('id', '=', target.id)
			.executeTakeFirstOrThrow();
		expect(snapshotHash(stored.snapshot as unknown as CommitmentSnapshot)).toBe(
			stored.snapshot_sha256
		);
		expect(verificationCode(stored.snapshot_sha256)).toBe(stored.verification_code);

		expect((await checkIntegrity(t.db, 'all')).mismatches.map((m) => m.id)).toEqual([target.id]);
		expect(await verifyCommitment(t.db, code)).toMatchObject({ status: 'tampered' });
	});

	it('a seal belongs to its row: moved to another, stripped, or the row moved, it fails', async () => {
		const a = await signAs('10000006', 'Đặng Thu Hà');
		const b = await signAs('10000007', 'Bùi Quang Huy');
		const before = (await checkIntegrity(t.db, [tree.units.GC.path])).mismatches;
		expect(before).toEqual([]);
		await rewrite(
			t.db,
			b.id,
			sql`(seal, seal_key_id) = (select seal, seal_key_id from commitments where id = ${a.id})`
		);
		await rewrite(t.db, a.id, sql`signer_account_id = ${tree.accounts.admin}`);
		const ids = (await checkIntegrity(t.db, [tree.units.GC.path])).mismatches.map((m) => m.id);
		expect(ids.sort()).toEqual([a.id, b.id].sort());
		// A row without a seal cannot be written any more, and one stripped of it stays tampered.
		const c = await signAs('10000004', 'Phạm Thị Dung');
		await expect(rewrite(t.db, c.id, sql`seal = null, seal_key_id = null`)).rejects.toMatchObject({
			constraint: 'commitments_sealed_check'
		});
		expect((await verifyCommitment(t.db, c.code)).status).toBe('valid');
	});
});

describe('commitments signed before seals existed', () => {
	let t: TestDb;
	let legacy: number[];

	beforeAll(async () => {
		t = await createTestDb({ upTo: '0011_app_role' });
		const tree = await buildTree(t.db);
		const year = await openYear(t.db, tree.units.B.id);
		const signedAt = new Date();
		legacy = [];
		for (const card of ['10000002', '10000005']) {
			const snapshot = {
				version: 1,
				header: { date: todayInVietnam(signedAt) },
				member: { card_no: card },
				typed_name: card
			};
			const hash = snapshotHash(snapshot as unknown as CommitmentSnapshot);
			const row = await t.db
				.insertInto('commitments')
				.values({
					member_id: tree.members[card],
					year_id: year.id,
					unit_id: card === '10000002' ? tree.units.C1.id : tree.units.C2.id,
					version: 1,
					snapshot: JSON.stringify(snapshot),
					snapshot_sha256: hash,
					verification_code: verificationCode(hash),
					signer_account_id: await accountOf(t.db, card),
					signed_at: signedAt
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			legacy.push(row.id);
		}
	});
	afterAll(async () => t?.close());

	it('are sealed by the migration, which needs the key for it and runs once', async () => {
		expect(await anySealed(t.db)).toBe(false);
		await expect(migrateToLatest(t.db)).rejects.toThrow(/2 signed commitments are to be sealed/);
		// Rolled back whole: not even the columns were added.
		expect(await anySealed(t.db)).toBe(false);
		const done = await sql`select name from kysely_migration
			where name = '0012_commitment_seals'`.execute(t.db);
		expect(done.rows).toEqual([]);

		const k1 = keys(K1);
		await migrateToLatest(t.db, { sealKeys: k1 });
		useSealKeys(k1);
		expect(await anySealed(t.db)).toBe(true);
		expect(await checkIntegrity(t.db, 'all')).toEqual({ checked: 2, mismatches: [] });

		// A seal stripped afterwards is not made again: the migration has run, the row stays tampered.
		await sql`alter table commitments drop constraint commitments_sealed_check`.execute(t.db);
		await rewrite(t.db, legacy[1], sql`seal = null, seal_key_id = null`);
		expect((await migrateToLatest(t.db, { sealKeys: k1 })).results).toEqual([]);
		expect((await checkIntegrity(t.db, 'all')).mismatches.map((m) => m.id)).toEqual([legacy[1]]);
	});
});

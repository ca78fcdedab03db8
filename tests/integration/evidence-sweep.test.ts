// The evidence sweep (evidence/sweep.ts): blobs no row points at, older than the grace hour, are
// removed with the leftovers of unfinished writes; a blob with its row, or one written within the
// hour (its transaction may still be running), stays.
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileStore, newBlobKey, type BlobStore } from '$lib/server/evidence/storage';
import { sweepOrphanBlobs } from '$lib/server/evidence/sweep';
import { createTestDb, type TestDb } from './helpers/db';
import { buildTree, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let root: string;
let store: BlobStore;

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	root = await mkdtemp(path.join(tmpdir(), 'camket-sweep-'));
	store = fileStore(root);
});
afterAll(async () => {
	await t?.close();
	await rm(root, { recursive: true, force: true });
});

const TWO_HOURS_AGO = new Date(Date.now() - 2 * 60 * 60 * 1000);
const fileOf = (key: string) => path.join(root, key.slice(0, 2), key.slice(2, 4), key);

async function blob(age: Date): Promise<string> {
	const key = newBlobKey();
	await store.put(key, new Uint8Array([1, 2, 3]));
	await utimes(fileOf(key), age, age);
	return key;
}

async function keysOnDisk(): Promise<string[]> {
	const found = await readdir(root, { recursive: true });
	return found
		.map((f) => path.basename(f))
		.filter((f) => /^[0-9a-f]{32}$|\.tmp$/.test(f))
		.sort();
}

describe('sweeping the evidence store', () => {
	it('removes old orphans and unfinished writes, keeps files with their row and recent ones', async () => {
		const year = await openYear(t.db, tree.units.B.id, { year: 2026 });
		const kept = await blob(TWO_HOURS_AGO);
		await t.db
			.insertInto('evidence_files')
			.values({
				member_id: tree.members['10000002'],
				year_id: year.id,
				storage_key: kept,
				name: 'anh.jpg',
				media_type: 'image/jpeg',
				size_bytes: 3,
				sha256: randomBytes(32).toString('hex'),
				uploaded_by_account_id: tree.accounts.plain
			})
			.execute();
		const orphan = await blob(TWO_HOURS_AGO);
		const recent = await blob(new Date());
		// What a write killed before its rename leaves (storage.ts names it so).
		const temp = path.join(path.dirname(fileOf(orphan)), `.${orphan}.abc123.tmp`);
		await writeFile(temp, 'partial');
		await utimes(temp, TWO_HOURS_AGO, TWO_HOURS_AGO);

		expect(await sweepOrphanBlobs(t.db, store)).toEqual({ orphans: 1 });
		expect(await keysOnDisk()).toEqual([kept, recent].sort());
		expect(await sweepOrphanBlobs(t.db, store)).toEqual({ orphans: 0 });
	});

	it('finds nothing to do in a store that was never written', async () => {
		expect(await sweepOrphanBlobs(t.db, fileStore(path.join(root, 'none')))).toEqual({
			orphans: 0
		});
	});
});

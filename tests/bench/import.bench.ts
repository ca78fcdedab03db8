// Budget: the demo bloc's 2,712 members in 285 units imported end to end (bytes → report, one
// transaction) in under 5 s on the 2-core CI machine. Run: npm run bench -- tests/bench/import.bench.ts
// (embedded database), and with TEST_DATABASE_URL for PostgreSQL.
import { afterAll, beforeAll, bench, describe, expect } from 'vitest';
import { runImport } from '$lib/server/imports/run';
import { createTestDb, type TestDb } from '../integration/helpers/db';
import { demoFile } from '../fixtures/import/demo-file';
import { seedTree, type Tree } from '../fixtures/import/tree';

const RUNS = 3;
// Each measured run needs its own file: new codes for a first import, new phones for an update.
const once = { iterations: RUNS, time: 0, warmupIterations: 0, warmupTime: 0 };

let t: TestDb;
let tree: Tree;
const fresh: Uint8Array[] = [];
const corrected: Uint8Array[] = [];
let created = 0;
let updated = 0;

beforeAll(async () => {
	t = await createTestDb();
	tree = await seedTree(t.db);
	for (let i = 0; i < RUNS; i++) fresh.push(await demoFile({ prefix: `P${i}` }));
	for (let i = 0; i < RUNS; i++)
		corrected.push(
			await demoFile({ prefix: 'P0', phoneSuffix: i + 1, moveEvery: i === 0 ? 10 : 0 })
		);
});
afterAll(async () => t?.close());

async function importBytes(bytes: Uint8Array, dryRun = false) {
	const r = await runImport(tree.orgDept, { bytes, fileName: 'demo.xlsx', dryRun });
	expect(r.issues).toEqual([]);
	expect(r.fileError).toBeNull();
	return r;
}

describe(`import 2,712 members in 285 units (${process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite'})`, () => {
	bench(
		'first import: creates everything',
		async () => {
			const r = await importBytes(fresh[created++]);
			expect(r.counts.members.create).toBe(2712);
			expect(r.counts.units.create).toBe(285);
		},
		once
	);
	bench(
		're-import of the same file: all unchanged',
		async () => {
			const r = await importBytes(fresh[0]);
			expect(r.counts.members.unchanged).toBe(2712);
		},
		once
	);
	bench(
		'dry run of the same file',
		async () => {
			await importBytes(fresh[0], true);
		},
		once
	);
	bench(
		'corrected re-import: every phone changes (first run: 272 transfers too)',
		async () => {
			const r = await importBytes(corrected[updated++]);
			expect(r.counts.members.update).toBe(2712);
		},
		once
	);
});

// Budget: the first start of `npm start` on an empty embedded database (initdb, migrations, the
// demo bloc with its commitments) under 30 s on the 2-core machine; the seed alone is most of it.
import { afterAll, bench, describe, expect } from 'vitest';
import { useSealKeys } from '$lib/server/commitments/seal';
import { connect } from '$lib/server/db/connect';
import { migrateToLatest } from '$lib/server/db/migrate';
import { seedDemo } from '$lib/server/demo/seed';
import { newKeyEntry, parseSealKeys } from '$lib/server/seal-keys';

const BUDGET_MS = 30_000;
const times: number[] = [];
// The server reads its keys at start-up (a key file on first start): the seed seals with them.
useSealKeys(parseSealKeys(newKeyEntry('bench'), 'bench key'));

describe('first start on an empty embedded database', () => {
	bench(
		'initdb + migrate + seed the demo bloc',
		async () => {
			const started = performance.now();
			const conn = await connect({ pgliteDir: 'memory://' });
			await migrateToLatest(conn.db);
			await seedDemo(conn.db);
			times.push(performance.now() - started);
			await conn.close();
		},
		{ iterations: 2, warmupIterations: 0, time: 0 }
	);
});

afterAll(() => {
	const mean = times.reduce((a, b) => a + b, 0) / times.length;
	console.info(`first start: mean ${(mean / 1000).toFixed(1)} s over ${times.length} runs`);
	expect(mean).toBeLessThan(BUDGET_MS);
});

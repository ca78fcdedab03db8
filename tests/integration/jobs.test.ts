// Scheduled jobs under more than one process (issue 6): a job runs in one process at a time, under a
// transaction-scoped advisory lock that goes with the transaction, whatever becomes of it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '$lib/server/auth/session';
import { connect, type Connection } from '$lib/server/db/connect';
import { runHousekeeping } from '$lib/server/housekeeping';
import { lockKey, runExclusive } from '$lib/server/jobs';
import { createTestDb, type TestDb } from './helpers/db';
import { buildTree, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
});
afterAll(async () => t?.close());

/** `n` sessions of the plain account that expired a day ago. */
async function expiredSessions(n: number): Promise<string[]> {
	const ids: string[] = [];
	for (let i = 0; i < n; i++)
		ids.push((await createSession(t.db, tree.accounts.plain)).token.split('.')[0]);
	await t.db
		.updateTable('sessions')
		.set({ last_verified_at: new Date(Date.now() - 24 * 3600_000) })
		.where('id', 'in', ids)
		.execute();
	return ids;
}

const remaining = async (ids: string[]) =>
	(await t.db.selectFrom('sessions').select('id').where('id', 'in', ids).execute()).length;

describe('a job under its lock', () => {
	it('has a stable key per job name', () => {
		expect(lockKey('housekeeping')).toBe(lockKey('housekeeping'));
		expect(lockKey('housekeeping')).toMatch(/^-?\d+$/);
	});

	it('runs in one transaction: a job that fails writes nothing and leaves the lock free', async () => {
		const ids = await expiredSessions(2);
		const failing = runExclusive(t.db, 'housekeeping', async (trx) => {
			await trx.deleteFrom('sessions').where('id', 'in', ids).execute();
			throw new Error('the job broke halfway');
		});
		await expect(failing).rejects.toThrow('the job broke halfway');
		expect(await remaining(ids)).toBe(2);
		expect(await runHousekeeping(t.db)).toMatchObject({ ran: true, value: { sessions: 2 } });
		expect(await remaining(ids)).toBe(0);
	});
});

// Skipped on the embedded database: two processes with their own sessions need a server.
describe.skipIf(!process.env.TEST_DATABASE_URL)(
	'two processes (PostgreSQL only: the embedded database is one process with one session)',
	() => {
		let other: Connection;

		beforeAll(async () => {
			// A second pool on the same database, as a second process of the deployment would open.
			const { name } = (
				await sql<{ name: string }>`select current_database() as name`.execute(t.db)
			).rows[0];
			const url = new URL(process.env.TEST_DATABASE_URL!);
			url.pathname = `/${name}`;
			other = await connect({ databaseUrl: url.toString() });
		});
		afterAll(async () => other?.close());

		it('while one process sweeps, the other skips; each expired session is swept once', async () => {
			const ids = await expiredSessions(5);
			let release!: () => void;
			const gate = new Promise<void>((r) => (release = r));
			let started!: () => void;
			const holding = new Promise<void>((r) => (started = r));
			const first = runExclusive(t.db, 'housekeeping', async (trx) => {
				started();
				await gate;
				return (await trx.deleteFrom('sessions').where('id', 'in', ids).executeTakeFirst())
					.numDeletedRows;
			});
			await holding;

			expect(await runHousekeeping(other.db)).toEqual({ ran: false });
			expect(await remaining(ids)).toBe(5);

			release();
			expect(await first).toEqual({ ran: true, value: 5n });
			expect(await runHousekeeping(other.db)).toMatchObject({ ran: true, value: { sessions: 0 } });
		});

		it('at the same moment in both processes, the job body runs once', async () => {
			let bodies = 0;
			const job = async (trx: typeof t.db) => {
				bodies++;
				// Long enough that the other process's attempt surely falls inside it.
				await sql`select pg_sleep(0.3)`.execute(trx);
			};
			const runs = await Promise.all([
				runExclusive(t.db, 'housekeeping', job),
				runExclusive(other.db, 'housekeeping', job)
			]);
			expect(runs.filter((r) => r.ran)).toHaveLength(1);
			expect(bodies).toBe(1);
		});
	}
);

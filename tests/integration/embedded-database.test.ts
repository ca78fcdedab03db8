// The embedded database's connections share PGlite's one session (db/embedded.ts): a transaction
// must still be one connection's alone, as on a server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import type pg from 'pg';
import { connect } from '$lib/server/db/connect';
import { startEmbedded, type Embedded } from '$lib/server/db/embedded';

let embedded: Embedded;
beforeAll(async () => {
	embedded = await startEmbedded('memory://');
	await embedded.pool.query('create table notes (id int primary key, text text not null)');
});
afterAll(() => embedded.close());

const count = async (c: pg.PoolClient | pg.Pool, text: string) =>
	Number((await c.query('select count(*) as n from notes where text = $1', [text])).rows[0].n);

describe.sequential('embedded database', () => {
	it("keeps another connection's statement out of an open transaction", async () => {
		const a = await embedded.pool.connect();
		const b = await embedded.pool.connect();
		try {
			await a.query('begin');
			await a.query(`insert into notes values (1, 'a')`);
			// b's insert waits for a's transaction: it neither runs inside it nor sees its row.
			const bInsert = b.query(`insert into notes values (2, 'b')`);
			const bSaw = count(b, 'a');
			await a.query('rollback');
			await bInsert;
			expect(await bSaw).toBe(0);
			expect(await count(a, 'b')).toBe(1);
			expect(await count(a, 'a')).toBe(0);
		} finally {
			a.release();
			b.release();
		}
	});

	it('rolls back a transaction whose connection went away', async () => {
		const a = await embedded.pool.connect();
		await a.query('begin');
		await a.query(`insert into notes values (3, 'gone')`);
		a.release(true);
		expect(await count(embedded.pool, 'gone')).toBe(0);
	});

	it('lets each connection prepare the same read under a name of its own', async () => {
		// Through connect(): its pool names each read once per connection (statementNamer).
		const conn = await connect({ pgliteDir: 'memory://' });
		try {
			const reads = Array.from({ length: 8 }, (_, i) =>
				sql<{ n: number }>`select ${i}::int as n`.execute(conn.db)
			);
			const same = Array.from({ length: 8 }, () =>
				conn.db.selectNoFrom((eb) => eb.val(1).as('one')).execute()
			);
			expect((await Promise.all(reads)).map((r) => r.rows[0].n)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
			expect((await Promise.all(same)).flat()).toEqual(Array(8).fill({ one: '1' }));
		} finally {
			await conn.close();
		}
	});

	it('gives back the data directory as a tarball, to each of two callers at once', async () => {
		const [one, two] = await Promise.all([embedded.dump(), embedded.dump()]);
		expect(one.size).toBeGreaterThan(1000);
		expect(two.size).toBe(one.size);
	});

	it('ignores a PGSSLMODE in the environment: the embedded database speaks no TLS', async () => {
		const before = process.env.PGSSLMODE;
		process.env.PGSSLMODE = 'require';
		try {
			const clients = await Promise.all([1, 2, 3, 4].map(() => embedded.pool.connect()));
			for (const c of clients) c.release(true);
			expect(await count(embedded.pool, 'b')).toBe(1);
		} finally {
			if (before === undefined) delete process.env.PGSSLMODE;
			else process.env.PGSSLMODE = before;
		}
	});

	it('says in one line why a data directory cannot be opened', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'camket-bad-'));
		try {
			await writeFile(path.join(dir, 'PG_VERSION'), 'not a version\n');
			await expect(connect({ pgliteDir: dir })).rejects.toThrow(
				new RegExp(`^The embedded database in ${dir} cannot be opened \\(.+\\)`)
			);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});
});

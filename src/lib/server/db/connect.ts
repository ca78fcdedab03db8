// One Kysely instance over node-postgres for both databases: a PostgreSQL server when a URL is
// given, otherwise the embedded PGlite through its node-postgres shim (same dialect, same SQL).
import { mkdir, access, constants } from 'node:fs/promises';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { errorFields, log } from '../log';
import type { DB } from './schema';

// DATE columns stay 'YYYY-MM-DD' strings: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

export type Db = Kysely<DB>;

export interface Connection {
	db: Db;
	backend: 'postgres' | 'pglite';
	close(): Promise<void>;
	/** Embedded only: the data directory as a tarball. */
	dump?: () => Promise<Blob>;
}

export class StartupError extends Error {}

export async function connect(opts: {
	databaseUrl?: string;
	/** Directory for the embedded database, or 'memory://' for a throwaway one. */
	pgliteDir?: string;
	/** A data directory dumped by PGlite to start from (tests load a migrated one: no initdb). */
	pgliteTemplate?: Blob;
}): Promise<Connection> {
	if (opts.databaseUrl) return connectServer(opts.databaseUrl);
	return connectEmbedded(opts.pgliteDir ?? 'memory://', opts.pgliteTemplate);
}

async function connectServer(url: string): Promise<Connection> {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new StartupError(
			'DATABASE_URL is not a valid URL (expected postgres://user:pass@host:5432/db)'
		);
	}
	if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
		throw new StartupError('DATABASE_URL must start with postgres:// or postgresql://');
	}
	const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
	// An idle client can lose its connection (server restart, a terminated backend). pg reports
	// that on the pool; without a listener it would be an uncaught error that ends the process.
	pool.on('error', (err) => log.warn('idle database connection lost', errorFields(err)));
	try {
		const client = await pool.connect();
		client.release();
	} catch (err) {
		await pool.end().catch(() => {});
		const reason = err instanceof Error ? err.message : String(err);
		throw new StartupError(
			`Cannot connect to the PostgreSQL server at ${parsed.host}${parsed.pathname}: ${reason}`
		);
	}
	const db: Db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
	return { db, backend: 'postgres', close: () => db.destroy() };
}

async function connectEmbedded(dir: string, template?: Blob): Promise<Connection> {
	if (!dir.startsWith('memory://')) {
		try {
			await mkdir(dir, { recursive: true });
			await access(dir, constants.W_OK);
		} catch {
			throw new StartupError(
				`The data directory ${dir} cannot be created or written. Set DATA_DIR to a writable folder.`
			);
		}
	}
	const [{ PGlite }, { pg_trgm }, { createPgConfig }] = await Promise.all([
		import('@electric-sql/pglite'),
		import('@electric-sql/pglite/contrib/pg_trgm'),
		import('@electric-sql/pglite/node-postgres')
	]);
	const pglite = await PGlite.create(dir, { extensions: { pg_trgm }, loadDataDir: template });
	const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
	const db: Db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
	return {
		db,
		backend: 'pglite',
		dump: () => pglite.dumpDataDir('none'),
		async close() {
			await db.destroy();
			await pglite.close();
		}
	};
}

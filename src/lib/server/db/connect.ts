// One Kysely instance over node-postgres for both databases: a PostgreSQL server when a URL is
// given, otherwise the embedded PGlite on a worker thread (embedded.ts; same driver, same SQL).
import { mkdir, access, constants } from 'node:fs/promises';
import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { readConfig } from '../config';
import { errorFields, log } from '../log';
import { EmbeddedStartError, startEmbedded } from './embedded';
import type { DB } from './schema';
import { rethrowUnavailable } from './unavailable';

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
	/** The variable databaseUrl came from, for the start-up errors (default DATABASE_URL). */
	urlName?: string;
	/** Directory for the embedded database, or 'memory://' for a throwaway one. */
	pgliteDir?: string;
	/** A data directory dumped by PGlite to start from (tests load a migrated one: no initdb). */
	pgliteTemplate?: Blob;
}): Promise<Connection> {
	if (opts.databaseUrl) return connectServer(opts.databaseUrl, opts.urlName ?? 'DATABASE_URL');
	return connectEmbedded(opts.pgliteDir ?? 'memory://', opts.pgliteTemplate);
}

async function connectServer(url: string, urlName: string): Promise<Connection> {
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new StartupError(
			`${urlName} is not a valid URL (expected postgres://user:pass@host:5432/db)`
		);
	}
	if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
		throw new StartupError(`${urlName} must start with postgres:// or postgresql://`);
	}
	const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
	const guarded = guardPool(pool);
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
	const db: Db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: guarded }) });
	return { db, backend: 'postgres', close: () => db.destroy() };
}

/**
 * The pool as Kysely uses it: a connection that cannot be made or dies under a query becomes a
 * 503 (unavailable.ts) instead of an error page with the driver's message, and no client's
 * connection error can end the process.
 */
/** Beyond these, statements are sent unnamed: `in (…)` lists of every length would pile up. */
const MAX_NAMED = 500;
const MAX_NAMED_PARAMETERS = 32;

/**
 * Reads go out as named statements, which PostgreSQL parses and plans once per connection: on
 * the app's small, frequent queries planning cost the server as much as running them (the cell
 * follow-up page: 2.0 → 1.3 ms of database CPU per request; README, "Performance"). Our SQL names
 * its columns (no `select *`), so a migration that adds a column cannot change a prepared
 * statement's result. Writes stay unnamed: they are rare and often differ in shape. Off with
 * PG_NAMED_STATEMENTS=0 (config.ts). One namer per connection, its names unique by `prefix`:
 * the embedded database's connections share one session (embedded.ts).
 */
export function statementNamer(enabled: boolean, prefix = 'camket') {
	const names = new Map<string, string>();
	return (text: string, values: unknown[]): pg.QueryConfig => {
		if (!enabled || values.length > MAX_NAMED_PARAMETERS || !/^\s*(select|with)\b/i.test(text))
			return { text, values };
		let name = names.get(text);
		if (!name && names.size < MAX_NAMED) names.set(text, (name = `${prefix}_${names.size}`));
		return name ? { name, text, values } : { text, values };
	};
}

export function guardPool(pool: pg.Pool): PostgresPool {
	// pg reports a connection that dies while its client is checked out (between two statements
	// of a transaction, say) as an 'error' event on that client, which the pool listens to only
	// while the client is idle: without a listener of our own it is uncaught and ends the process.
	pool.on('connect', (client) =>
		client.on('error', (err) => log.warn('database connection lost', errorFields(err)))
	);
	// The pool repeats an idle client's error (after dropping the client); the client's own
	// listener has logged it, but the pool needs a listener too or the repeat ends the process.
	pool.on('error', () => {});
	const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
	const named = readConfig().namedStatements;
	let wrapped = 0;
	const wrap = (client: pg.PoolClient) => {
		const prepared = statementNamer(named, `camket${++wrapped}`);
		// Only the (sql, parameters) form: streaming needs a cursor, which the dialect is not given.
		return {
			query: (text: string, values: readonly unknown[]) =>
				client.query(prepared(text, values as unknown[])).catch(rethrowUnavailable),
			release: (destroy?: boolean) => client.release(destroy)
		} as unknown as PostgresPoolClient;
	};
	return {
		async connect() {
			const client = await pool.connect().catch(rethrowUnavailable);
			let guarded = clients.get(client);
			if (!guarded) clients.set(client, (guarded = wrap(client)));
			return guarded;
		},
		end: () => pool.end()
	};
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
	const embedded = await startEmbedded(dir, template).catch((err) => {
		if (!(err instanceof EmbeddedStartError)) throw err;
		throw new StartupError(
			`The embedded database in ${dir} cannot be opened (${err.message}). Set DATA_DIR to another folder, or restore this one from a copy.`
		);
	});
	const db: Db = new Kysely<DB>({
		dialect: new PostgresDialect({ pool: guardPool(embedded.pool) })
	});
	return {
		db,
		backend: 'pglite',
		dump: () => embedded.dump(),
		async close() {
			await db.destroy();
			await embedded.close();
		}
	};
}

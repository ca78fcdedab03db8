// Settings come from the environment only, read once. Nothing here is logged.
import path from 'node:path';

export interface Config {
	/** PostgreSQL server; when unset the embedded PostgreSQL (PGlite) under dataDir is used. */
	databaseUrl: string | undefined;
	/**
	 * The role that owns the schema, for migrations (README, "Production on PostgreSQL"); unset,
	 * migrations run on databaseUrl.
	 */
	migrationDatabaseUrl: string | undefined;
	/** SEAL_KEYS as given (seal-keys.ts parses it); unset, the embedded database uses its key file. */
	sealKeys: string | undefined;
	dataDir: string;
	logLevel: 'debug' | 'info' | 'warn' | 'error';
	/**
	 * Demo mode (SEED_DEMO=1, set by `npm start` on the embedded database): the demo bloc is loaded
	 * into an empty database at start and its shared, published password is accepted. Never in
	 * production: a plain `node build` seeds nothing and refuses that password.
	 */
	demoMode: boolean;
	/**
	 * Reads go to PostgreSQL as named statements (db/connect.ts); PG_NAMED_STATEMENTS=0 turns that
	 * off for a connection pooler in transaction mode that does not track them.
	 */
	namedStatements: boolean;
	/** How many bytes of evidence files one member may keep (EVIDENCE_QUOTA_MB, default 200). */
	evidenceQuotaBytes: number;
}

function readLogLevel(value: string | undefined): Config['logLevel'] {
	return value === 'debug' || value === 'warn' || value === 'error' ? value : 'info';
}

function readMegabytes(value: string | undefined, fallback: number): number {
	const n = Number(value?.trim());
	return value?.trim() && Number.isInteger(n) && n > 0 ? n : fallback;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
	const databaseUrl = env.DATABASE_URL?.trim() || undefined;
	return {
		databaseUrl,
		migrationDatabaseUrl: env.MIGRATION_DATABASE_URL?.trim() || undefined,
		sealKeys: env.SEAL_KEYS?.trim() || undefined,
		dataDir: path.resolve(env.DATA_DIR?.trim() || 'data'),
		logLevel: readLogLevel(env.LOG_LEVEL),
		demoMode: env.SEED_DEMO?.trim() === '1',
		namedStatements: env.PG_NAMED_STATEMENTS?.trim() !== '0',
		evidenceQuotaBytes: readMegabytes(env.EVIDENCE_QUOTA_MB, 200) * 1024 * 1024
	};
}

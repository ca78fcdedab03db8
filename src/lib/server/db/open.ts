// The database as the server and the command-line tasks open it: migrated first, as the role that
// owns the schema (MIGRATION_DATABASE_URL, else the app's own), then the app's connection, with
// the keys of the commitment seal.
import { sql } from 'kysely';
import { anySealed, requireKnownKeys, useSealKeys } from '../commitments/seal';
import type { Config } from '../config';
import { log } from '../log';
import { keyFileOf, keysFromFile, parseSealKeys, type SealKeys } from '../seal-keys';
import { connect, StartupError, type Connection, type Db } from './connect';
import { pgCode } from './errors';
import { migrateToLatest } from './migrate';

export interface Opened {
	conn: Connection;
	sealKeys: SealKeys | undefined;
	migrationsApplied: number;
}

const NO_KEYS =
	'SEAL_KEYS is not set: signed commitments are sealed with a key kept outside the database, ' +
	'e.g. SEAL_KEYS=k1:$(openssl rand -base64 32) (README, "The seal key").';

/** Migrated; the seal keys are undefined only on a server without SEAL_KEYS. */
export async function openMigrated(config: Config): Promise<Opened> {
	if (!config.databaseUrl) return openEmbedded(config);
	const sealKeys = config.sealKeys ? parseSealKeys(config.sealKeys, 'SEAL_KEYS') : undefined;
	const ownerUrl = config.migrationDatabaseUrl;
	const separate = ownerUrl !== undefined && ownerUrl !== config.databaseUrl;
	let migrationsApplied = 0;
	if (separate) {
		const owner = await connect({ databaseUrl: ownerUrl, urlName: 'MIGRATION_DATABASE_URL' });
		try {
			migrationsApplied = await migrate(owner.db, sealKeys);
		} finally {
			await owner.close();
		}
	}
	const conn = await connect({ databaseUrl: config.databaseUrl });
	try {
		if (!separate) migrationsApplied = await migrateAsApp(conn.db, sealKeys);
	} catch (err) {
		await conn.close();
		throw err;
	}
	return { conn, sealKeys, migrationsApplied };
}

/**
 * Migrated, for work that signs or verifies commitments: the seal keys are given, cover every
 * key id the table uses, and are the process's keys from now on.
 */
export async function openWithSealKeys(config: Config): Promise<Opened> {
	// Before migrating, so that a server that cannot start changes nothing.
	if (config.databaseUrl && !config.sealKeys) throw new StartupError(NO_KEYS);
	const opened = await openMigrated(config);
	try {
		if (!opened.sealKeys) throw new StartupError(NO_KEYS);
		await requireKnownKeys(opened.conn.db, opened.sealKeys);
		useSealKeys(opened.sealKeys);
	} catch (err) {
		await opened.conn.close();
		throw err;
	}
	return opened;
}

async function openEmbedded(config: Config): Promise<Opened> {
	const conn = await connect({ pgliteDir: `${config.dataDir}/pglite` });
	try {
		const sealKeys = config.sealKeys
			? parseSealKeys(config.sealKeys, 'SEAL_KEYS')
			: await keysFromFile(keyFileOf(config.dataDir), () => anySealed(conn.db));
		return { conn, sealKeys, migrationsApplied: await migrate(conn.db, sealKeys) };
	} catch (err) {
		await conn.close();
		throw err;
	}
}

async function migrate(db: Db, sealKeys: SealKeys | undefined): Promise<number> {
	const { results } = await migrateToLatest(db, { sealKeys });
	return results?.length ?? 0;
}

/**
 * Without MIGRATION_DATABASE_URL the app's own role migrates: the owner in a one-role setup, or
 * a role without DDL rights when the deployer migrates separately, which works as long as
 * nothing is pending (the app may read the migrator's tables, 0011).
 */
async function migrateAsApp(db: Db, sealKeys: SealKeys | undefined): Promise<number> {
	try {
		return await migrate(db, sealKeys);
	} catch (err) {
		if (pgCode(err) !== '42501') throw err;
		throw new StartupError(
			'The database has migrations to apply, and the role of DATABASE_URL may not apply ' +
				'them: set MIGRATION_DATABASE_URL to the role that owns the schema, or run ' +
				'`npm run db:migrate` with it first.'
		);
	}
}

/**
 * One line when the app's role could switch off the protections of signed records (it owns the
 * tables, is a member of their owner, or is a superuser): the one-role setup, fine for a trial.
 */
export async function warnIfAppCanAlter(db: Db): Promise<void> {
	const { rows } = await sql<{ owner: boolean }>`select pg_has_role(current_user, c.relowner,
		'MEMBER') as owner from pg_class c where c.oid = 'public.commitments'::regclass`.execute(db);
	const owner = rows[0]?.owner;
	if (owner)
		log.warn(
			'the database role of DATABASE_URL owns the tables, so it could switch off the ' +
				'protection of signed records: give the app a role of its own (README, Production)'
		);
}

// A fresh, migrated database for one test file: embedded PGlite in memory by default, or a new
// database on the server named by TEST_DATABASE_URL (dropped again afterwards). The file's
// process gets a seal key of its own, as the server gets its keys at start-up.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import pg from 'pg';
import { useSealKeys } from '$lib/server/commitments/seal';
import { connect, type Db } from '$lib/server/db/connect';
import { migrateToLatest, migrator } from '$lib/server/db/migrate';
import { newKeyEntry, parseSealKeys } from '$lib/server/seal-keys';

export interface TestDb {
	db: Db;
	backend: 'postgres' | 'pglite';
	/** The database's URL, as its owner (the server's superuser): PostgreSQL only. */
	url?: string;
	close(): Promise<void>;
}

/** `upTo`: stop after that migration, on a database that has never been migrated further. */
export async function createTestDb(opts: { upTo?: string } = {}): Promise<TestDb> {
	useSealKeys(parseSealKeys(newKeyEntry('test'), 'test key'));
	const migrate = async (db: Db) => {
		if (!opts.upTo) return void (await migrateToLatest(db));
		const { error } = await migrator(db).migrateTo(opts.upTo);
		if (error) throw error;
	};
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) {
		const template = opts.upTo ? '' : inject('pgliteTemplate');
		const conn = await connect({
			pgliteDir: 'memory://',
			pgliteTemplate: template ? new Blob([await readFile(template)]) : undefined
		});
		await migrate(conn.db);
		return conn;
	}
	const { url, drop } = await createServerDb(serverUrl);
	const conn = await connect({ databaseUrl: url });
	await migrate(conn.db);
	return {
		db: conn.db,
		backend: 'postgres',
		url,
		async close() {
			await conn.close();
			await drop();
		}
	};
}

/** An empty database on the server, and how to drop it again. */
export async function createServerDb(serverUrl: string) {
	const name = `camket_test_${randomBytes(6).toString('hex')}`;
	await adminQuery(serverUrl, `create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	return {
		url: url.toString(),
		drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`)
	};
}

export async function adminQuery(url: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

// A fresh, migrated database for one test file: embedded PGlite in memory by default, or a new
// database on the server named by TEST_DATABASE_URL (dropped again afterwards).
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import pg from 'pg';
import { connect, type Db } from '$lib/server/db/connect';
import { migrateToLatest } from '$lib/server/db/migrate';

export interface TestDb {
	db: Db;
	backend: 'postgres' | 'pglite';
	close(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
	const serverUrl = process.env.TEST_DATABASE_URL;
	if (!serverUrl) {
		const template = inject('pgliteTemplate');
		const conn = await connect({
			pgliteDir: 'memory://',
			pgliteTemplate: template ? new Blob([await readFile(template)]) : undefined
		});
		await migrateToLatest(conn.db);
		return conn;
	}
	const name = `camket_test_${randomBytes(6).toString('hex')}`;
	await adminQuery(serverUrl, `create database ${name}`);
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	const conn = await connect({ databaseUrl: url.toString() });
	await migrateToLatest(conn.db);
	return {
		db: conn.db,
		backend: 'postgres',
		async close() {
			await conn.close();
			await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
		}
	};
}

async function adminQuery(url: string, text: string): Promise<void> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

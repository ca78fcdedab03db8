// The database as the app's own role sees it (migration 0011). On a server: a login role made a
// member of camket_app, as the README has the deployer do. PGlite has one connection and one
// user, a superuser, so there that session becomes camket_app itself until closed.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { connect, type Db } from '$lib/server/db/connect';
import { adminQuery, type TestDb } from './db';

export interface AppRole {
	db: Db;
	/** PostgreSQL only: the app role's own URL. */
	url?: string;
	close(): Promise<void>;
}

export async function connectAsApp(t: TestDb): Promise<AppRole> {
	if (!t.url) {
		await sql`set role camket_app`.execute(t.db);
		return { db: t.db, close: async () => void (await sql`reset role`.execute(t.db)) };
	}
	const owner = t.url;
	const login = `camket_test_app_${randomBytes(4).toString('hex')}`;
	await adminQuery(owner, `create role ${login} login in role camket_app`);
	const url = new URL(owner);
	url.username = login;
	const conn = await connect({ databaseUrl: url.toString() });
	return {
		db: conn.db,
		url: url.toString(),
		async close() {
			await conn.close();
			await adminQuery(owner, `drop role if exists ${login}`);
		}
	};
}

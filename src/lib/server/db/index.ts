// The process-wide database: opened once from the server's init hook, migrated, and (embedded
// database only, first start) loaded with the demo bloc.
import { readConfig } from '../config';
import { log } from '../log';
import type { Connection, Db } from './connect';
import { openWithSealKeys, warnIfAppCanAlter } from './open';
import { DEMO_PASSWORD, demoLogins } from '../settings';

let opening: Promise<Connection> | undefined;
let current: Connection | undefined;

export function openDb(): Promise<Connection> {
	opening ??= start();
	return opening;
}

async function start(): Promise<Connection> {
	const config = readConfig();
	const began = Date.now();
	const { conn, migrationsApplied } = await openWithSealKeys(config);
	if (conn.backend === 'postgres') await warnIfAppCanAlter(conn.db);
	log.info('database ready', { backend: conn.backend, migrationsApplied, ms: Date.now() - began });
	if (config.seedDemo) await seedDemoIfEmpty(conn.db);
	current = conn;
	return conn;
}

async function seedDemoIfEmpty(db: Db): Promise<void> {
	const any = await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
	if (!any) {
		const began = Date.now();
		const { seedDemo } = await import('../demo/seed');
		const summary = await seedDemo(db);
		log.info('demo bloc seeded', {
			units: summary.units,
			members: summary.members,
			ms: Date.now() - began
		});
	}
	const logins = await demoLogins(db);
	if (logins.length === 0) return;
	// Printed for the person who ran `npm start`; demo accounts hold no real data.
	console.log(
		`\nDemo accounts (password: ${DEMO_PASSWORD}):\n` +
			logins.map((l) => `  ${l.login.padEnd(10)} ${l.label_en}`).join('\n') +
			'\n'
	);
}

export function db(): Db {
	if (!current) throw new Error('database not open yet');
	return current.db;
}

export async function closeDb(): Promise<void> {
	const conn = current;
	current = undefined;
	opening = undefined;
	if (conn) await conn.close();
}

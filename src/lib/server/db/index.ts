// The process-wide database: opened once from the server's init hook, migrated, and in demo mode
// (first start) loaded with the demo bloc.
import { readConfig } from '../config';
import { log } from '../log';
import type { Connection, Db } from './connect';
import { openWithSealKeys, warnIfAppCanAlter } from './open';
import { startDemo } from '../demo/mode';

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
	await startDemo(conn.db, config.demoMode);
	current = conn;
	return conn;
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

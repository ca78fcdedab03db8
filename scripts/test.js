#!/usr/bin/env node
// npm test: unit + integration tests (Vitest), then the production build and the end-to-end
// journeys (Playwright, Chromium). With TEST_DATABASE_URL set, integration tests each get a fresh
// database on that server and the e2e server runs on one too; otherwise everything is embedded.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import pg from 'pg';
import { withServerModule } from './vite-run.js';

const serverUrl = process.env.TEST_DATABASE_URL;
const out = 'test-results';
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

function run(cmd, args, env = {}) {
	const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
	return r.status ?? 1;
}

function readJson(path) {
	return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

async function admin(text) {
	const client = new pg.Client({ connectionString: serverUrl });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

console.log(
	`\n== Unit and integration tests (${serverUrl ? 'PostgreSQL server' : 'embedded PGlite'}) ==`
);
let failed = run('npx', [
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${out}/vitest.json`
]);
const vitest = readJson(`${out}/vitest.json`);

console.log('\n== Production build ==');
if (run('npx', ['vite', 'build', '--logLevel', 'warn']) !== 0) process.exit(1);

// On a server the e2e app runs as production does: the database migrated and seeded by its owner
// (the test server's role), the app connected as a login role of its own that is only a member
// of camket_app (migration 0011), and a seal key given in SEAL_KEYS.
let e2eDb;
let e2eRole;
const env = { PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json` };
if (serverUrl) {
	e2eDb = `camket_e2e_${process.pid}`;
	e2eRole = `camket_e2e_web_${process.pid}`;
	await admin(`create database ${e2eDb}`);
	const owner = new URL(serverUrl);
	owner.pathname = `/${e2eDb}`;
	env.E2E_SEAL_KEYS = `e2e:${randomBytes(32).toString('base64')}`;
	await withServerModule('/src/lib/server/cli.ts', (cli) =>
		cli.run('seed-demo', {
			...process.env,
			DATABASE_URL: owner.toString(),
			MIGRATION_DATABASE_URL: '',
			SEAL_KEYS: env.E2E_SEAL_KEYS
		})
	);
	await admin(`create role ${e2eRole} login in role camket_app`);
	const app = new URL(owner);
	app.username = e2eRole;
	app.password = '';
	env.E2E_DATABASE_URL = app.toString();
}

console.log(
	`\n== End-to-end journeys (Chromium, ${serverUrl ? 'PostgreSQL server' : 'embedded PGlite'}) ==`
);
try {
	failed = run('npx', ['playwright', 'test'], env) || failed;
} finally {
	if (e2eDb) await admin(`drop database if exists ${e2eDb} with (force)`);
	if (e2eRole) await admin(`drop role if exists ${e2eRole}`);
}
const e2e = readJson(`${out}/playwright.json`);

const passed = (vitest?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0);
const failures =
	(vitest?.numFailedTests ?? 0) + (e2e?.stats?.unexpected ?? 0) + (e2e?.stats?.flaky ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (e2e?.stats?.skipped ?? 0);
console.log(`\n${passed} passed, ${failures} failed, ${skipped} skipped`);
process.exit(failed || failures ? 1 : 0);

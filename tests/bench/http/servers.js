// The servers the HTTP benchmark drives: child processes on free loopback ports, every one of them
// stopped at the end (also after a failure or Ctrl-C), plus the scratch PostgreSQL database.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { newest } from '../../../scripts/build-app.js';
import { withServerModule } from '../../../scripts/vite-run.js';

const BARE_DIR = 'tests/bench/bare';
const BARE_OUT = '.svelte-kit/bench-bare';
const READY_TIMEOUT_MS = 180_000;
const STOP_TIMEOUT_MS = 15_000;
// USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK).
const CLOCK_TICKS = 100;

/** @typedef {{ name: string, origin: string, child: import('node:child_process').ChildProcess, logFile: string }} Server */

/** @type {Set<Server>} */
const running = new Set();
/** @type {(() => Promise<void> | void)[]} */
const cleanups = [];

/**
 * A port nobody listens on now, on the loopback interface only.
 * @returns {Promise<number>}
 */
function freePort() {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.once('error', reject);
		srv.listen(0, '127.0.0.1', () => {
			const address = srv.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			srv.close(() => resolve(port));
		});
	});
}

/**
 * A fresh temporary directory, removed at the end.
 * @param {string} prefix
 */
export function tempDir(prefix) {
	const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
	cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
	return dir;
}

/** Builds the bare SvelteKit fixture when its build is missing or older than its sources. */
export function buildBare() {
	const entry = `${BARE_OUT}/build/index.js`;
	const builtAt = existsSync(entry) ? newest(entry) : 0;
	if (Math.max(newest(BARE_DIR), newest('package-lock.json')) <= builtAt) return entry;
	console.log('Building the bare SvelteKit page…');
	// Its output lies outside the fixture, where Vite does not empty it by itself.
	rmSync(BARE_OUT, { recursive: true, force: true });
	execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], {
		cwd: BARE_DIR,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	return entry;
}

/**
 * Starts `node [nodeArgs] entry` on a free loopback port and waits until `readyPath` answers 200
 * (the embedded database seeds the demo bloc first, which takes a while on a busy machine).
 * @param {{ name: string, entry: string, env?: Record<string, string | undefined>, nodeArgs?: string[], readyPath: string }} o
 * @returns {Promise<Server>}
 */
export async function startServer({ name, entry, env = {}, nodeArgs = [], readyPath }) {
	const port = await freePort();
	const origin = `http://127.0.0.1:${port}`;
	const logFile = path.join(tempDir('camket-bench-log-'), 'server.log');
	const out = openSync(logFile, 'w');
	/** @type {Record<string, string | undefined>} */
	const childEnv = {
		...process.env,
		...env,
		PORT: String(port),
		HOST: '127.0.0.1',
		ORIGIN: origin
	};
	for (const [k, v] of Object.entries(childEnv)) if (v === undefined) delete childEnv[k];
	const child = spawn(process.execPath, [...nodeArgs, entry], {
		env: childEnv,
		stdio: ['ignore', out, out]
	});
	const server = { name, origin, child, logFile };
	running.add(server);
	child.once('exit', () => running.delete(server));
	await waitReady(server, readyPath);
	return server;
}

/** @param {Server} server @param {string} readyPath */
async function waitReady(server, readyPath) {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (server.child.exitCode !== null || server.child.signalCode !== null) break;
		try {
			const res = await fetch(server.origin + readyPath, { signal: AbortSignal.timeout(5000) });
			if (res.ok) return;
		} catch {
			// Not listening yet.
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	const tail = readFileSync(server.logFile, 'utf8').split('\n').slice(-20).join('\n');
	throw new Error(`${server.name} did not start (${server.origin}${readyPath}):\n${tail}`);
}

/**
 * CPU time (user + system, ms) the server's process has used so far, from /proc: unlike req/s it
 * hardly moves with other work on the machine. NaN where /proc is missing.
 * @param {Server} server
 */
export function cpuMs(server) {
	try {
		const stat = readFileSync(`/proc/${server.child.pid}/stat`, 'utf8');
		// Fields after the command name, which is in parentheses and may hold spaces.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
	} catch {
		return NaN;
	}
}

/** @param {Server} server */
async function stop(server) {
	const { child } = server;
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((r) => child.once('exit', r));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
	await exited;
	clearTimeout(timer);
}

/** Stops every server started here, then removes scratch directories and databases. */
export async function stopAll() {
	await Promise.all([...running].map(stop));
	while (cleanups.length) {
		try {
			await cleanups.pop()?.();
		} catch (err) {
			console.error(`cleanup failed: ${err instanceof Error ? err.message : err}`);
		}
	}
}

/** @param {string} url @param {string} text */
async function admin(url, text) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

/**
 * A new database on the server at `serverUrl`, migrated and seeded with the demo bloc.
 * @param {string} serverUrl
 * @returns {Promise<{ url: string, sealKeys: string }>} its URL and the seal key its commitments carry
 */
export async function seededServerDatabase(serverUrl) {
	const name = `camket_bench_${process.pid}`;
	await admin(serverUrl, `create database ${name}`);
	cleanups.push(() => admin(serverUrl, `drop database if exists ${name} with (force)`));
	const url = new URL(serverUrl);
	url.pathname = `/${name}`;
	// On a server the seed signs commitments with a seal key kept outside the database, and the
	// app needs the same key to check them.
	const sealKeys = `bench:${randomBytes(32).toString('base64')}`;
	console.log(`Seeding the demo bloc into PostgreSQL database ${name}…`);
	/** @param {typeof import('../../../src/lib/server/cli')} cli */
	const seed = (cli) =>
		cli.run('seed-demo', { ...process.env, DATABASE_URL: url.toString(), SEAL_KEYS: sealKeys });
	await withServerModule('/src/lib/server/cli.ts', seed);
	return { url: url.toString(), sealKeys };
}

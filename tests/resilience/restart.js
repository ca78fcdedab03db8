#!/usr/bin/env node
// A real PostgreSQL restart under the built app (issue 7, item 0), on a throwaway cluster of its
// own (never the shared server): the app keeps running, answers 503 with the Vietnamese "try
// again" text while the database is away and serves again once it is back, without a restart;
// every sign-in it acknowledged is in the database. Run after `npm run build`:
//   node tests/resilience/restart.js
// As root the cluster runs as the `postgres` user (PostgreSQL refuses root). Cleans up after itself.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { hash } from '@node-rs/argon2';
import pg from 'pg';

const UNAVAILABLE = 'Hệ thống tạm thời không kết nối được cơ sở dữ liệu';
// One member per worker, as members sign in in an office: the sign-in throttle counts an attempt
// before the password is checked, so one login signed in from four loops at once (plus an attempt
// the outage cut short) would be refused, rightly, as a burst.
const WORKERS = 4;
const loginOf = (/** @type {number} */ n) => `resilience${n}`;
const PASSWORD = 'một mật khẩu cho phép thử khởi động lại';
const asRoot = process.getuid?.() === 0;

/** initdb and pg_ctl: on PATH, or the newest Debian server package. @param {string} name */
function pgBin(name) {
	try {
		execFileSync('which', [name], { stdio: 'ignore' });
		return name;
	} catch {
		const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
		return `/usr/lib/postgresql/${versions[0]}/bin/${name}`;
	}
}

/**
 * Runs a PostgreSQL tool as the cluster's owner, without blocking the requests being driven.
 * @param {string} cmd @param {string[]} args
 */
function postgresUser(cmd, args) {
	const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
	return promisify(execFile)(file, argv, { timeout: 60_000 });
}

/** @returns {Promise<number>} */
function freePort() {
	return new Promise((resolve, reject) => {
		const s = createServer().listen(0, '127.0.0.1', () => {
			const { port } = /** @type {import('node:net').AddressInfo} */ (s.address());
			s.close(() => resolve(port));
		});
		s.on('error', reject);
	});
}

class Cluster {
	/** @param {string} dir @param {number} port */
	constructor(dir, port) {
		this.data = path.join(dir, 'data');
		this.dir = dir;
		this.port = port;
		this.url = `postgres://postgres@127.0.0.1:${port}`;
	}
	async init() {
		if (asRoot) await chown(this.dir, uidOf('postgres', '-u'), uidOf('postgres', '-g'));
		await postgresUser(pgBin('initdb'), ['-D', this.data, '-U', 'postgres', '-A', 'trust', '-N']);
		await this.start();
	}
	/** @param {string[]} args */
	ctl(...args) {
		const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`;
		const log = path.join(this.dir, 'postgres.log');
		return postgresUser(pgBin('pg_ctl'), ['-D', this.data, '-l', log, '-o', opts, '-w', ...args]);
	}
	start = () => this.ctl('start');
	stop = (mode = 'fast') => this.ctl('stop', '-m', mode);
	restart = () => this.ctl('restart', '-m', 'fast');
}

/** @param {string} user @param {'-u' | '-g'} flag */
function uidOf(user, flag) {
	return Number(execFileSync('id', [flag, user]).toString().trim());
}

/** @param {string} url @param {string} text @param {unknown[]} [values] */
async function sql(url, text, values) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query(text, values)).rows;
	} finally {
		await client.end();
	}
}

/** Members of a grassroots cell who can sign in (the app has migrated the database). @param {string} url */
async function seedAccounts(url) {
	const passwordHash = await hash(PASSWORD.normalize('NFC'));
	await sql(
		url,
		`with b as (insert into org_units (code, kind, name) values ('RB', 'bloc', 'Khối thử') returning id),
		 c as (insert into org_units (code, kind, name, parent_id)
		       select 'RC', 'grassroots_cell', 'Chi bộ thử', id from b returning id),
		 m as (insert into members (card_no, full_name, birth_date, joined_on)
		       select (90000000 + n)::text, 'Người Thử Khởi Động ' || n, '1980-01-01', '2005-01-01'
		       from generate_series(1, $1::int) n returning id, card_no),
		 ms as (insert into memberships (member_id, unit_id, started_on)
		        select m.id, c.id, '2020-01-01' from m, c),
		 st as (insert into member_statuses (member_id, status, started_on)
		        select id, 'official', '2006-01-01' from m)
		 insert into accounts (member_id, login, display_name, password_hash, must_change_password)
		 select id, 'resilience' || (card_no::int - 90000000), 'Người Thử Khởi Động', $2, false from m`,
		[WORKERS, passwordHash]
	);
}

/** Requests as signed-in members make them, recorded per phase of the test. */
class Load {
	/** @param {string} base */
	constructor(base) {
		this.base = base;
		this.phase = 'before';
		this.running = true;
		/** @type {{ phase: string; what: string; status: number }[]} */
		this.seen = [];
		/** @type {string[]} */
		this.problems = [];
		/** @type {string[]} session ids of the sign-ins answered with success */
		this.acknowledged = [];
	}
	/**
	 * @param {string} what @param {string} path
	 * @param {{ method?: string; headers?: Record<string, string>; body?: URLSearchParams }} [init]
	 */
	async request(what, path, init = {}) {
		let res;
		try {
			res = await fetch(this.base + path, {
				redirect: 'manual',
				...init,
				headers: { accept: 'text/html', origin: this.base, ...init.headers }
			});
		} catch (err) {
			const cause = /** @type {{ cause?: { code?: string } }} */ (err).cause;
			this.problems.push(`${what}: the app did not answer (${cause?.code ?? String(err)})`);
			return undefined;
		}
		const body = await res.text();
		this.seen.push({ phase: this.phase, what, status: res.status });
		if (![200, 303, 503].includes(res.status))
			this.problems.push(`${what} answered ${res.status} in phase ${this.phase}`);
		if (res.status === 503 && what !== 'health' && !body.includes(UNAVAILABLE))
			this.problems.push(`${what}: a 503 without the "try again" text`);
		return res;
	}
	/** @param {string} login */
	async signIn(login) {
		const res = await this.request('sign-in', '/login', {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({ login, password: PASSWORD })
		});
		if (res?.status !== 303) return undefined;
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('session='));
		const token = cookie?.split(';')[0].slice('session='.length);
		if (!token) return void this.problems.push('a sign-in answered 303 without a session');
		this.acknowledged.push(token.split('.')[0]);
		return `session=${token}`;
	}
	/** @param {string} login */
	async worker(login) {
		let cookie;
		for (let i = 0; this.running; i++) {
			if (i % 4 === 0) cookie = (await this.signIn(login)) ?? cookie;
			const home = await this.request('home', '/', { headers: cookie ? { cookie } : {} });
			if (cookie && home?.status === 303) this.problems.push('an acknowledged session was lost');
			await this.request('health', '/health');
		}
	}
	/** @param {string} phase @param {number} status */
	count(phase, status) {
		return this.seen.filter((r) => r.phase === phase && r.status === status).length;
	}
}

/** @param {string} base @param {number} seconds */
async function waitHealthy(base, seconds) {
	for (let i = 0; i < seconds * 10; i++) {
		const ok = await fetch(`${base}/health`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return true;
		await sleep(100);
	}
	return false;
}

/** @typedef {ReturnType<typeof startApp>} App */

/** @param {App} app */
const running = (app) => app.child.exitCode === null && app.child.signalCode === null;

/** @param {number} port @param {string} databaseUrl */
function startApp(port, databaseUrl) {
	const child = spawn(process.execPath, ['build'], {
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			DATABASE_URL: databaseUrl,
			SEAL_KEYS: `resilience:${randomBytes(32).toString('base64')}`,
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	/** @type {string[]} */
	const output = [];
	/** @param {Buffer} chunk */
	const keep = (chunk) => output.push(...chunk.toString().split('\n').filter(Boolean));
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);
	const exited = new Promise((resolve) => child.on('exit', resolve));
	return { child, output, exited };
}

/** The scenario: load, a restart, load, a stop of a few seconds, a start, load. */
/** @param {Cluster} cluster @param {string} base */
async function drive(cluster, base) {
	const load = new Load(base);
	const workers = Array.from({ length: WORKERS }, (_, i) => load.worker(loginOf(i + 1)));
	/** @param {string} name @param {number} ms */
	const phase = async (name, ms) => ((load.phase = name), await sleep(ms));
	await phase('before', 1500);
	load.phase = 'restart';
	let began = Date.now();
	await cluster.restart();
	const restartMs = Date.now() - began;
	await phase('after restart', 1500);
	load.phase = 'stopping';
	await cluster.stop();
	await phase('stopped', 2500);
	began = Date.now();
	await cluster.start();
	load.phase = 'starting';
	const back = await waitHealthy(base, 15);
	const backMs = Date.now() - began;
	await phase('after start', 2000);
	load.running = false;
	await Promise.all(workers);
	return { load, restartMs, back, backMs };
}

/**
 * @param {Cluster} cluster @param {App} app
 * @param {Awaited<ReturnType<typeof drive>>} driven
 */
async function check(cluster, app, { load, restartMs, back, backMs }) {
	const problems = [...load.problems];
	if (!running(app)) problems.push('the app process ended');
	if (!back) problems.push('the app did not serve again within 15 s of the database starting');
	// Down means down: only an answer computed just before the stop may still be a success.
	const down = load.seen.filter((r) => r.phase === 'stopped');
	if (down.filter((r) => r.status === 503).length < down.length * 0.9)
		problems.push('not 503 while the database was stopped');
	const late = load.seen.slice(-20).filter((r) => r.status === 503).length;
	if (late > 0) problems.push(`${late} of the last 20 answers were still 503`);
	const rows = await sql(`${cluster.url}/camket`, 'select id from sessions');
	const stored = new Set(rows.map((r) => r.id));
	const lost = load.acknowledged.filter((id) => !stored.has(id));
	if (lost.length) problems.push(`${lost.length} acknowledged sign-ins are not in the database`);

	const phases = [...new Set(load.seen.map((r) => r.phase))];
	for (const p of phases) {
		/** @type {Record<number, number>} */
		const byStatus = {};
		for (const r of load.seen.filter((x) => x.phase === p))
			byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
		console.log(`  ${p.padEnd(14)} ${JSON.stringify(byStatus)}`);
	}
	console.log(
		`  restart took ${restartMs} ms; serving ${backMs} ms after the start; ` +
			`${load.acknowledged.length} acknowledged sign-ins, all stored: ${lost.length === 0}`
	);
	return problems;
}

async function main() {
	if (!existsSync('build/index.js'))
		throw new Error('build/ is missing: run `npm run build` first');
	const dir = await mkdtemp(path.join(tmpdir(), 'camket-restart-'));
	const cluster = new Cluster(dir, await freePort());
	/** @type {App | undefined} */
	let app;
	const cleanup = async () => {
		if (app && running(app)) {
			const { child } = app;
			child.kill('SIGTERM');
			await Promise.race([app.exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
		}
		await cluster.stop('immediate').catch(() => {});
		await rm(dir, { recursive: true, force: true });
	};
	for (const signal of ['SIGINT', 'SIGTERM'])
		process.once(signal, () => void cleanup().finally(() => process.exit(130)));
	try {
		await run(cluster, (started) => (app = started));
	} catch (err) {
		console.error(`\nFAILED: ${err instanceof Error ? err.message : err}`);
		if (app)
			console.error(`\nlast lines of the app's output:\n${app.output.slice(-30).join('\n')}`);
		process.exitCode = 1;
	} finally {
		await cleanup();
	}
}

/** @param {Cluster} cluster @param {(app: App) => App} started */
async function run(cluster, started) {
	await cluster.init();
	await sql(`${cluster.url}/postgres`, 'create database camket');
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const app = started(startApp(port, `${cluster.url}/camket`));
	if (!(await waitHealthy(base, 30))) throw new Error('the app did not start');
	await seedAccounts(`${cluster.url}/camket`);
	console.log(`PostgreSQL restart under load (cluster on port ${cluster.port}, app on ${port}):`);
	const problems = await check(cluster, app, await drive(cluster, base));
	if (problems.length) throw new Error(`\n  ${[...new Set(problems)].join('\n  ')}`);
	console.log('passed: the app stayed up, answered 503 while the database was away, serves again');
}

await main();

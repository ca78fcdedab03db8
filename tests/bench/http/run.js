#!/usr/bin/env node
// npm run bench:http: the app's pages under load next to a bare SvelteKit page on the same machine.
// Starts the built app on a fresh embedded database (and on a fresh PostgreSQL database when
// TEST_DATABASE_URL is set) and the bare fixture, each on a free loopback port; logs in as the
// demo accounts; drives each page with autocannon, right after the bare page (the ratio is to
// that run); prints one table; exits 1 when a budget is missed or any response was not 2xx.
// The table also gives the server's CPU time per request ("cpu ms", from /proc), which moves far
// less than req/s when other work shares the machine: use it to compare two builds.
//   --build (or BENCH_BUILD=1)   rebuild the app even when build/ is newer than the sources
//   BENCH_DURATION=10            seconds measured per page (BENCH_WARMUP=3 seconds before it)
//   BENCH_CONNECTIONS=32         concurrent connections
//   BENCH_PAGES=cell,bloc        only these pages; BENCH_BACKENDS=pglite only this database
//   BENCH_CPU_PROF=dir           app servers run with --cpu-prof, profiles written to dir at the end
//   BENCH_APP_DIR=dir            serve another build of the app (e.g. a copy of main's) as it is
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { buildApp } from '../../../scripts/build-app.js';
import {
	buildBare,
	cpuMs,
	seededServerDatabase,
	startServer,
	stopAll,
	tempDir
} from './servers.js';

/**
 * The budgets, on this 2-core machine at 32 connections. `minRatio`: req/s at least this share of
 * the bare page's in the same run; `maxP975`: 97.5th percentile latency in ms at most. Later
 * areas add a page to PAGES and their rows here.
 */
const BUDGETS = [
	{ backend: 'postgres', page: 'login', minRatio: 0.5 },
	{ backend: 'postgres', page: 'home', minRatio: 0.2 },
	{ backend: 'postgres', page: 'cell', minRatio: 0.2 },
	{ backend: 'postgres', page: 'member', minRatio: 0.2 },
	{ backend: 'postgres', page: 'bloc', maxP975: 300 },
	{ backend: 'postgres', page: 'cell-reg', minRatio: 0.2 },
	{ backend: 'postgres', page: 'bloc-reg', maxP975: 300 },
	{ backend: 'postgres', page: 'cell-period', minRatio: 0.2 },
	{ backend: 'postgres', page: 'bloc-period', maxP975: 300 },
	{ backend: 'postgres', page: 'org-ratings', maxP975: 300 },
	{ backend: 'pglite', page: 'cell', minRatio: 0.12 }
];

const DEMO_PASSWORD = 'camket-demo-2026';
/** The demo's running year (seeded beside the coming one from October): reported quarters. */
const RUNNING_YEAR = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();

/**
 * @typedef {{ page: string, what: string, as?: string } &
 *   ({ url: string } | { from: string, find: RegExp, then?: string })} Page
 * @typedef {{ rps: number, p50: number, p975: number, p99: number, bad: number, cpuMs: number }} Run
 * @typedef {Run & { backend: string, page: string, bareRps: number, bareCpuMs: number }} Row
 * @typedef {import('./servers.js').Server} Server
 */

/**
 * The app's pages: `as` is the demo account that opens it; `find` picks the URL out of the page at
 * `from` (as that account), for pages whose ids come from the seeded database; `then` is added to
 * what it found.
 * @type {Page[]}
 */
const PAGES = [
	{ page: 'login', what: 'anonymous', url: '/login' },
	{ page: 'health', what: 'anonymous, one query', url: '/health' },
	{ page: 'home', what: "the member's home as dangvien", url: '/', as: 'dangvien' },
	{
		page: 'cell',
		what: 'cell follow-up as its secretary bithu',
		as: 'bithu',
		from: '/',
		find: /\/units\/\d+\/commitments(?=")/
	},
	{
		page: 'member',
		what: 'a member as the grassroots committee member danguy',
		as: 'danguy',
		from: '/members',
		find: /\/members\/\d+(?=")/
	},
	{
		page: 'bloc',
		what: 'bloc follow-up as the organization department bantochuc',
		as: 'bantochuc',
		from: '/',
		find: /\/units\/\d+\/commitments(?=")/
	},
	{
		page: 'cell-reg',
		what: "cell's registrations as its secretary bithu",
		as: 'bithu',
		from: '/',
		find: /\/units\/\d+(?=\/registrations\?)/,
		then: '/registrations'
	},
	{
		page: 'bloc-reg',
		what: 'registrations per unit of the bloc as bantochuc',
		as: 'bantochuc',
		from: '/',
		find: /\/units\/\d+(?=\/commitments")/,
		then: '/registrations'
	},
	{
		page: 'cell-period',
		what: "the secretary's period page: who reported the running year's third quarter",
		as: 'bithu',
		from: '/',
		find: /\/units\/\d+(?=\/registrations\?)/,
		then: `/registrations?year=${RUNNING_YEAR}&period=3`
	},
	{
		page: 'bloc-period',
		what: "the bloc's roll-up of that quarter's reports per unit, as bantochuc",
		as: 'bantochuc',
		from: '/',
		find: /\/units\/\d+(?=\/commitments")/,
		then: `/registrations?year=${RUNNING_YEAR}&period=3`
	},
	{
		page: 'org-ratings',
		what: "the year-end rating board of the demo's largest đảng bộ cơ sở (132 members), as bantochuc",
		as: 'bantochuc',
		// The bloc is the seed's first unit; its page links each grassroots organization by name.
		from: '/units/1',
		find: /\/units\/\d+(?="[^>]*>\s*Đảng bộ Bệnh viện Đa khoa tỉnh\s*<)/,
		then: `/ratings?year=${RUNNING_YEAR}`
	}
];

const env = process.env;
/** @type {(v: string | undefined, d: number) => number} */
const seconds = (v, d) => (v && Number(v) >= 1 ? Math.floor(Number(v)) : d);
const DURATION = seconds(env.BENCH_DURATION, 10);
const WARMUP = env.BENCH_WARMUP === '0' ? 0 : seconds(env.BENCH_WARMUP, 3);
const CONNECTIONS = seconds(env.BENCH_CONNECTIONS, 32);
/** @param {string | undefined} v */
const only = (v) => (v ? new Set(v.split(',').map((s) => s.trim())) : undefined);
const ONLY_PAGES = only(env.BENCH_PAGES);
const ONLY_BACKENDS = only(env.BENCH_BACKENDS);
// Relative to the project root (npm runs scripts there).
const APP_DIR = env.BENCH_APP_DIR || 'build';
/** @param {string} page */
const wanted = (page) => !ONLY_PAGES || ONLY_PAGES.has(page);

/**
 * One autocannon run on `url` after `warmup` seconds of the same load (JIT, caches, pools), with
 * the server's CPU time per request.
 * @param {Server} server @param {string} url @param {Record<string, string>} headers
 * @returns {Promise<Run>}
 */
async function drive(server, url, headers = {}, warmup = WARMUP) {
	const opts = { url: server.origin + url, connections: CONNECTIONS, headers, timeout: 10 };
	if (warmup) await autocannon({ ...opts, duration: warmup });
	const cpuBefore = cpuMs(server);
	const r = await autocannon({ ...opts, duration: DURATION });
	return {
		cpuMs: (cpuMs(server) - cpuBefore) / Math.max(1, r.requests.total),
		rps: r.requests.average,
		p50: r.latency.p50,
		p975: r.latency.p97_5,
		p99: r.latency.p99,
		bad: r.non2xx + r.errors
	};
}

/**
 * Logs in through the form as a browser would; returns the session cookie.
 * @param {string} origin @param {string} account
 */
async function login(origin, account) {
	const res = await fetch(`${origin}/login`, {
		method: 'POST',
		redirect: 'manual',
		headers: { origin, accept: 'text/html' },
		body: new URLSearchParams({ login: account, password: DEMO_PASSWORD })
	});
	const session = res.headers.getSetCookie().find((c) => c.startsWith('session='));
	if (res.status !== 303 || !session) throw new Error(`login as ${account}: HTTP ${res.status}`);
	return session.split(';')[0];
}

/**
 * The first link matching `pattern` on the page at `from`.
 * @param {string} origin @param {string | undefined} cookie @param {string} from
 * @param {RegExp} pattern
 */
async function findLink(origin, cookie, from, pattern) {
	const res = await fetch(origin + from, { headers: cookie ? { cookie } : {} });
	const link = (await res.text()).match(pattern)?.[0];
	if (!res.ok || !link) throw new Error(`no link like ${pattern} on ${from} (HTTP ${res.status})`);
	return link;
}

/**
 * Measures the app's pages on one server. The bare page is measured right before each page, and
 * the page's ratio is to that run: other work on a shared machine then weighs on both alike.
 * @param {string} backend @param {Server} server @param {Server} bare @returns {Promise<Row[]>}
 */
async function benchApp(backend, server, bare) {
	/** @type {Map<string, string>} */
	const cookies = new Map();
	/** @type {Row[]} */
	const rows = [];
	for (const p of PAGES.filter((p) => wanted(p.page))) {
		let cookie = p.as && cookies.get(p.as);
		if (p.as && !cookie) cookies.set(p.as, (cookie = await login(server.origin, p.as)));
		const url =
			'url' in p ? p.url : (await findLink(server.origin, cookie, p.from, p.find)) + (p.then ?? '');
		console.log(`${backend} ${p.page}: ${url}, ${p.what}`);
		const ceiling = await drive(bare, '/', {}, rows.length ? 0 : WARMUP);
		const run = await drive(server, url, cookie ? { cookie } : {});
		rows.push({ backend, page: p.page, bareRps: ceiling.rps, bareCpuMs: ceiling.cpuMs, ...run });
	}
	return rows;
}

/**
 * Starts the app on the given database; `extra` sets DATABASE_URL or the embedded data dir.
 * @param {string} backend @param {Record<string, string | undefined>} extra
 */
function startApp(backend, extra) {
	const prof = env.BENCH_CPU_PROF;
	return startServer({
		name: `app (${backend})`,
		entry: path.join(APP_DIR, 'index.js'),
		readyPath: '/health',
		nodeArgs: prof ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(prof)}`] : [],
		env: { LOG_LEVEL: 'warn', ...extra }
	});
}

async function startAll() {
	const bare = await startServer({ name: 'bare', entry: buildBare(), readyPath: '/' });
	/** @type {{ backend: string, server: Server }[]} */
	const apps = [];
	if (!ONLY_BACKENDS || ONLY_BACKENDS.has('pglite')) {
		const dataDir = tempDir('camket-bench-data-');
		const extra = { DATABASE_URL: undefined, DATA_DIR: dataDir, SEED_DEMO: '1' };
		console.log('Starting the app on a fresh embedded database (seeds the demo bloc)…');
		apps.push({ backend: 'pglite', server: await startApp('pglite', extra) });
	}
	if (env.TEST_DATABASE_URL && (!ONLY_BACKENDS || ONLY_BACKENDS.has('postgres'))) {
		const { url, sealKeys } = await seededServerDatabase(env.TEST_DATABASE_URL);
		// Demo mode, so the demo password opens the accounts (the database is seeded already).
		const extra = { DATABASE_URL: url, SEAL_KEYS: sealKeys, SEED_DEMO: '1' };
		apps.push({ backend: 'postgres', server: await startApp('postgres', extra) });
	}
	return { bare, apps };
}

/**
 * What the row's budget asks (empty without one) and what it missed.
 * @param {Row} row
 */
function verdict(row) {
	const budget = BUDGETS.find((b) => b.backend === row.backend && b.page === row.page);
	const missed = [];
	let limit = '';
	if (budget?.minRatio !== undefined) {
		limit = `≥${budget.minRatio}×`;
		if (row.rps / row.bareRps < budget.minRatio) missed.push(`<${budget.minRatio}×`);
	}
	if (budget?.maxP975 !== undefined) {
		limit = `p97.5≤${budget.maxP975}`;
		if (row.p975 > budget.maxP975) missed.push(`p97.5>${budget.maxP975}`);
	}
	if (row.bad > 0) missed.push('non-2xx or errors');
	if (row.rps === 0) missed.push('no answer');
	return { limit, missed };
}

/**
 * Prints the table with each row's verdict; returns how many rows failed.
 * @param {Row[]} rows
 */
function report(rows) {
	/** @type {(n: number, d?: number) => string} */
	const num = (n, d = 0) => n.toFixed(d).padStart(7);
	console.log(
		`\n${CONNECTIONS} connections, ${DURATION} s per page; latencies in ms; failed: ` +
			'non-2xx answers, errors and timeouts (10 s)'
	);
	console.log(
		'backend   page      req/s   ×bare  bare/s     p50   p97.5     p99  cpu ms  ×bare   failed  budget'
	);
	let failures = 0;
	for (const r of rows) {
		const { limit, missed } = verdict(r);
		if (missed.length) failures++;
		const result = missed.length ? `MISSED ${missed.join(' ')}` : limit ? 'ok' : '';
		const cells = [
			num(r.rps),
			num(r.rps / r.bareRps, 2),
			num(r.bareRps),
			num(r.p50),
			num(r.p975),
			num(r.p99),
			num(r.cpuMs, 2),
			num(r.cpuMs / r.bareCpuMs, 1).slice(1)
		];
		console.log(
			`${r.backend.padEnd(9)} ${r.page.padEnd(6)} ` +
				cells.join(' ') +
				` ${String(r.bad).padStart(8)}  ${limit} ${result}`
		);
	}
	const ran = new Set(rows.map((r) => `${r.backend}/${r.page}`));
	for (const b of BUDGETS.filter((b) => !ran.has(`${b.backend}/${b.page}`)))
		console.log(`not measured: ${b.backend} ${b.page} (its budget is skipped)`);
	return failures;
}

async function main() {
	process.chdir(fileURLToPath(new URL('../../..', import.meta.url)));
	if (path.resolve(APP_DIR) === path.resolve('build'))
		buildApp({ force: process.argv.includes('--build') || env.BENCH_BUILD === '1' });
	const { bare, apps } = await startAll();
	/** @type {Row[]} */
	const rows = [];
	for (const { backend, server } of apps) rows.push(...(await benchApp(backend, server, bare)));
	return report(rows);
}

process.once('SIGINT', () => void stopAll().finally(() => process.exit(130)));
process.once('SIGTERM', () => void stopAll().finally(() => process.exit(143)));
let failures = 1;
try {
	failures = await main();
} catch (err) {
	console.error(err instanceof Error ? err.message : err);
} finally {
	await stopAll();
}
process.exit(failures ? 1 : 0);

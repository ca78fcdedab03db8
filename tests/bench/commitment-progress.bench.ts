// Budget: the bloc's follow-up page (rates by unit for 2,712 members, ~1,529 signed commitments)
// answers in under 200 ms of server time; a cell's list is far below that. Run:
// npm run bench -- tests/bench/commitment-progress.bench.ts (embedded database), and with
// TEST_DATABASE_URL for PostgreSQL, where the rates query's plan is printed and checked too.
import { sql } from 'kysely';
import { render } from 'svelte/server';
import { afterAll, beforeAll, bench, describe, expect } from 'vitest';
import type { Ctx } from '$lib/server/access/guard';
import type { Db } from '$lib/server/db/connect';
import { getProgressPage, listCellCommitments } from '$lib/server/commitments/progress';
import { listUnitRates, ratesQuery } from '$lib/server/commitments/rates';
import { seedDemo } from '$lib/server/demo/seed';
import { createTestDb, type TestDb } from '../integration/helpers/db';
import { ctxFor } from '../integration/helpers/tree';
import Page from '../../src/routes/(app)/units/[id]/commitments/+page.svelte';

const BUDGET_MS = 200;
const backend = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
const opts = { iterations: 30, time: 0, warmupIterations: 3, warmupTime: 0 };

let t: TestDb;
let bloc: { id: number; path: string };
let cell: { id: number; path: string };
let yearId: number;
let orgDept: Ctx;
let secretary: Ctx;
const timings: Record<string, number[]> = {};

async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
	const started = performance.now();
	const result = await run();
	(timings[name] ??= []).push(performance.now() - started);
	return result;
}

async function accountOf(login: string): Promise<number> {
	const a = await t.db
		.selectFrom('accounts')
		.select('id')
		.where('login', '=', login)
		.executeTakeFirstOrThrow();
	return a.id;
}

beforeAll(async () => {
	t = await createTestDb();
	const seeded = await seedDemo(t.db);
	expect(seeded.members).toBe(2712);
	bloc = await t.db
		.selectFrom('org_units')
		.select(['id', 'path'])
		.where('kind', '=', 'bloc')
		.executeTakeFirstOrThrow();
	const year = await t.db.selectFrom('review_years').select('id').executeTakeFirstOrThrow();
	yearId = year.id;
	orgDept = await ctxFor(t.db, await accountOf('bantochuc'));
	secretary = await ctxFor(t.db, await accountOf('bithu'));
	const grant = secretary.actor.grants.find((g) => g.role === 'cell_secretary')!;
	cell = { id: grant.unitId, path: grant.unitPath };
	if (t.backend === 'postgres') await explainRates();
});

async function explain(db: Db, path: string): Promise<string> {
	const { rows } = await sql<{ 'QUERY PLAN': string }>`
		explain (analyze, costs off, timing off) ${ratesQuery(path, yearId)}`.execute(db);
	return rows.map((r) => r['QUERY PLAN']).join('\n');
}

/**
 * The plans of the rates query for the bloc and for a grassroots committee: hash joins, no
 * per-row subquery (SubPlan). With 286 units PostgreSQL rightly scans org_units whole; with
 * sequential scans off, the committee's plan shows the path prefix is answered by the path index.
 */
async function explainRates(): Promise<void> {
	await sql`analyze`.execute(t.db);
	const committee = cell.path.split('/').slice(0, 3).join('/') + '/';
	for (const path of [bloc.path, committee]) {
		const plan = await explain(t.db, path);
		console.info(`EXPLAIN rates under ${path}:\n${plan}`);
		expect(plan).not.toMatch(/SubPlan/);
	}
	const indexed = await t.db.transaction().execute(async (trx) => {
		await sql`set local enable_seqscan = off`.execute(trx);
		return explain(trx, committee);
	});
	console.info(`EXPLAIN rates under ${committee}, sequential scans off:\n${indexed}`);
	expect(indexed).toMatch(/org_units_path_idx/);
}

afterAll(async () => {
	const report = Object.entries(timings).map(([name, ms]) => {
		const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
		const max = Math.max(...ms);
		return { name, mean, max, runs: ms.length };
	});
	for (const r of report)
		console.info(
			`${backend} ${r.name}: mean ${r.mean.toFixed(1)} ms, max ${r.max.toFixed(1)} ms (${r.runs} runs)`
		);
	await t?.close();
	for (const name of ['bloc page', 'bloc page rendered']) {
		const mean = report.find((r) => r.name === name)!.mean;
		expect(mean, `${name}: mean server time (budget ${BUDGET_MS} ms)`).toBeLessThan(BUDGET_MS);
	}
});

describe(`commitment follow-up on the demo bloc (${backend})`, () => {
	bench(
		'bloc page: rates by unit for 2,712 members (page data, as the organization department)',
		async () => {
			const page = await timed('bloc page', () =>
				getProgressPage(orgDept, bloc.id, { year: null, state: null, sort: 'signed' })
			);
			expect(page.units?.totals.members).toBe(2712);
		},
		opts
	);
	bench(
		'bloc page: page data and server-side rendering',
		async () => {
			const html = await timed('bloc page rendered', async () => {
				const data = await getProgressPage(orgDept, bloc.id, {
					year: null,
					state: null,
					sort: 'signed'
				});
				return render(Page, { props: { data, form: null } as never }).body;
			});
			expect(html).toContain('Đảng bộ');
		},
		opts
	);
	bench(
		'bloc rates query alone',
		async () => {
			await timed('bloc rates query', () => listUnitRates(t.db, bloc, yearId));
		},
		opts
	);
	bench(
		'cell page: members and states (page data, as the secretary)',
		async () => {
			const page = await timed('cell page', () =>
				getProgressPage(secretary, cell.id, { year: null, state: null, sort: 'signed' })
			);
			expect(page.cell?.rows.length).toBeGreaterThan(0);
		},
		opts
	);
	bench(
		'cell list query alone',
		async () => {
			await timed('cell list query', () => listCellCommitments(t.db, cell.id, yearId));
		},
		opts
	);
});

import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual, promisify } from 'node:util';
import { log } from '$lib/server/log';
import { dateLine } from '$lib/domain/commitment/document';
import { SNAPSHOT_SCHEMA, type CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { renderCommitmentPdf } from '$lib/server/commitments/pdf';
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadActor, type Actor } from '$lib/server/access/actor';
import { mayReviewCommitmentOf } from '$lib/server/access/policy';
import {
	cellReviewFactColumns,
	reviewFactColumns,
	reviewFacts
} from '$lib/server/access/review-facts';
import type { Db } from '$lib/server/db/connect';
import { refuse } from '$lib/domain/result';
import { authenticate } from '$lib/server/auth/login';
import { verifyPassword } from '$lib/server/auth/password';
import { checkIntegrity } from '$lib/server/commitments/integrity';
import { startDemo } from '$lib/server/demo/mode';
import { seedDemo } from '$lib/server/demo/seed';
import { memberSchema } from '$lib/schemas/member';
import { addYears } from '$lib/domain/dates';
import { isPhaseOpen } from '$lib/domain/years/phases';
import { DEMO_PASSWORD } from '$lib/server/settings';
import { CELL_KINDS } from '$lib/domain/roles';
import { EMPTY_CONTENT, yearBounds, type ActionItem } from '$lib/domain/registration/content';
import { contentOf, formOf, parseRegistration } from '$lib/schemas/registration';
import { mayProposeActionsAt, registrationReviewRight } from '$lib/server/access/policy';
import {
	listCellRegistrations,
	listRegistrationRates,
	type RegistrationRates
} from '$lib/server/registrations/progress';
import { createTestDb, type TestDb } from './helpers/db';
import { unitRow } from './helpers/org';
import { actorFor } from './helpers/tree';

const run = promisify(execFile);

// The demo's today here: a fixed day, so the data does not depend on when the tests run.
const TODAY = '2026-12-05';
/** The demo year (the coming one, from autumn), beside the running year seeded with it. */
const COMING_YEAR = sql`select id from review_years order by year desc limit 1`;

let t: TestDb | undefined;
let result: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
	t = await createTestDb();
	result = await seedDemo(t.db, { today: TODAY });
});
afterAll(async () => t?.close());

function db(): Db {
	if (!t) throw new Error('the test database is closed');
	return t.db;
}

async function numbers(query: ReturnType<typeof sql<{ n: string }>>): Promise<number[]> {
	const { rows } = await query.execute(db());
	return rows.map((r) => Number(r.n));
}

/** What a later today must not change: the tree and the people (not their dates, nor the ids). */
async function digest(conn: Db): Promise<string> {
	const units = await conn
		.selectFrom('org_units')
		.select(['code', 'name'])
		.orderBy('code')
		.execute();
	const members = await conn
		.selectFrom('members')
		.select(['card_no', 'full_name'])
		.orderBy('card_no')
		.execute();
	return createHash('sha256')
		.update(JSON.stringify([units, members]))
		.digest('hex');
}

/** The demo's review year as the signing page reads it, and the members' ages on `today`. */
async function calendarOn(conn: Db, today: string) {
	const year = await conn.selectFrom('review_years').selectAll().executeTakeFirstOrThrow();
	const { rows } = await sql<{ youngest: number; oldest: number; late: number }>`
		select min(date_part('year', age(${today}::date, birth_date)))::int as youngest,
			max(date_part('year', age(${today}::date, birth_date)))::int as oldest,
			(select count(*)::int from commitments
				where (signed_at at time zone 'Asia/Ho_Chi_Minh')::date >= ${today}::date) as late
		from members`.execute(conn);
	return { year, ...rows[0] };
}

describe('demo commitments', () => {
	it('are signed as the app signs them: every hash and code verifies', async () => {
		expect(result.commitments).toBeGreaterThan(1000);
		const report = await checkIntegrity(db(), 'all');
		expect(report.checked).toBe(result.commitments);
		expect(report.mismatches).toEqual([]);
	});

	it('are reviewed only as the app allows: nobody confirmed their own', async () => {
		const rows = await db()
			.selectFrom('commitment_reviews as r')
			.innerJoin('commitments as c', 'c.id', 'r.commitment_id')
			.innerJoin('memberships as ms', (j) =>
				j.onRef('ms.member_id', '=', 'c.member_id').on('ms.ended_on', 'is', null)
			)
			.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
			.select([
				'r.reviewer_account_id',
				'c.member_id',
				'u.path as cell_path',
				'u.kind as cell_kind',
				...reviewFactColumns('c.member_id', 'u.id')
			])
			.execute();
		const reviewers = await db()
			.selectFrom('accounts')
			.select(['id', 'member_id', 'display_name'])
			.where('id', 'in', [...new Set(rows.map((r) => r.reviewer_account_id))])
			.execute();
		const actors = new Map<number, Actor>();
		for (const a of reviewers)
			actors.set(
				a.id,
				await loadActor(db(), { accountId: a.id, memberId: a.member_id, displayName: '' })
			);
		const refused = rows.filter(
			(r) => !mayReviewCommitmentOf(actors.get(r.reviewer_account_id)!, reviewFacts(r))
		);
		expect(refused).toEqual([]);
		// Secretaries' own commitments were reviewed too: by a deputy, or by the committee above.
		const ownCell = rows.filter((r) => r.member_reviews);
		expect(ownCell.some((r) => r.other_reviewer)).toBe(true);
		expect(ownCell.some((r) => !r.other_reviewer)).toBe(true);
	});

	it("list a cell's review facts as the per-row rule reads them, in every demo cell", async () => {
		const perRow = await db()
			.selectFrom('memberships as ms')
			.select(['ms.unit_id', 'ms.member_id', ...reviewFactColumns('ms.member_id', 'ms.unit_id')])
			.where('ms.ended_on', 'is', null)
			.orderBy('ms.unit_id')
			.orderBy('ms.member_id')
			.execute();
		const cells = [...new Set(perRow.map((r) => r.unit_id))];
		const perCell = [];
		for (const cellId of cells)
			perCell.push(
				...(await db()
					.selectFrom('memberships as ms')
					.select(['ms.unit_id', 'ms.member_id', ...cellReviewFactColumns('ms.member_id', cellId)])
					.where('ms.ended_on', 'is', null)
					.where('ms.unit_id', '=', cellId)
					.orderBy('ms.member_id')
					.execute())
			);
		expect(perCell).toEqual(perRow);
		// Both kinds of cell are in the demo: with a second reviewer, and with a lone secretary.
		const secretaries = perRow.filter((r) => r.member_reviews);
		expect(new Set(secretaries.map((r) => r.other_reviewer))).toEqual(new Set([true, false]));
	});

	it('sit in a Lâm Đồng year open for signing on the demo’s today, signed before it', async () => {
		const { year, late } = await calendarOn(db(), TODAY);
		expect(year).toMatchObject({ place: 'Lâm Đồng', year: 2027, status: 'open' });
		expect(isPhaseOpen(year, 'commitment', TODAY)).toBe(true);
		expect(late).toBe(0);
		const headers = await sql<{ place: string; bloc: string }>`
			select distinct snapshot->'header'->>'place' as place, snapshot->'header'->>'bloc' as bloc
			from commitments`.execute(db());
		expect(headers.rows).toEqual([
			{ place: 'Lâm Đồng', bloc: 'Đảng bộ Khối các cơ quan tỉnh Lâm Đồng' }
		]);
	});

	it('read, printed, as Party documents: HD 36 date line, Tinos, T/M CHI ỦY, no placeholder', async () => {
		// A confirmed commitment of a cell that has a committee, confirmed by its secretary.
		const doc = await db()
			.selectFrom('commitments as c')
			.innerJoin('commitment_reviews as r', 'r.commitment_id', 'c.id')
			.innerJoin('accounts as a', 'a.id', 'r.reviewer_account_id')
			.select([
				'c.snapshot',
				'c.version',
				'c.signed_at',
				'c.verification_code',
				'r.decision',
				'r.reviewed_at',
				'r.reviewer_post',
				'r.on_behalf_of',
				'a.display_name as reviewer_name'
			])
			.where('r.on_behalf_of', '=', 'cell_committee')
			.where('r.reviewer_post', '=', 'cell_secretary')
			.limit(1)
			.executeTakeFirstOrThrow();
		const snapshot = doc.snapshot as unknown as CommitmentSnapshot;
		expect(snapshot.schema).toBe(SNAPSHOT_SCHEMA);
		const pdf = await renderCommitmentPdf({
			snapshot,
			version: doc.version,
			signedAt: doc.signed_at,
			code: doc.verification_code,
			verifyUrl: `https://camket.example.vn/verify/${doc.verification_code}`,
			review: {
				decision: doc.decision,
				reviewerName: doc.reviewer_name,
				reviewedAt: doc.reviewed_at,
				post: doc.reviewer_post,
				onBehalfOf: doc.on_behalf_of
			}
		});
		const dir = await mkdtemp(path.join(tmpdir(), 'camket-demo-pdf-'));
		try {
			const file = path.join(dir, 'demo.pdf');
			await writeFile(file, pdf);
			const text = (await run('pdftotext', ['-enc', 'UTF-8', file, '-'])).stdout
				.normalize('NFC')
				.replace(/\s+/g, ' ');
			expect(text).toContain(dateLine('Lâm Đồng', snapshot.header.date));
			expect(text).toMatch(/Lâm Đồng, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);
			expect(text).toContain('T/M CHI ỦY BÍ THƯ');
			expect(text).toContain('Không để xảy ra 27 biểu hiện');
			expect(text).toContain('Không vi phạm 19 điều');
			expect(text).toContain('Thực hiện 5 chuẩn mực');
			expect(text).toContain('Nội dung theo Điều 10 Quy định số 37-QĐ/TW');
			expect(text).not.toMatch(/chưa được đối chiếu|cập nhật nguyên văn/);
			const fonts = (await run('pdffonts', [file])).stdout;
			expect(fonts).toMatch(/Tinos-Regular/);
			expect(fonts).not.toMatch(/DejaVu|Helvetica/);
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	});

	it('leave the demo member unsigned and their cell awaiting the secretary', async () => {
		const rows = await sql<{ signed: number; reviewed: number }>`
			select
				(select count(*)::int from commitments c join accounts a on a.member_id = c.member_id
					where a.login = 'dangvien' and c.year_id = (${COMING_YEAR})) as signed,
				(select count(*)::int from commitment_reviews r join commitments c on c.id = r.commitment_id
					join memberships ms on ms.member_id = c.member_id and ms.ended_on is null
					join accounts a on a.member_id in (select member_id from memberships
						where unit_id = ms.unit_id and ended_on is null)
					where a.login = 'dangvien' and c.year_id = (${COMING_YEAR})) as reviewed`.execute(db());
		expect(rows.rows[0]).toEqual({ signed: 0, reviewed: 0 });
	});
});

describe('demo registrations', () => {
	/** The demo's review year, its cells (not dissolved), and the actors of some accounts. */
	async function demoYear() {
		return db()
			.selectFrom('review_years')
			.select(['id', 'year', 'theme'])
			.orderBy('year', 'desc')
			.executeTakeFirstOrThrow();
	}
	const cells = () =>
		db()
			.selectFrom('org_units')
			.select('id')
			.where('kind', 'in', CELL_KINDS)
			.where('dissolved_on', 'is', null)
			.orderBy('id')
			.execute();
	const actors = async (accountIds: number[]) =>
		new Map(
			await Promise.all(
				[...new Set(accountIds)].map(async (id) => [id, await actorFor(db(), id)] as const)
			)
		);

	it('pass the form’s rules, every deadline inside the year', async () => {
		const { id, year } = await demoYear();
		const stored = await sql<{ what: string; content: unknown }>`
			select 'version ' || id as what, content from registrations where year_id = ${id}
			union all select 'draft ' || id, content from registration_drafts where year_id = ${id}
			union all select 'template ' || id,
				jsonb_build_object('studies', '[]'::jsonb, 'plan', ${JSON.stringify(EMPTY_CONTENT.plan)}::jsonb,
					'actions', jsonb_build_array(action || '{"key": "templateab"}'::jsonb))
			from action_templates where year_id = ${id}`.execute(db());
		expect(stored.rows.length).toBeGreaterThan(1500);
		const { from, to } = yearBounds(year);
		const refused = stored.rows.flatMap(({ what, content }) => {
			const c = contentOf(content);
			const parsed = parseRegistration(formOf(c), year);
			const late = c.actions.filter(
				(a: ActionItem) => a.due.kind === 'deadline' && (a.due.on < from || a.due.on > to)
			);
			if (!parsed.ok) return [`${what}: ${JSON.stringify(parsed.errors)}`];
			if (late.length) return [`${what}: due ${JSON.stringify(late.map((a) => a.due))}`];
			// What the form reads back is what is stored, keys included.
			return isDeepStrictEqual(parsed.content, c) ? [] : [`${what}: changed`];
		});
		expect(refused).toEqual([]);
	});

	it('were submitted in the registration window before the demo’s today, and decided after', async () => {
		const { rows } = await sql<{ outside: number; early: number; total: number }>`
			select
				count(*) filter (where (g.submitted_at at time zone 'Asia/Ho_Chi_Minh')::date
					not between y.registration_opens_on and least(y.registration_closes_on, ${TODAY}::date))::int as outside,
				count(*) filter (where r.reviewed_at < g.submitted_at or r.reviewed_at > ${TODAY}::date + 1)::int as early,
				count(*)::int as total
			from registrations g join review_years y on y.id = g.year_id
			left join registration_reviews r on r.registration_id = g.id`.execute(db());
		expect(rows[0]).toMatchObject({ outside: 0, early: 0 });
		expect(rows[0].total).toBeGreaterThan(1000);
	});

	it('are approved or returned only by whoever may review the member', async () => {
		const rows = await db()
			.selectFrom('registration_reviews as r')
			.innerJoin('registrations as g', 'g.id', 'r.registration_id')
			.innerJoin('memberships as ms', (j) =>
				j.onRef('ms.member_id', '=', 'g.member_id').on('ms.ended_on', 'is', null)
			)
			.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
			.select([
				'r.reviewer_account_id',
				'r.decision',
				'g.member_id',
				'u.path as cell_path',
				'u.kind as cell_kind',
				...reviewFactColumns('g.member_id', 'u.id')
			])
			.execute();
		expect(rows.length).toBeGreaterThan(500);
		const byId = await actors(rows.map((r) => r.reviewer_account_id));
		const refused = rows.filter(
			(r) => registrationReviewRight(byId.get(r.reviewer_account_id)!, reviewFacts(r)) !== 'may'
		);
		expect(refused).toEqual([]);
		expect(new Set(rows.map((r) => r.decision))).toEqual(new Set(['approved', 'returned']));
		// Lone secretaries' own were approved by the committee above, the others' by their deputy.
		const own = rows.filter((r) => r.member_reviews);
		expect(new Set(own.map((r) => r.other_reviewer))).toEqual(new Set([true, false]));
	});

	it('leave the demo member unregistered and their cell’s submissions waiting', async () => {
		const { rows } = await sql<{
			versions: number;
			drafts: number;
			waiting: number;
			decided: number;
		}>`
			with y as (${COMING_YEAR}), me as (
				select a.member_id, ms.unit_id from accounts a
				join memberships ms on ms.member_id = a.member_id and ms.ended_on is null
				where a.login = 'dangvien'
			), cell as (
				select g.id from registrations g
				join memberships ms on ms.member_id = g.member_id and ms.ended_on is null
				where ms.unit_id = (select unit_id from me) and g.year_id = (select id from y)
			)
			select
				(select count(*)::int from registrations where member_id = (select member_id from me)
					and year_id = (select id from y)) as versions,
				(select count(*)::int from registration_drafts where member_id = (select member_id from me)) as drafts,
				(select count(*)::int from cell) as waiting,
				(select count(*)::int from registration_reviews where registration_id in (select id from cell)) as decided`.execute(
			db()
		);
		expect(rows[0]).toMatchObject({ versions: 0, drafts: 0, decided: 0 });
		expect(rows[0].waiting).toBeGreaterThan(0);
	});

	it('follow the year’s theme, with three common actions proposed to each cell', async () => {
		const { id, theme } = await demoYear();
		expect(theme).toMatch(/^Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về /);
		const templates = await db()
			.selectFrom('action_templates as t')
			.innerJoin('org_units as u', 'u.id', 't.unit_id')
			.select([
				't.unit_id',
				'u.path',
				'u.kind',
				't.created_by_account_id',
				't.year_id',
				't.withdrawn_at'
			])
			.execute();
		expect(templates.every((x) => x.year_id === id && x.withdrawn_at === null)).toBe(true);
		const perCell = new Map<number, number>();
		for (const x of templates) perCell.set(x.unit_id, (perCell.get(x.unit_id) ?? 0) + 1);
		const all = await cells();
		expect(
			all.filter((c) => perCell.get(c.id) !== 3).map((c) => [c.id, perCell.get(c.id)])
		).toEqual([]);
		expect(perCell.size).toBe(all.length);
	});

	it('were proposed by whoever approves that cell’s registrations, as the app lets them', async () => {
		const templates = await db()
			.selectFrom('action_templates as t')
			.innerJoin('org_units as u', 'u.id', 't.unit_id')
			.select(['t.unit_id', 'u.path', 'u.kind', 't.created_by_account_id'])
			.execute();
		expect(templates.length).toBeGreaterThan(0);
		const byId = await actors(templates.map((x) => x.created_by_account_id));
		const refused = templates.filter(
			(x) =>
				!mayProposeActionsAt(byId.get(x.created_by_account_id)!, { path: x.path, kind: x.kind })
		);
		expect(refused.map((x) => [x.unit_id, x.created_by_account_id])).toEqual([]);
	});

	it('add up: the bloc’s counts per unit are its cells’ members by state', async () => {
		const { id } = await demoYear();
		const bloc = await db()
			.selectFrom('org_units')
			.select('id')
			.where('kind', '=', 'bloc')
			.executeTakeFirstOrThrow();
		const blocUnit = await unitRow(db(), bloc.id);
		const rates = await listRegistrationRates(db(), blocUnit, id);
		const registered = new Set(
			(
				await db()
					.selectFrom('registrations')
					.select('member_id')
					.where('year_id', '=', id)
					.execute()
			).map((r) => r.member_id)
		);
		const keys = [
			'members',
			'registered',
			'approved',
			'submitted',
			'returned',
			'draft',
			'not_started'
		] as const satisfies readonly (keyof RegistrationRates)[];
		const zero = () =>
			Object.fromEntries(keys.map((k) => [k, 0])) as Record<(typeof keys)[number], number>;
		const expected = new Map<number, ReturnType<typeof zero>>();
		for (const { id: cellId } of await cells()) {
			const cell = await unitRow(db(), cellId);
			const child = Number(cell.path.slice(blocUnit.path.length).split('/')[0]);
			const sum = expected.get(child) ?? zero();
			for (const r of await listCellRegistrations(db(), cell, id, 1)) {
				sum.members++;
				sum[r.state]++;
				if (registered.has(r.member_id)) sum.registered++;
			}
			expected.set(child, sum);
		}
		expect(rates).toHaveLength(expected.size);
		for (const r of rates)
			expect(Object.fromEntries(keys.map((k) => [k, r[k]])), r.name).toEqual(expected.get(r.id));
		const total = (k: (typeof keys)[number]) => rates.reduce((n, r) => n + r[k], 0);
		expect(total('members')).toBe(2712);
		expect(total('registered')).toBe(registered.size);
		for (const k of keys.slice(2)) expect(total(k), k).toBeGreaterThan(0);
	});
});

describe('the running year, seeded beside the coming one in autumn', () => {
	const running = () =>
		db()
			.selectFrom('review_years')
			.select(['id', 'year', 'status', 'report_due_days'])
			.where('year', '=', Number(TODAY.slice(0, 4)))
			.executeTakeFirstOrThrow();

	it('is open, signed and registered by nearly everyone in January', async () => {
		const y = await running();
		expect(y.status).toBe('open');
		const { rows } = await sql<{
			members: number;
			signed: number;
			approved: number;
			early: number;
		}>`
			select (select count(*)::int from members) as members,
				(select count(*)::int from commitments where year_id = ${y.id}) as signed,
				(select count(*)::int from registrations g join registration_reviews r on r.registration_id = g.id
					where g.year_id = ${y.id} and r.decision = 'approved') as approved,
				(select count(*)::int from registrations where year_id = ${y.id}
					and submitted_at >= ${`${y.year}-02-01`}::date) as early`.execute(db());
		expect(rows[0].signed / rows[0].members).toBeGreaterThan(0.9);
		expect(rows[0].approved / rows[0].members).toBeGreaterThan(0.9);
		expect(rows[0].early).toBe(0);
	});

	it('has reports only on approved registrations, for quarters past their due day, late as the database says', async () => {
		const y = await running();
		const { rows } = await sql<{
			reports: number;
			unapproved: number;
			too_early: number;
			late: number;
			misflagged: number;
		}>`
			select count(*)::int as reports,
				count(*) filter (where not exists (select 1 from registration_reviews v
					where v.registration_id = r.registration_id and v.decision = 'approved'))::int as unapproved,
				count(*) filter (where b.due_on >= ${TODAY}::date)::int as too_early,
				count(*) filter (where r.late)::int as late,
				count(*) filter (where r.late <> (vietnam_date(r.submitted_at) > b.due_on))::int as misflagged
			from period_reports r
			cross join lateral report_period_bounds(${y.year}, 'quarterly', r.period, ${y.report_due_days}) b
			where r.year_id = ${y.id}`.execute(db());
		expect(rows[0].reports).toBeGreaterThan(2712 * 2);
		expect(rows[0]).toMatchObject({ unapproved: 0, too_early: 0, misflagged: 0 });
		expect(rows[0].late / rows[0].reports).toBeGreaterThan(0.03);
		expect(rows[0].late / rows[0].reports).toBeLessThan(0.25);
	});

	it('adds up: the bloc’s reported and late per unit are its cells’ members who reported', async () => {
		const y = await running();
		const bloc = await db()
			.selectFrom('org_units')
			.select('id')
			.where('kind', '=', 'bloc')
			.executeTakeFirstOrThrow();
		const blocUnit = await unitRow(db(), bloc.id);
		const rates = await listRegistrationRates(db(), blocUnit, y.id, 2);
		const expected = new Map<number, { reported: number; late: number }>();
		for (const { id: cellId } of await db()
			.selectFrom('org_units')
			.select('id')
			.where('kind', 'in', [...CELL_KINDS])
			.where('dissolved_on', 'is', null)
			.execute()) {
			const cell = await unitRow(db(), cellId);
			const child = Number(cell.path.slice(blocUnit.path.length).split('/')[0]);
			const sum = expected.get(child) ?? { reported: 0, late: 0 };
			for (const r of await listCellRegistrations(db(), cell, y.id, 2)) {
				if (r.report_late !== null) sum.reported++;
				if (r.report_late) sum.late++;
			}
			expected.set(child, sum);
		}
		for (const r of rates)
			expect({ reported: r.reported, late: r.reported_late }, r.name).toEqual(
				expected.get(r.id) ?? { reported: 0, late: 0 }
			);
		expect(rates.reduce((n, r) => n + r.reported, 0)).toBeGreaterThan(2000);
	});

	it('has two meetings in each cell, with the roster’s attendance and comments given there', async () => {
		const y = await running();
		const { rows } = await sql<{
			cells: number;
			meetings: number;
			uncounted: number;
			comments: number;
		}>`
			select (select count(distinct unit_id)::int from cell_meetings where year_id = ${y.id}) as cells,
				(select count(*)::int from cell_meetings where year_id = ${y.id}) as meetings,
				(select count(*)::int from cell_meetings c where c.year_id = ${y.id}
					and (select count(*) from meeting_attendance a where a.meeting_id = c.id)
						<> (select count(*) from memberships ms where ms.unit_id = c.unit_id and ms.ended_on is null)) as uncounted,
				(select count(*)::int from member_comments where meeting_id is not null and year_id = ${y.id}) as comments`.execute(
			db()
		);
		expect(rows[0].cells).toBeGreaterThan(200);
		expect(rows[0].meetings).toBe(rows[0].cells * 2);
		expect(rows[0].uncounted).toBe(0);
		expect(rows[0].comments).toBeGreaterThanOrEqual(rows[0].meetings);
	});

	it('has exemplary proposals under every grassroots committee, one still waiting in each', async () => {
		const y = await running();
		const { rows } = await sql<{ committee: number; proposals: number; waiting: number }>`
			select c.parent_id as committee, count(*)::int as proposals,
				count(*) filter (where d.proposal_id is null)::int as waiting
			from exemplary_proposals p
			join org_units c on c.id = p.unit_id
			left join exemplary_decisions d on d.proposal_id = p.id
			where p.year_id = ${y.id} and c.kind = 'cell'
			group by c.parent_id`.execute(db());
		const { rows: committees } = await sql<{ n: number }>`
			select count(*)::int as n from org_units g where g.kind = 'grassroots_committee'
				and exists (select 1 from org_units c where c.parent_id = g.id and c.kind = 'cell')`.execute(db());
		expect(rows.length).toBeGreaterThanOrEqual(committees[0].n - 1);
		for (const r of rows) expect(r.waiting, `committee ${r.committee}`).toBe(1);
		expect(rows.reduce((n, r) => n + r.proposals - r.waiting, 0)).toBeGreaterThan(10);
	});

	it('has the year-end review under way: a few recorded facts and self-reviews as the app stores them', async () => {
		const y = await running();
		const { rows } = await sql<{
			disciplines: number;
			leaves: number;
			reviews: number;
			members: number;
			unevaluated: number;
			demo: number;
		}>`
			select (select count(*)::int from member_disciplines) as disciplines,
				(select count(*)::int from member_leaves) as leaves,
				(select count(*)::int from self_reviews where year_id = ${y.id}) as reviews,
				(select count(*)::int from memberships where ended_on is null) as members,
				(select count(*)::int from self_reviews where year_id = ${y.id}
					and (evaluation is null or evaluation->>'outcome' is null)) as unevaluated,
				(select count(*)::int from self_reviews s join accounts a on a.member_id = s.member_id
					where a.login = 'dangvien') as demo`.execute(db());
		const r = rows[0];
		expect({ disciplines: r.disciplines, leaves: r.leaves, demo: r.demo }).toEqual({
			disciplines: 3,
			leaves: 9,
			demo: 0
		});
		// The demo's running year is in its self-review window from November.
		expect(r.reviews).toBeGreaterThan(r.members * 0.4);
		expect(r.reviews).toBeLessThan(r.members * 0.6);
		expect(r.unevaluated).toBe(0);
	});

	it('has the cells’ proposals in about half the cells and one organization’s ratings approved within the rules', async () => {
		const y = await running();
		const { rows } = await sql<{
			proposals: number;
			cells: number;
			approvals: number;
			over_ceiling: number;
			demo_org: number;
			undecided: number;
			told: number;
		}>`
			select (select count(*)::int from cell_rating_proposals where year_id = ${y.id}) as proposals,
				(select count(distinct unit_id)::int from cell_rating_proposals where year_id = ${y.id}) as cells,
				(select count(*)::int from rating_approvals where year_id = ${y.id}) as approvals,
				(select count(*)::int from rating_decisions where year_id = ${y.id}
					and array_position(array['excellent','good','fulfilled','not_fulfilled'], level)
						< array_position(array['excellent','good','fulfilled','not_fulfilled'], ceiling)) as over_ceiling,
				(select count(*)::int from rating_decisions d join org_units o on o.id = d.unit_id
					join memberships dm on dm.ended_on is null
					join accounts a on a.member_id = dm.member_id and a.login = 'dangvien'
					join org_units du on du.id = dm.unit_id and du.path like o.path || '%') as demo_org,
				(select count(*)::int from rating_approvals ap join org_units o on o.id = ap.unit_id
					join memberships ms on ms.ended_on is null
					join org_units c on c.id = ms.unit_id and c.path like o.path || '%'
					where not exists (select 1 from rating_decisions d where d.member_id = ms.member_id)
						and coalesce((select s.evaluation->>'outcome' from self_reviews s
							where s.member_id = ms.member_id order by s.version desc limit 1), 'rated') = 'rated'
				) as undecided,
				(select count(*)::int from notifications where kind = 'rating.published') as told`.execute(db());
		const r = rows[0];
		expect(r.proposals).toBeGreaterThan(300);
		expect(r.cells).toBeGreaterThan(60);
		expect({
			approvals: r.approvals,
			over: r.over_ceiling,
			demo: r.demo_org,
			undecided: r.undecided
		}).toEqual({
			approvals: 1,
			over: 0,
			demo: 0,
			undecided: 0
		});
		expect(r.told).toBeGreaterThan(0);
		const [approval] = await db().selectFrom('rating_approvals').select('quota').execute();
		expect(approval.quota).toMatchObject({ ok: true });
	});

	it('leaves the demo member the last quarter past its due day to report, and comments come from reviewers', async () => {
		const y = await running();
		const { rows } = await sql<{ period: number }>`
			select r.period from period_reports r join accounts a on a.member_id = r.member_id
			where a.login = 'dangvien' and r.year_id = ${y.id} order by r.period`.execute(db());
		// On 28/11 the quarters past their due day are I–III: the demo member sent I and II (or
		// one of them, by chance), never III.
		expect(rows.map((r) => r.period)).not.toContain(3);
		const strays = await sql<{ n: number }>`
			select count(*)::int as n from member_comments c
			join registrations g on g.member_id = c.member_id and g.year_id = c.year_id
			join registration_reviews v on v.registration_id = g.id
			where c.year_id = ${y.id} and c.report_id is not null
				and c.author_account_id <> v.reviewer_account_id`.execute(db());
		expect(strays.rows[0].n).toBe(0);
	});
});

describe('outside demo mode', () => {
	const signIn = (login: string) =>
		authenticate(db(), { login, password: DEMO_PASSWORD, ip: '192.0.2.60', requestId: 'r' });

	it('refuses the demo password as a wrong one, and accepts it in demo mode', async () => {
		const before = process.env.SEED_DEMO;
		try {
			delete process.env.SEED_DEMO;
			for (const login of ['quantri', 'bithu'])
				expect(await signIn(login)).toEqual(refuse('invalid'));
			process.env.SEED_DEMO = '1';
			expect(await signIn('bithu')).toMatchObject({ ok: true });
		} finally {
			if (before === undefined) delete process.env.SEED_DEMO;
			else process.env.SEED_DEMO = before;
		}
	});

	it('says so in one warning line at start, without the password or any login', async () => {
		const lines: string[] = [];
		// What reaches the log: level, message and fields, as pino would write them.
		const spies = (['info', 'warn', 'error'] as const).map((level) =>
			vi
				.spyOn(log, level)
				.mockImplementation(
					(msg, fields) => void lines.push(JSON.stringify({ level, msg, ...fields }))
				)
		);
		try {
			await startDemo(db(), false);
		} finally {
			spies.forEach((s) => s.mockRestore());
		}
		expect(lines).toHaveLength(1);
		expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', demoLogins: 6 });
		expect(lines[0]).not.toMatch(/camket-demo|quantri|bithu|dangvien/);
	});

	it('seeds nothing into an empty database', async () => {
		const empty = await createTestDb();
		try {
			await startDemo(empty.db, false);
			expect(await empty.db.selectFrom('org_units').select('id').execute()).toEqual([]);
			expect(await empty.db.selectFrom('accounts').select('id').execute()).toEqual([]);
		} finally {
			await empty.close();
		}
	});
});

describe('demo seed', () => {
	it('builds the first customer’s tree', async () => {
		expect(result).toMatchObject({ units: 286, members: 2712, accounts: 2713 });
		const kinds = await db()
			.selectFrom('org_units')
			.select(['kind', (eb) => eb.fn.countAll<string>().as('n')])
			.groupBy('kind')
			.execute();
		expect(Object.fromEntries(kinds.map((k) => [k.kind, Number(k.n)]))).toEqual({
			bloc: 1,
			grassroots_committee: 34,
			grassroots_cell: 35,
			cell: 216
		});
	});

	it('places 2,712 members with one current membership and status each', async () => {
		const [members, memberships, transfers] = await numbers(sql`
			select count(*) as n from members
			union all select count(*) from memberships where ended_on is null
			union all select count(*) from memberships where end_reason = 'transfer'`);
		expect([members, memberships]).toEqual([2712, 2712]);
		expect(transfers).toBe(15);
		const wrongStatusCount = await numbers(sql`
			select count(*) as n from members m
			where (select count(*) from member_statuses s where s.member_id = m.id and s.ended_on is null) <> 1`);
		expect(wrongStatusCount).toEqual([0]);
		const statuses = await db()
			.selectFrom('member_statuses')
			.select(['status', (eb) => eb.fn.countAll<string>().as('n')])
			.where('ended_on', 'is', null)
			.groupBy('status')
			.execute();
		expect(Object.fromEntries(statuses.map((s) => [s.status, Number(s.n)]))).toEqual({
			official: 2712 - 53,
			probationary: 40,
			exempted: 10,
			suspended: 3
		});
	});

	it('has members of working age on the demo’s today', async () => {
		const { youngest, oldest } = await calendarOn(db(), TODAY);
		expect(youngest).toBeGreaterThanOrEqual(22);
		expect(oldest).toBeLessThanOrEqual(62);
	});

	it('passes the member form’s rules: ages, dates and phone numbers', async () => {
		const rows = await db()
			.selectFrom('members')
			.select([
				'card_no',
				'full_name',
				'birth_date',
				'gender',
				'joined_on',
				'full_member_on',
				'party_position',
				'government_position',
				'mass_org_position',
				'workplace',
				'phone',
				'email'
			])
			.execute();
		const refused = rows.flatMap((r) => {
			const parsed = memberSchema.safeParse(
				Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v ?? '']))
			);
			return parsed.success ? [] : [`${r.card_no}: ${parsed.error.issues[0].message}`];
		});
		expect(refused).toEqual([]);
	});

	it('respects the Statute’s sizes', async () => {
		// Every cell keeps ≥ 3 full, active members even with its probationary/exempted ones.
		const cellMin = await numbers(sql`
			select min((select count(*) from memberships ms
				join member_statuses st on st.member_id = ms.member_id and st.ended_on is null
				where ms.unit_id = u.id and ms.ended_on is null and st.status = 'official')) as n
			from org_units u where u.kind in ('cell', 'grassroots_cell')`);
		expect(cellMin[0]).toBeGreaterThanOrEqual(3);
		const committeeMin = await numbers(sql`
			select min((select count(*) from memberships ms join org_units c on c.id = ms.unit_id
				where ms.ended_on is null and c.path like g.path || '%')) as n
			from org_units g where g.kind = 'grassroots_committee'`);
		expect(committeeMin[0]).toBeGreaterThanOrEqual(30);
		const grassrootsCellMax = await numbers(sql`
			select max((select count(*) from memberships ms where ms.unit_id = u.id and ms.ended_on is null)) as n
			from org_units u where u.kind = 'grassroots_cell'`);
		expect(grassrootsCellMax[0]).toBeLessThan(30);
	});

	it('gives every cell a secretary from among its members', async () => {
		const missing = await numbers(sql`
			select count(*) as n from org_units u
			where u.kind in ('cell', 'grassroots_cell') and not exists (
				select 1 from role_assignments r
				join accounts a on a.id = r.account_id
				join memberships ms on ms.member_id = a.member_id and ms.ended_on is null
				where r.unit_id = u.id and r.role = 'cell_secretary' and r.ended_on is null
					and ms.unit_id = u.id)`);
		expect(missing).toEqual([0]);
	});

	it('writes NFC Vietnamese names and unique card numbers', async () => {
		const members = await db().selectFrom('members').select(['full_name', 'card_no']).execute();
		const units = await db().selectFrom('org_units').select('name').execute();
		for (const name of [...members.map((m) => m.full_name), ...units.map((u) => u.name)]) {
			expect(name).toBe(name.normalize('NFC'));
		}
		// A few names like "Cao Minh Anh" carry no mark; nearly all do, and every unit name does.
		const accented = members.filter((m) => /[^\x20-\x7e]/.test(m.full_name)).length;
		expect(accented / members.length).toBeGreaterThan(0.9);
		expect(units.every((u) => /[^\x20-\x7e]/.test(u.name))).toBe(true);
		expect(members.every((m) => /^[0-9]{8}$/.test(m.card_no))).toBe(true);
		expect(new Set(members.map((m) => m.card_no)).size).toBe(members.length);
	});

	it('creates the six demo logins with their roles', async () => {
		const rows = await db()
			.selectFrom('accounts as a')
			.leftJoin('role_assignments as r', (j) =>
				j.onRef('r.account_id', '=', 'a.id').on('r.ended_on', 'is', null)
			)
			.leftJoin('org_units as u', 'u.id', 'r.unit_id')
			.leftJoin('memberships as ms', (j) =>
				j.onRef('ms.member_id', '=', 'a.member_id').on('ms.ended_on', 'is', null)
			)
			.select([
				'a.login',
				'a.member_id',
				'r.role',
				'u.kind',
				'u.id as unit_id',
				'ms.unit_id as cell_id'
			])
			.where(
				'a.login',
				'in',
				result.logins.map((l) => l.login)
			)
			.execute();
		const roles = (login: string) => rows.filter((r) => r.login === login).map((r) => r.role);
		const row = (login: string) => rows.find((r) => r.login === login);
		expect(roles('dangvien')).toEqual([null]);
		expect(roles('bithu')).toEqual(['cell_secretary']);
		expect(row('bithu')?.unit_id).toBe(row('dangvien')?.cell_id);
		expect(roles('danguy')).toEqual(['grassroots_committee_member']);
		const parent = await db()
			.selectFrom('org_units')
			.select(['parent_id', 'kind'])
			.where('id', '=', row('bithu')?.unit_id ?? 0)
			.executeTakeFirstOrThrow();
		expect(parent.kind).toBe('cell');
		expect(row('danguy')?.unit_id).toBe(parent.parent_id);
		expect(roles('bantochuc')).toEqual(['organization_department']);
		expect(roles('thuongvu')).toEqual(['bloc_standing_committee']);
		expect(row('quantri')).toMatchObject({ role: 'system_admin', member_id: null, unit_id: null });
		const account = await db()
			.selectFrom('accounts')
			.select(['password_hash', 'must_change_password'])
			.where('login', '=', 'bithu')
			.executeTakeFirstOrThrow();
		expect(account.must_change_password).toBe(false);
		expect(await verifyPassword(account.password_hash ?? '', DEMO_PASSWORD)).toBe(true);
		const setting = await db()
			.selectFrom('app_settings')
			.select('value')
			.where('key', '=', 'demo')
			.executeTakeFirstOrThrow();
		expect(setting.value).toEqual({ logins: result.logins });
	});

	it('refuses a database that already has units', async () => {
		await expect(seedDemo(db(), { today: TODAY })).rejects.toThrow(/empty database/);
	});

	// Last: it closes this file's database to seed a second one. A whole seed, as in beforeAll: about
	// 12 s alone, 40 s with other suites on the two cores, so the hook's time and more, not a test's.
	// (The same today gives the same plan: src/lib/server/demo/plan.test.ts.)
	it(
		'seeded a year later: the same bloc, open for signing that day, members of working age',
		{ timeout: 120_000 },
		async () => {
			const first = await digest(db());
			await t?.close();
			t = undefined;
			const later = addYears(TODAY, 1);
			const other = await createTestDb();
			try {
				await seedDemo(other.db, { today: later });
				expect(await digest(other.db)).toBe(first);
				const { year, late, youngest, oldest } = await calendarOn(other.db, later);
				expect(year).toMatchObject({ year: 2028, status: 'open' });
				expect(isPhaseOpen(year, 'commitment', later)).toBe(true);
				expect(late).toBe(0);
				expect(youngest).toBeGreaterThanOrEqual(22);
				expect(oldest).toBeLessThanOrEqual(62);
			} finally {
				await other.close();
			}
		}
	);
});

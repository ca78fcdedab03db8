// The scheduled reminders of periodic reports (reports/reminders.ts): who owes a period's report is
// told a few days before it is due and once more when it is overdue; nobody twice, however often
// the job runs, and nobody who reported, has nothing to report on, or belongs to a closed year.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listNotices } from '$lib/server/notifications/store';
import { runExclusive } from '$lib/server/jobs';
import { sendReportReminders } from '$lib/server/reports/reminders';
import { createTestDb, type TestDb } from './helpers/db';
import { registrationsHome } from '$lib/server/registrations/home';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
/** A past year, still open: its first quarter ends 31/03, due 10/04. */
let year: { id: number; year: number };

const APPROVED = '10000002'; // C1: approved registration, nothing reported
const REPORTED = '10000003'; // C1: approved registration, reported the first quarter
const UNAPPROVED = '10000004'; // C2: submitted, not approved: nothing to report on yet
const TASKED = '10000005'; // C2: no registration, a task from the cell

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id, { year: 2024 });
	const content = JSON.stringify({
		studies: [],
		actions: [
			{
				key: 'abcdefghij',
				title: 'Viết bài thu hoạch',
				area: 'thinking',
				target: { kind: 'yes_no' },
				due: { kind: 'frequency', every: 'quarterly' },
				evidence: ''
			}
		],
		plan: { content: '', measures: '', timeline: '' }
	});
	const registrations = await t.db
		.insertInto('registrations')
		.values(
			[APPROVED, REPORTED, UNAPPROVED].map((card) => ({
				member_id: tree.members[card],
				year_id: year.id,
				unit_id: card === UNAPPROVED ? tree.units.C2.id : tree.units.C1.id,
				version: 1,
				content,
				submitted_by_account_id: tree.accounts.secretary
			}))
		)
		.returning(['id', 'member_id'])
		.execute();
	await t.db
		.insertInto('registration_reviews')
		.values(
			registrations
				.filter((r) => r.member_id !== tree.members[UNAPPROVED])
				.map((r) => ({
					registration_id: r.id,
					decision: 'approved' as const,
					reviewer_account_id: tree.accounts.secretary
				}))
		)
		.execute();
	await t.db
		.insertInto('assigned_tasks')
		.values({
			member_id: tree.members[TASKED],
			year_id: year.id,
			unit_id: tree.units.C2.id,
			task: JSON.stringify({
				title: 'Phụ trách sổ biên bản',
				area: 'duties',
				target: { kind: 'yes_no' },
				due: { kind: 'frequency', every: 'monthly' },
				evidence: ''
			}),
			assigned_by_account_id: tree.accounts.secretary
		})
		.execute();
	await t.db
		.insertInto('period_reports')
		.values({
			member_id: tree.members[REPORTED],
			year_id: year.id,
			unit_id: tree.units.C1.id,
			period: 1,
			version: 1,
			registration_id: registrations.find((r) => r.member_id === tree.members[REPORTED])!.id,
			content: JSON.stringify({ lines: [] }),
			submitted_by_account_id: tree.accounts.secretary,
			submitted_at: new Date('2024-04-02T09:00:00+07:00')
		})
		.execute();
});
afterAll(async () => t?.close());

/** The reminders recorded, as `card:period:kind`, sorted. */
async function reminded(): Promise<string[]> {
	const rows = await t.db
		.selectFrom('report_reminders as r')
		.innerJoin('members as m', 'm.id', 'r.member_id')
		.select(['m.card_no', 'r.period', 'r.kind'])
		.where('r.year_id', '=', year.id)
		.execute();
	return rows.map((r) => `${r.card_no}:${r.period}:${r.kind}`).sort();
}

const notificationCount = async () =>
	(
		await sql<{ n: number }>`select count(*)::int as n from notifications
			where kind like 'report.%'`.execute(t.db)
	).rows[0].n;

describe.sequential('report reminders', () => {
	it('before the due day: whoever owes the period, once', async () => {
		expect(await sendReportReminders(t.db, '2024-04-08')).toEqual({ dueSoon: 2, overdue: 0 });
		expect(await reminded()).toEqual([`${APPROVED}:1:due_soon`, `${TASKED}:1:due_soon`]);
		const notices = await notificationCount();
		expect(await sendReportReminders(t.db, '2024-04-09')).toEqual({ dueSoon: 0, overdue: 0 });
		expect(await notificationCount()).toBe(notices);
	});

	it('after the due day: once more, as overdue', async () => {
		expect(await sendReportReminders(t.db, '2024-04-11')).toEqual({ dueSoon: 0, overdue: 2 });
		expect(await sendReportReminders(t.db, '2024-04-12')).toEqual({ dueSoon: 0, overdue: 0 });
		expect(await reminded()).toEqual([
			`${APPROVED}:1:due_soon`,
			`${APPROVED}:1:overdue`,
			`${TASKED}:1:due_soon`,
			`${TASKED}:1:overdue`
		]);
	});

	it('reaches the member as a notification about the year', async () => {
		const account = await t.db
			.selectFrom('accounts')
			.select('id')
			.where('member_id', '=', tree.members[APPROVED])
			.executeTakeFirstOrThrow();
		const notices = await listNotices(t.db, account.id, { unreadOnly: true, limit: 10 });
		expect(notices.map((n) => [n.kind, n.year])).toEqual([
			['report.overdue', 2024],
			['report.due_soon', 2024]
		]);
	});

	it('run by two processes at once, reminds nobody twice', async () => {
		const runs = await Promise.all([
			runExclusive(t.db, 'report_reminders', (trx) => sendReportReminders(trx, '2024-07-08')),
			runExclusive(t.db, 'report_reminders', (trx) => sendReportReminders(trx, '2024-07-08'))
		]);
		const sent = runs.flatMap((r) => (r.ran ? [r.value.dueSoon] : []));
		expect(sent.reduce((a, b) => a + b, 0)).toBe(3);
		expect((await reminded()).filter((r) => r.includes(':2:'))).toEqual([
			`${APPROVED}:2:due_soon`,
			`${REPORTED}:2:due_soon`,
			`${TASKED}:2:due_soon`
		]);
	});

	it('the home page lists what each member still owes, from the same facts', async () => {
		const owes = async (card: string) => {
			const account = await t.db
				.selectFrom('accounts')
				.select('id')
				.where('member_id', '=', tree.members[card])
				.executeTakeFirstOrThrow();
			const home = await registrationsHome.load(await ctxFor(t.db, account.id));
			return home?.years.find((y) => y.year === 2024)?.reports ?? null;
		};
		// Every quarter of 2024 is past its due day: none is due "now", the unreported are overdue.
		const reports = { kind: 'quarterly', now: null, href: '/registrations/2024/reports' };
		expect(await owes(APPROVED)).toEqual({ ...reports, overdue: [1, 2, 3, 4] });
		expect(await owes(REPORTED)).toEqual({ ...reports, overdue: [2, 3, 4] });
		expect(await owes(TASKED)).toEqual({ ...reports, overdue: [1, 2, 3, 4] });
		expect(await owes(UNAPPROVED)).toBeNull();
	});

	it('stops when the year is closed', async () => {
		await t.db
			.updateTable('review_years')
			.set({ status: 'closed' })
			.where('id', '=', year.id)
			.execute();
		expect(await sendReportReminders(t.db, '2024-10-08')).toEqual({ dueSoon: 0, overdue: 0 });
	});
});

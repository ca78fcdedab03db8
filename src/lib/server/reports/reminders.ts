// Reminders of periodic reports, sent by the scheduled job (hourly, one process at a time): a
// member who owes a period's report is told a few days before it is due, and once more when it is
// overdue. Who owes one: a member of a cell under the year's bloc now, with an approved
// registration or a task for that year, and no report for the period. report_reminders records
// each reminder, so running the job twice reminds nobody twice.
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { schedule } from '../jobs';

/** How many days before a period's due day the first reminder goes. */
export const DUE_SOON_DAYS = 3;

const EVERY_MS = 60 * 60 * 1000;

type Kind = 'due_soon' | 'overdue';

/** Reminds each member owing a report of the periods `kind` picks on `today`; returns how many. */
async function remind(db: Db, kind: Kind, today: string): Promise<number> {
	const periods =
		kind === 'due_soon'
			? sql<boolean>`b.due_on between ${today}::date and ${today}::date + ${DUE_SOON_DAYS}::int`
			: sql<boolean>`b.due_on < ${today}::date`;
	const { rows } = await sql<{ n: number }>`
		with due as (
			select y.id as year_id, yu.path, p.period
			from review_years y
			join org_units yu on yu.id = y.unit_id
			cross join lateral generate_series(1, case when y.reporting_period = 'quarterly' then 4 else 12 end) p(period)
			cross join lateral report_period_bounds(y.year, y.reporting_period, p.period, y.report_due_days) b
			where y.status = 'open' and ${periods}
		), owing as (
			select ms.member_id, d.year_id, d.period
			from due d
			join org_units c on c.path like d.path || '%'
			join memberships ms on ms.unit_id = c.id and ms.ended_on is null
			where (exists (select 1 from registrations g
					join registration_reviews r on r.registration_id = g.id and r.decision = 'approved'
					where g.member_id = ms.member_id and g.year_id = d.year_id)
				or exists (select 1 from assigned_tasks t
					where t.member_id = ms.member_id and t.year_id = d.year_id and t.withdrawn_at is null))
				and not exists (select 1 from period_reports pr
					where pr.member_id = ms.member_id and pr.year_id = d.year_id and pr.period = d.period)
		), fresh as (
			insert into report_reminders (member_id, year_id, period, kind)
			select member_id, year_id, period, ${kind} from owing
			on conflict do nothing
			returning member_id, year_id, period
		), notified as (
			insert into notifications (account_id, kind, payload)
			select a.id, ${`report.${kind}`}, jsonb_build_object('year_id', f.year_id, 'period', f.period)
			from fresh f join accounts a on a.member_id = f.member_id and a.disabled_at is null
			returning 1
		)
		select (select count(*)::int from fresh) as n`.execute(db);
	return rows[0].n;
}

export async function sendReportReminders(
	db: Db,
	today: string
): Promise<{ dueSoon: number; overdue: number }> {
	return {
		dueSoon: await remind(db, 'due_soon', today),
		overdue: await remind(db, 'overdue', today)
	};
}

/** Starts the reminders (now, then hourly); the returned function stops it. */
export function startReportReminders(db: Db, today: () => string): () => void {
	return schedule(db, 'report_reminders', EVERY_MS, (trx) => sendReportReminders(trx, today()));
}

// A review year's reporting periods: months or quarters, each with the day its report is due
// (report_due_days after the period ends). Mirrors report_period_bounds() in migrations/0016,
// which the database uses to refuse early reports and mark late ones.
import type { ReportingPeriod } from './settings';

export interface Period {
	/** 1–4 for quarters, 1–12 for months. */
	number: number;
	startsOn: string;
	endsOn: string;
	dueOn: string;
}

export function periodCount(kind: ReportingPeriod): number {
	return kind === 'quarterly' ? 4 : 12;
}

function iso(y: number, m: number, d: number): string {
	return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function addDays(date: string, days: number): string {
	const t = new Date(`${date}T00:00:00Z`);
	t.setUTCDate(t.getUTCDate() + days);
	return t.toISOString().slice(0, 10);
}

export function periodOf(year: number, kind: ReportingPeriod, n: number, dueDays: number): Period {
	const months = kind === 'quarterly' ? 3 : 1;
	const firstMonth = (n - 1) * months + 1;
	// Day 0 of the month after the period is its last day.
	const last = new Date(Date.UTC(year, firstMonth - 1 + months, 0));
	const endsOn = iso(year, last.getUTCMonth() + 1, last.getUTCDate());
	return { number: n, startsOn: iso(year, firstMonth, 1), endsOn, dueOn: addDays(endsOn, dueDays) };
}

export function periodsOf(year: number, kind: ReportingPeriod, dueDays: number): Period[] {
	return Array.from({ length: periodCount(kind) }, (_, i) => periodOf(year, kind, i + 1, dueDays));
}

/** Whether `n` names a period of such a year. */
export function isPeriod(kind: ReportingPeriod, n: number): boolean {
	return Number.isInteger(n) && n >= 1 && n <= periodCount(kind);
}

/**
 * The period a member reports on today: the one whose report is due soonest and not past, else the
 * last one that has started (a year whose periods all closed still shows its last); null before
 * the year's first period starts.
 */
export function currentPeriod(periods: Period[], today: string): Period | null {
	const started = periods.filter((p) => p.startsOn <= today);
	if (started.length === 0) return null;
	return started.find((p) => p.dueOn >= today) ?? started[started.length - 1];
}

export type PeriodTiming = 'not_started' | 'open' | 'due_passed';

export function periodTiming(p: Period, today: string): PeriodTiming {
	if (today < p.startsOn) return 'not_started';
	return today > p.dueOn ? 'due_passed' : 'open';
}

/** Whether a quarterly self-rating (Mẫu 05) goes with this period's report: each quarter's end. */
export function carriesSelfRating(kind: ReportingPeriod, n: number): boolean {
	return kind === 'quarterly' || n % 3 === 0;
}

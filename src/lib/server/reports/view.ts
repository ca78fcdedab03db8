// What the report pages show of an opened reporting year: the periods with where each stands,
// the year at a glance per line (target, latest status, progress, value period by period) and one
// period's report with its history. Plain data: the same for the member and for the cell.
import {
	progressPercent,
	type LineStatus,
	type PeriodState,
	type Reportable
} from '$lib/domain/report/content';
import {
	carriesSelfRating,
	currentPeriod,
	periodTiming,
	type PeriodTiming
} from '$lib/domain/years/periods';
import type { OpenReports } from './open';
import { latestByPeriod, type ReportVersion } from './read';

export interface PeriodSummary {
	number: number;
	startsOn: string;
	endsOn: string;
	dueOn: string;
	state: PeriodState;
	version: number | null;
	submittedAt: Date | null;
}

function periodState(timing: PeriodTiming, report: ReportVersion | undefined): PeriodState {
	if (report) return report.late ? 'reported_late' : 'reported';
	return timing === 'due_passed' ? 'overdue' : timing;
}

export function periodSummaries(r: OpenReports): PeriodSummary[] {
	const latest = latestByPeriod(r.reports);
	return r.periods.map((p) => {
		const report = latest.get(p.number);
		return {
			number: p.number,
			startsOn: p.startsOn,
			endsOn: p.endsOn,
			dueOn: p.dueOn,
			state: periodState(periodTiming(p, r.today), report),
			version: report?.version ?? null,
			submittedAt: report?.submitted_at ?? null
		};
	});
}

export interface GlanceLine extends Reportable {
	status: LineStatus | null;
	value: number | null;
	progress: number | null;
	/** The value (or status) reported in each period so far, period ascending. */
	trend: { period: number; status: LineStatus; value: number | null }[];
}

/** Per line: what the latest report says and how it went period by period. */
export function glance(r: OpenReports): GlanceLine[] {
	const latest = [...latestByPeriod(r.reports).values()].sort((a, b) => a.period - b.period);
	return r.reportables.map((item) => {
		const trend = latest.flatMap((rep) => {
			const line = rep.content.lines.find((l) => l.key === item.key);
			return line ? [{ period: rep.period, status: line.status, value: line.value }] : [];
		});
		const last = trend.at(-1);
		return {
			...item,
			status: last?.status ?? null,
			value: last?.value ?? null,
			progress: last ? progressPercent(item.target, last) : null,
			trend
		};
	});
}

/** The period the member reports on today, for the year page's main button. */
export function periodNow(r: OpenReports): number | null {
	return currentPeriod(r.periods, r.today)?.number ?? null;
}

/** One period's report page: its versions (newest first) and whether it takes a self-rating. */
export function periodView(r: OpenReports, period: number) {
	const p = r.periods[period - 1];
	const versions = r.reports.filter((x) => x.period === period);
	return {
		period: { ...p, timing: periodTiming(p, r.today) },
		selfRating: carriesSelfRating(r.year.reporting_period, period),
		versions,
		latest: versions[0] ?? null
	};
}

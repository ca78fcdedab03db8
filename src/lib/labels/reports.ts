// The periodic reports' words: periods, where a period stands, line statuses, the self-rating's
// levels and file sizes.
import type { RatingLevel } from '$lib/domain/rating/levels';
import type { LineStatus, PeriodState } from '$lib/domain/report/content';
import type { ReportingPeriod } from '$lib/domain/years/settings';
import { m } from '$lib/paraglide/messages';
import { formatDate } from './format';
import { lookup } from './lookup';

const ROMAN = ['I', 'II', 'III', 'IV'];

/** "Quý II/2027", "Tháng 3/2027". */
export function periodName(kind: ReportingPeriod, n: number, year: number): string {
	return kind === 'quarterly'
		? m.reports_period_quarter({ n: ROMAN[n - 1] ?? String(n), year: String(year) })
		: m.reports_period_month({ n: String(n), year: String(year) });
}

const periodStates: Record<PeriodState, () => string> = {
	not_started: m.reports_state_not_started,
	open: m.reports_state_open,
	reported: m.reports_state_reported,
	reported_late: m.reports_state_reported_late,
	overdue: m.reports_state_overdue
};
export const periodStateLabel = (s: string): string => lookup(periodStates, s);

const statuses: Record<LineStatus, () => string> = {
	not_started: m.reports_status_not_started,
	in_progress: m.reports_status_in_progress,
	done: m.reports_status_done,
	failed: m.reports_status_failed
};
export const lineStatusLabel = (s: string): string => lookup(statuses, s);

const levels: Record<RatingLevel, () => string> = {
	excellent: m.rating_level_excellent,
	good: m.rating_level_good,
	fulfilled: m.rating_level_fulfilled,
	not_fulfilled: m.rating_level_not_fulfilled
};
export const ratingLevelLabel = (l: string): string => lookup(levels, l);

const size = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/** "850 KB", "2,4 MB". */
export function fileSize(bytes: number): string {
	return bytes < 1024 * 1024
		? `${size.format(Math.max(1, Math.round(bytes / 1024)))} KB`
		: `${size.format(bytes / 1024 / 1024)} MB`;
}

/**
 * What a comment is about: the meeting that gave it, else the line it is on, else the report's
 * period; '' when none of them is known.
 */
export function commentSubject(
	c: { action_key: string | null; meeting_on: string | null; report_period: number | null },
	lines: { key: string; title: string }[],
	year: { year: number; kind: ReportingPeriod }
): string {
	if (c.meeting_on) return m.meetings_comment_at({ date: formatDate(c.meeting_on) });
	const line = lines.find((l) => l.key === c.action_key);
	if (line) return m.reports_comment_on_line({ title: line.title });
	return c.report_period === null
		? ''
		: m.reports_comment_on_report({ period: periodName(year.kind, c.report_period, year.year) });
}

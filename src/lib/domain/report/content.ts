// A periodic report's content: per line (an action of the member's approved registration, or a
// task the cell gave them) the status, the value reached toward a number target and a short
// narrative. Evidence files are linked per line in the database (period_report_evidence).
import type { RatingLevel } from '../rating/levels';
import type { Target } from '../registration/content';

export const LINE_STATUSES = ['not_started', 'in_progress', 'done', 'failed'] as const;
export type LineStatus = (typeof LINE_STATUSES)[number];

/** Where a member's period stands: before it, in it, reported (on time or late), or overdue. */
export type PeriodState = 'not_started' | 'open' | 'reported' | 'reported_late' | 'overdue';

export interface ReportLine {
	/** The action's key, or `task-<id>` for a task the cell gave. */
	key: string;
	/** The title when reported, so the report reads the same after the registration changes. */
	title: string;
	status: LineStatus;
	/** Reached so far, for a number target; null for a yes/no target or when not given. */
	value: number | null;
	narrative: string;
}

export interface ReportContent {
	lines: ReportLine[];
}

/** The quarterly self-rating (QĐ 366, Mẫu 05). */
export interface SelfRating {
	level: RatingLevel;
	strengths: string;
	shortcomings: string;
}

export const MAX_NARRATIVE = 1000;
export const MAX_SELF_RATING_TEXT = 2000;

export function taskLineKey(taskId: number): string {
	return `task-${taskId}`;
}

/** What a line reports on: its key, its title and its target. */
export interface Reportable {
	key: string;
	title: string;
	target: Target;
	/** A task the cell gave, rather than an action the member registered. */
	task: boolean;
}

/**
 * How far a line is toward its target, 0–100, or null when that cannot be said: a number target
 * by the value reached, a yes/no target by its status.
 */
export function progressPercent(
	target: Target,
	line: Pick<ReportLine, 'status' | 'value'>
): number | null {
	if (target.kind === 'yes_no')
		return line.status === 'done' ? 100 : line.status === 'failed' ? 0 : null;
	if (line.status === 'done' && line.value === null) return 100;
	if (line.value === null || target.value <= 0) return null;
	return Math.max(0, Math.min(100, Math.round((line.value / target.value) * 100)));
}

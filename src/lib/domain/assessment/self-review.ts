// The member's year-end self-review (bản kiểm điểm, HD 43 Mẫu 2A/2B/2C): points per criterion
// (part B), the annex of task results, strengths, shortcomings and how they will be remedied, and
// the level the member proposes. The annex gives the engine its task counts; the year's reports
// suggest each task's result, and the member decides.
import type { Target } from '../registration/content';
import type { LineStatus } from '../report/content';
import type { TaskCounts } from '../rating/facts';
import type { RatingLevel } from '../rating/levels';

/** A task's result as the annex states it, best first. */
export const TASK_RESULTS = ['beyond', 'on_time', 'late', 'not_completed'] as const;
export type TaskResult = (typeof TASK_RESULTS)[number];

export interface AnnexLine {
	/** The action's key or `task-<id>`, as in the reports. */
	key: string;
	title: string;
	result: TaskResult;
}

export interface SelfReviewContent {
	/** Points (2025) or grades (2023) per criterion code of the form. */
	scores: Record<string, number | string>;
	annex: AnnexLine[];
	strengths: string;
	shortcomings: string;
	remedies: string;
	proposedLevel: RatingLevel;
}

export const MAX_REVIEW_TEXT = 4000;

/** The engine's task counts from the annex: "beyond" is done on time and beyond requirements. */
export function taskCounts(annex: Pick<AnnexLine, 'result'>[]): TaskCounts {
	const n = (r: TaskResult) => annex.filter((a) => a.result === r).length;
	const onTime = n('beyond') + n('on_time');
	const late = n('late');
	return {
		total: annex.length,
		completed: onTime + late,
		onTime,
		late,
		beyondRequirements: n('beyond'),
		notCompleted: n('not_completed')
	};
}

/**
 * What the year's reports suggest for a task: its latest status, and for a number target whether
 * the value passed it; done in a report sent late counts as late.
 */
export function suggestedResult(
	target: Target,
	latest: { status: LineStatus; value: number | null; late: boolean } | undefined
): TaskResult {
	if (!latest || latest.status !== 'done') return 'not_completed';
	if (latest.late) return 'late';
	const beyond = target.kind === 'number' && latest.value !== null && latest.value > target.value;
	return beyond ? 'beyond' : 'on_time';
}

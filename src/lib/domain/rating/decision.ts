// The deciding level's part of a member's rating: what it may decide for a member given the rules'
// evaluation of their self-review, when a written reason must override the rules' ceiling, when
// the window is open, and whether an organization's ratings may be approved (everyone rated is
// decided, the quota holds). Pure code: server/ratings/ reads the rows and writes the outcome.
import type { Evaluation } from './engine';
import { RATING_LEVELS, type RatingLevel } from './levels';
import { checkQuota, type QuotaCheck } from './quota';
import type { QuotaSettings } from './rule-set';

/** 'decided' by the organization before approval; 'rerated' or 'cancelled' by the bloc after. */
export const DECISION_KINDS = ['decided', 'rerated', 'cancelled'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/** Better levels come first in RATING_LEVELS: a lower rank is a better level. */
export function rank(level: RatingLevel): number {
	return RATING_LEVELS.indexOf(level);
}

export function isAbove(level: RatingLevel, ceiling: RatingLevel): boolean {
	return rank(level) < rank(ceiling);
}

/**
 * What the latest self-review's evaluation means for a decision:
 * - `rated`: a level may be decided, within `ceiling` unless a reason overrides it (null: the
 *   rules could not say, the facts being incomplete, or there is no self-review);
 * - `not_rated`: the rules take the member out of the rating (new, exempted, suspended).
 */
export type Standing = { kind: 'rated'; ceiling: RatingLevel | null } | { kind: 'not_rated' };

/** What a standing needs of an evaluation (a board reads no more of it). */
export type EvaluationHead = { outcome: Evaluation['outcome']; maxLevel?: RatingLevel };

export function standingOf(evaluation: EvaluationHead | null): Standing {
	if (!evaluation) return { kind: 'rated', ceiling: null };
	if (evaluation.outcome !== 'rated') return { kind: 'not_rated' };
	return { kind: 'rated', ceiling: evaluation.maxLevel ?? null };
}

/** A decision above the ceiling needs a written reason. */
export function needsReason(standing: Standing, level: RatingLevel): boolean {
	return standing.kind === 'rated' && standing.ceiling !== null && isAbove(level, standing.ceiling);
}

/**
 * The organization decides from the opening of the cells' review until the decision deadline,
 * while the year is open ('YYYY-MM-DD' strings compare as dates).
 */
export type DecisionWindow =
	| { state: 'open' }
	| { state: 'not_yet'; opensOn: string }
	| { state: 'ended'; closedOn: string }
	| { state: 'year_closed' };

export function decisionWindow(
	year: { status: string; cell_review_opens_on: string; decision_deadline: string },
	today: string
): DecisionWindow {
	if (year.status !== 'open') return { state: 'year_closed' };
	if (today < year.cell_review_opens_on)
		return { state: 'not_yet', opensOn: year.cell_review_opens_on };
	if (today > year.decision_deadline) return { state: 'ended', closedOn: year.decision_deadline };
	return { state: 'open' };
}

export interface BoardMember {
	standing: Standing;
	/** The level decided so far; null when none yet. */
	level: RatingLevel | null;
}

/** What an approval weighs: the levels decided, and the members to be rated still without one. */
export interface DecisionTally {
	undecided: number;
	counts: Partial<Record<RatingLevel, number>>;
}

export function tallyOf(members: BoardMember[]): DecisionTally {
	const tally: DecisionTally = { undecided: 0, counts: {} };
	for (const m of members) {
		if (m.standing.kind === 'not_rated') continue;
		if (m.level === null) tally.undecided += 1;
		else tally.counts[m.level] = (tally.counts[m.level] ?? 0) + 1;
	}
	return tally;
}

export interface ApprovalCheck {
	/** Members to be rated with no level decided yet. */
	undecided: number;
	quota: QuotaCheck;
	ok: boolean;
}

/**
 * Whether an organization's ratings may be approved: every member to be rated has a level and
 * the HTXSNV quota holds in its group (the default grouping: the organization's members).
 */
export function checkApproval(
	group: { id: string; name: string; outstanding: boolean },
	tally: DecisionTally,
	settings: QuotaSettings
): ApprovalCheck {
	const quota = checkQuota([{ ...group, counts: tally.counts }], settings);
	return { undecided: tally.undecided, quota, ok: tally.undecided === 0 && quota.ok };
}

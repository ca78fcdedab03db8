// A rule set applied to one member's year: the highest level the rules allow, every reason that
// holds it down, and the cases the rules leave to the deciding level. The engine proposes a
// ceiling; the cell votes and the grassroots committee decides within it (QĐ 366 art. 11).
import { ok, type Result } from '$lib/domain/result';
import { RATING_LEVELS, type RatingLevel } from './levels';
import {
	GRADES,
	PASSING_LEVELS,
	criteriaOf,
	hundredths,
	validateScores,
	type Disqualifier,
	type Grade,
	type GradesLevelRule,
	type PassingLevel,
	type PointsLevelRule,
	type RuleSet,
	type ScoreProblemCode,
	type ScoreSheet,
	type SpecialCases,
	type SpecialHandling,
	type TaskConditions
} from './rule-set';
import {
	addMonths,
	factsProblem,
	type FactsProblemCode,
	type LeadershipFacts,
	type MemberFacts,
	type TaskCounts
} from './facts';

export {
	addMonths,
	DISCIPLINE_FORMS,
	type Discipline,
	type DisciplineForm,
	type FactsProblemCode,
	type LeadershipFacts,
	type MemberFacts,
	type TaskCounts
} from './facts';

export type EvaluationProblemCode = FactsProblemCode | ScoreProblemCode;

export const SPECIAL_REASONS = ['admitted_recently', 'exempted', 'suspended'] as const;
export type SpecialReason = (typeof SPECIAL_REASONS)[number];

/** Conditions of a level that a member may fail without any stated KHTNV case applying. */
const CONDITION_CODES = [
	'criteria_grades',
	'task_grades',
	'tasks_on_time',
	'tasks_completed',
	'tasks_beyond',
	'tasks_late',
	'shortcomings',
	'led_tasks_completed',
	'led_tasks_beyond'
] as const;

export const LIMIT_CODES = [
	'points',
	...CONDITION_CODES,
	'tasks_not_completed',
	'targets_not_met',
	'discipline_duty_related',
	'discipline_in_year',
	'concluded_decline',
	'concluded_prohibited_breach',
	'criterion_poor',
	'led_tasks_below',
	'led_units_not_fulfilled',
	'low_confidence_votes',
	'sick_leave',
	'maternity_leave'
] as const;
export type LimitCode = (typeof LIMIT_CODES)[number];

export const DECISION_CODES = [
	'discipline_self_remedied',
	'discipline_not_duty_related',
	'sick_leave_actual_work',
	'maternity_leave_actual_work',
	'no_tasks',
	'no_level_met'
] as const;
export type DecisionCode = (typeof DECISION_CODES)[number];

export type Detail = Record<string, string | number>;
export interface Limit {
	code: LimitCode;
	/** The highest level this reason alone allows. */
	cappedAt: RatingLevel;
	detail?: Detail;
}
export interface Decision {
	code: DecisionCode;
	detail?: Detail;
}
export interface SpecialCase {
	code: SpecialReason;
	detail?: Detail;
}

export type Evaluation =
	| { outcome: SpecialHandling; reasons: SpecialCase[]; temporaryActivity: boolean }
	| {
			outcome: 'rated';
			/** Out of the scale's maximum; null under a graded rule set. */
			points: number | null;
			sheet: ScoreSheet;
			maxLevel: RatingLevel;
			limits: Limit[];
			decisions: Decision[];
			temporaryActivity: boolean;
	  };

function specialOutcome(rules: SpecialCases, f: MemberFacts): Evaluation | null {
	const cases: [SpecialCase, SpecialHandling][] = [];
	const months = rules.newMember.underMonths;
	if (addMonths(f.admittedOn, months) > f.reviewOn)
		cases.push([{ code: 'admitted_recently', detail: { months } }, rules.newMember.handling]);
	if (f.exempted) cases.push([{ code: 'exempted' }, rules.exempted]);
	if (f.suspended) cases.push([{ code: 'suspended' }, rules.suspended]);
	// Not reviewed at all wins over a review without a rating.
	for (const outcome of ['not_reviewed', 'review_without_rating'] as const) {
		const reasons = cases.filter(([, h]) => h === outcome).map(([c]) => c);
		if (reasons.length > 0) return { outcome, reasons, temporaryActivity: f.temporaryActivity };
	}
	return null;
}

// Shares of counts compared in integers: 3 late of 15 is exactly 20 %, 2001 of 10000 is not.
const atLeast = (part: number, whole: number, percent: number): boolean =>
	whole === 0 || part * 100 >= percent * whole;
const atMost = (part: number, whole: number, percent: number): boolean =>
	whole === 0 || part * 100 <= percent * whole;
const moreThan = (part: number, whole: number, percent: number): boolean =>
	whole > 0 && part * 100 > percent * whole;
/** A fraction as a percent to one decimal, for the words only. */
const asPercent = (share: number): number => Math.round(share * 1000) / 10;

/**
 * The highest level a condition allows. Conditions accumulate upward: a level asks its own and
 * every lower level's, so 30 % late holds a member at KHTNV even though HTXSNV does not state it.
 */
function capBy<R>(
	levels: Record<PassingLevel, R>,
	passes: (rule: R) => boolean
): { cappedAt: RatingLevel; failed?: R } {
	for (let i = PASSING_LEVELS.length - 1; i >= 0; i--) {
		const rule = levels[PASSING_LEVELS[i]];
		if (!passes(rule)) return { cappedAt: RATING_LEVELS[i + 1], failed: rule };
	}
	return { cappedAt: 'excellent' };
}

type Compare = (part: number, whole: number, percent: number) => boolean;

/** Conditions on the member's own task counts: [limit, rule field, count, comparison]. */
const COUNT_CONDITIONS: [LimitCode, keyof TaskConditions, keyof TaskCounts, Compare][] = [
	['tasks_on_time', 'onTimePercent', 'onTime', atLeast],
	['tasks_completed', 'completedPercent', 'completed', atLeast],
	['tasks_beyond', 'beyondPercent', 'beyondRequirements', atLeast],
	['tasks_late', 'maxLatePercent', 'late', atMost]
];

/** Conditions on a leader's units: [limit, rule field, share of their tasks]. */
const LED_CONDITIONS: [LimitCode, keyof TaskConditions, keyof LeadershipFacts][] = [
	['led_tasks_completed', 'ledCompletedPercent', 'tasksCompletedShare'],
	['led_tasks_beyond', 'ledBeyondPercent', 'tasksBeyondRequirementsShare']
];

const leaderOf = (f: MemberFacts): LeadershipFacts | null =>
	f.subjectType === 'leader' ? f.leadership : null;

/** A percent a level asks, or undefined when it does not ask it. */
const percentOf = (r: TaskConditions, key: keyof TaskConditions): number | undefined =>
	typeof r[key] === 'number' ? r[key] : undefined;

function taskLimits(levels: Record<PassingLevel, TaskConditions>, f: MemberFacts): Limit[] {
	const limits: Limit[] = [];
	const push = (
		code: LimitCode,
		passes: (r: TaskConditions) => boolean,
		detail: (r: TaskConditions) => Detail
	) => {
		const { cappedAt, failed } = capBy(levels, passes);
		if (failed) limits.push({ code, cappedAt, detail: detail(failed) });
	};
	const t = f.tasks;
	for (const [code, key, count, compare] of COUNT_CONDITIONS) {
		const asked = (r: TaskConditions) => percentOf(r, key) ?? 0;
		push(
			code,
			(r) => percentOf(r, key) === undefined || compare(t[count], t.total, asked(r)),
			(r) => ({ done: t[count], total: t.total, percent: asked(r) })
		);
	}
	const s = f.shortcomings;
	push(
		'shortcomings',
		(r) => !r.allShortcomingsRemedied || s.remedied === s.total,
		() => ({ done: s.remedied, total: s.total })
	);
	const led = leaderOf(f);
	if (!led) return limits;
	for (const [code, key, share] of LED_CONDITIONS) {
		const asked = (r: TaskConditions) => percentOf(r, key) ?? 0;
		push(
			code,
			(r) => percentOf(r, key) === undefined || led[share] >= asked(r) / 100,
			(r) => ({ share: asPercent(led[share]), percent: asked(r) })
		);
	}
	return limits;
}

function pointsLimits(levels: Record<PassingLevel, PointsLevelRule>, total: number): Limit[] {
	const { cappedAt, failed } = capBy(levels, (r) => hundredths(total) >= hundredths(r.minPoints));
	return failed
		? [{ code: 'points', cappedAt, detail: { points: total, min: failed.minPoints } }]
		: [];
}

const gradesAtLeast = (grades: Grade[], min: Grade | undefined): boolean =>
	min === undefined || grades.every((g) => GRADES.indexOf(g) <= GRADES.indexOf(min));

function gradeLimits(
	levels: Record<PassingLevel, GradesLevelRule>,
	byGroup: Record<'general' | 'tasks', Grade[]>
): Limit[] {
	const limits: Limit[] = [];
	const general = capBy(levels, (r) => gradesAtLeast(byGroup.general, r.minGrade));
	if (general.failed?.minGrade)
		limits.push({
			code: 'criteria_grades',
			cappedAt: general.cappedAt,
			detail: { grade: general.failed.minGrade }
		});
	const tasks = capBy(levels, (r) => gradesAtLeast(byGroup.tasks, r.minTaskGrade));
	if (tasks.failed?.minTaskGrade)
		limits.push({
			code: 'task_grades',
			cappedAt: tasks.cappedAt,
			detail: { grade: tasks.failed.minTaskGrade }
		});
	return limits;
}

function conditionLimits(rs: RuleSet, f: MemberFacts, sheet: ScoreSheet): Limit[] {
	const scored =
		rs.scale === 'points' && sheet.scale === 'points'
			? pointsLimits(rs.levels, sheet.total)
			: rs.scale === 'grades' && sheet.scale === 'grades'
				? gradeLimits(rs.levels, sheet.byGroup)
				: [];
	return [...scored, ...taskLimits(rs.levels, f)];
}

interface Findings {
	limits: Limit[];
	decisions: Decision[];
}

const KHTNV: RatingLevel = 'not_fulfilled';

function disciplineFindings(
	rule: Extract<Disqualifier, { code: 'discipline' }>,
	f: MemberFacts,
	out: Findings
): void {
	for (const d of f.disciplines) {
		const detail = { form: d.form, date: d.date };
		if (rule.dutyRelatedOnly && !d.dutyRelated) {
			// QĐ 366 disqualifies duty-related violations; any other discipline is weighed.
			out.decisions.push({ code: 'discipline_not_duty_related', detail });
		} else if (d.selfFoundAndRemedied) {
			// QĐ 124 excepts it; under QĐ 366 the deciding level weighs it (no automatic cap).
			if (rule.selfRemedied === 'deciding_level')
				out.decisions.push({ code: 'discipline_self_remedied', detail });
		} else {
			const code = rule.dutyRelatedOnly ? 'discipline_duty_related' : 'discipline_in_year';
			out.limits.push({ code, cappedAt: KHTNV, detail });
		}
	}
}

function poorCriteria(rs: RuleSet, f: MemberFacts, sheet: ScoreSheet): Limit[] {
	if (sheet.scale !== 'grades') return [];
	return criteriaOf(rs, f.subjectType)
		.filter((c) => sheet.byCriterion[c.code] === 'poor')
		.map((c): Limit => ({
			code: 'criterion_poor',
			cappedAt: KHTNV,
			detail: c.name === undefined ? { criterion: c.code } : { criterion: c.code, name: c.name }
		}));
}

/** The disqualifier's limit, if it applies (discipline and poor criteria are handled apart). */
function disqualified(d: Disqualifier, f: MemberFacts): Limit | null {
	const t = f.tasks;
	const led = leaderOf(f);
	const limit = (detail?: Detail): Limit => ({
		code: d.code as LimitCode,
		cappedAt: KHTNV,
		...(detail && { detail })
	});
	switch (d.code) {
		case 'tasks_not_completed':
			return d.subjects.includes(f.subjectType) && moreThan(t.notCompleted, t.total, d.maxPercent)
				? limit({ done: t.notCompleted, total: t.total, percent: d.maxPercent })
				: null;
		case 'targets_not_met':
			return d.subjects.includes(f.subjectType) &&
				t.total > 0 &&
				!atLeast(t.completed, t.total, d.minPercent)
				? limit({ done: t.completed, total: t.total, percent: d.minPercent })
				: null;
		case 'concluded_decline':
			return f.concludedDecline ? limit() : null;
		case 'concluded_prohibited_breach':
			return f.concludedProhibitedBreach ? limit() : null;
		case 'led_tasks_below':
			return led && led.tasksCompletedShare < d.minPercent / 100
				? limit({ share: asPercent(led.tasksCompletedShare), percent: d.minPercent })
				: null;
		case 'led_units_not_fulfilled':
			return led && moreThan(led.unitsLedNotFulfilled, led.unitsLed, d.maxPercent)
				? limit({ done: led.unitsLedNotFulfilled, total: led.unitsLed, percent: d.maxPercent })
				: null;
		case 'low_confidence_votes':
			return led && led.lowConfidenceVoteShare > d.maxPercent / 100
				? limit({ share: asPercent(led.lowConfidenceVoteShare), percent: d.maxPercent })
				: null;
		default:
			return null;
	}
}

function leaveFindings(s: SpecialCases, f: MemberFacts, out: Findings): void {
	if (f.sickLeaveMonths >= s.sickLeave.fromMonths) {
		const detail = { months: f.sickLeaveMonths, min: s.sickLeave.fromMonths };
		const cap = s.sickLeave.capAt;
		if (cap) out.limits.push({ code: 'sick_leave', cappedAt: cap, detail });
		else out.decisions.push({ code: 'sick_leave_actual_work', detail });
	}
	if (f.maternityLeave) {
		const cap = s.maternityLeave.capAt;
		if (cap) out.limits.push({ code: 'maternity_leave', cappedAt: cap });
		else out.decisions.push({ code: 'maternity_leave_actual_work' });
	}
}

const worst = (levels: RatingLevel[]): RatingLevel =>
	RATING_LEVELS[Math.max(0, ...levels.map((l) => RATING_LEVELS.indexOf(l)))];

const BY_ELIMINATION = new Set<LimitCode>(CONDITION_CODES);

function rate(rs: RuleSet, f: MemberFacts, sheet: ScoreSheet): Evaluation {
	const out: Findings = { limits: conditionLimits(rs, f, sheet), decisions: [] };
	for (const d of rs.disqualifiers) {
		if (d.code === 'discipline') disciplineFindings(d, f, out);
		else if (d.code === 'criterion_poor') out.limits.push(...poorCriteria(rs, f, sheet));
		else {
			const limit = disqualified(d, f);
			if (limit) out.limits.push(limit);
		}
	}
	leaveFindings(rs.special, f, out);
	if (f.tasks.total === 0) out.decisions.push({ code: 'no_tasks' });
	const maxLevel = worst(out.limits.map((l) => l.cappedAt));
	// KHTNV is stated as < 50 points or a disqualifying case; a member who reaches it only by
	// failing some HTNV condition falls in a gap of the rules, which the deciding level closes.
	const stated = out.limits.some((l) => l.cappedAt === KHTNV && !BY_ELIMINATION.has(l.code));
	if (maxLevel === KHTNV && !stated) out.decisions.push({ code: 'no_level_met' });
	return {
		outcome: 'rated',
		points: sheet.scale === 'points' ? sheet.total : null,
		sheet,
		maxLevel,
		...out,
		temporaryActivity: f.temporaryActivity
	};
}

/**
 * One member's year under a rule set: not reviewed, reviewed without a rating, or rated with the
 * highest level allowed. Refused when the facts do not add up or the scores do not fit the form.
 */
export function evaluateMember(
	ruleSet: RuleSet,
	facts: MemberFacts,
	scores: Readonly<Record<string, unknown>> | null
): Result<Evaluation, EvaluationProblemCode> {
	const invalid = factsProblem(facts);
	if (invalid) return invalid;
	const special = specialOutcome(ruleSet.special, facts);
	if (special) return ok(special);
	const sheet = validateScores(ruleSet, facts.subjectType, scores ?? {});
	return sheet.ok ? ok(rate(ruleSet, facts, sheet.value)) : sheet;
}

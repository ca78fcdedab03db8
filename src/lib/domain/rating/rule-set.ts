// The rating rules a review year pins. Plain JSON (stored as jsonb with the year), so that a year
// keeps the rules it was rated under when the upper committee edits next year's. QĐ 366-QĐ/TW
// (2025) with HD 43-HD/BTCTW scores members out of 100 points; QĐ 124-QĐ/TW (2023) with HD 25
// graded each criterion Xuất sắc/Tốt/Trung bình/Kém. engine.ts applies them; quota.ts counts.
import { ok, refuse, type Result } from '$lib/domain/result';
import type { RuleSet as RuleSetId } from '$lib/domain/years/settings';
import type { RatingLevel } from './levels';

export type { RuleSetId };

/** Who is rated, one self-review form each (Mẫu 2A/2B/2C of HD 43; two types share 2B). */
export const SUBJECT_TYPES = [
	'leader',
	'non_leader',
	'no_post',
	'outside_political_system'
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/** The two groups of the 100-point scale: general criteria (30) and results of tasks (70). */
export const CRITERIA_GROUPS = ['general', 'tasks'] as const;
export type CriteriaGroup = (typeof CRITERIA_GROUPS)[number];

/** QĐ 124's grades for a criterion, best first: Xuất sắc, Tốt, Trung bình, Kém. */
export const GRADES = ['excellent', 'good', 'average', 'poor'] as const;
export type Grade = (typeof GRADES)[number];

/** The levels that have conditions; 'not_fulfilled' is what remains. */
export const PASSING_LEVELS = ['excellent', 'good', 'fulfilled'] as const;
export type PassingLevel = (typeof PASSING_LEVELS)[number];

/** The criteria the seeded rule sets name; a committee's own criterion carries its `name`. */
export const CRITERION_CODES = [
	'political_quality',
	'ethics_lifestyle',
	'setting_example',
	'innovation',
	'self_criticism',
	'political_thought',
	'discipline_awareness',
	'work_style',
	'assigned_tasks',
	'led_unit_results',
	'leadership_capacity',
	'party_tasks',
	'civic_duties',
	'commitment_kept'
] as const;
export type CriterionCode = (typeof CRITERION_CODES)[number];

export interface PointsCriterion {
	code: string;
	max: number;
	/** Only for a criterion the committee added; known codes are worded by labels/rating.ts. */
	name?: string;
}
export interface PointsGroup {
	code: CriteriaGroup;
	max: number;
	criteria: PointsCriterion[];
}
export interface PointsForm {
	formCode: string;
	groups: PointsGroup[];
}

export interface GradedCriterion {
	code: string;
	group: CriteriaGroup;
	name?: string;
}
export interface GradesForm {
	formCode: string;
	criteria: GradedCriterion[];
}

/**
 * Conditions on the year's task counts, in percent of the tasks (or of the led units' tasks for
 * leaders). Absent means the level does not ask it. Compared in integers, so 20 % of 15 is 3.
 */
export interface TaskConditions {
	onTimePercent?: number;
	completedPercent?: number;
	beyondPercent?: number;
	maxLatePercent?: number;
	allShortcomingsRemedied?: boolean;
	ledCompletedPercent?: number;
	ledBeyondPercent?: number;
}
export interface PointsLevelRule extends TaskConditions {
	minPoints: number;
}
export interface GradesLevelRule extends TaskConditions {
	/** The least grade of every general criterion. */
	minGrade?: Grade;
	/** The least grade of every task criterion. */
	minTaskGrade?: Grade;
}

/** Cases that put a member at KHTNV whatever the points (or that the deciding level weighs). */
export type Disqualifier =
	| { code: 'tasks_not_completed'; maxPercent: number; subjects: SubjectType[] }
	| { code: 'targets_not_met'; minPercent: number; subjects: SubjectType[] }
	| { code: 'discipline'; dutyRelatedOnly: boolean; selfRemedied: 'exempt' | 'deciding_level' }
	| { code: 'concluded_decline' }
	| { code: 'concluded_prohibited_breach' }
	| { code: 'criterion_poor' }
	| { code: 'led_tasks_below'; minPercent: number }
	| { code: 'led_units_not_fulfilled'; maxPercent: number }
	| { code: 'low_confidence_votes'; maxPercent: number };

export type SpecialHandling = 'not_reviewed' | 'review_without_rating';

export interface SpecialCases {
	newMember: { underMonths: number; handling: SpecialHandling };
	exempted: SpecialHandling;
	suspended: SpecialHandling;
	/** capAt null: rated on the year's actual work, the deciding level is told so. */
	sickLeave: { fromMonths: number; capAt: RatingLevel | null };
	maternityLeave: { capAt: RatingLevel | null };
}

export const QUOTA_ROUNDINGS = ['down', 'nearest', 'up'] as const;
export type QuotaRounding = (typeof QUOTA_ROUNDINGS)[number];
export const QUOTA_GROUPINGS = ['grassroots', 'cell', 'custom'] as const;
export type QuotaGrouping = (typeof QUOTA_GROUPINGS)[number];

/** HTXSNV may not exceed `ratio` × the number rated `baseLevel` in a group (quota.ts). */
export interface QuotaSettings {
	ratio: number;
	/** For outstanding organizations (QĐ 366: up to 25 %). Equal to ratio when there is none. */
	exceptionRatio: number;
	baseLevel: RatingLevel;
	rounding: QuotaRounding;
	grouping: QuotaGrouping;
}

interface RuleSetCommon {
	id: RuleSetId;
	/** The documents as cited, kept for the archive; the UI words them through labels. */
	name: string;
	basis: string[];
	disqualifiers: Disqualifier[];
	special: SpecialCases;
	quota: QuotaSettings;
}
export interface PointsRuleSet extends RuleSetCommon {
	scale: 'points';
	maxPoints: number;
	forms: Record<SubjectType, PointsForm>;
	levels: Record<PassingLevel, PointsLevelRule>;
}
export interface GradesRuleSet extends RuleSetCommon {
	scale: 'grades';
	forms: Record<SubjectType, GradesForm>;
	levels: Record<PassingLevel, GradesLevelRule>;
}
export type RuleSet = PointsRuleSet | GradesRuleSet;

/** Validated scores: points summed per group, or a grade per criterion. */
export type ScoreSheet =
	| {
			scale: 'points';
			byCriterion: Record<string, number>;
			byGroup: Record<CriteriaGroup, number>;
			total: number;
	  }
	| {
			scale: 'grades';
			byCriterion: Record<string, Grade>;
			byGroup: Record<CriteriaGroup, Grade[]>;
	  };

export type ScoreProblemCode =
	| 'score_missing'
	| 'score_not_number'
	| 'score_negative'
	| 'score_above_max'
	| 'score_too_precise'
	| 'score_unknown'
	| 'grade_invalid';

/** Points are kept to hundredths and summed as integers, so 69.99 + 0.01 is exactly 70. */
export const hundredths = (n: number): number => Math.round(n * 100);
const isHundredths = (n: number): boolean => Math.abs(n * 100 - hundredths(n)) < 1e-6;

/** Every criterion of a subject type's form, in form order. */
export const criteriaOf = (
	ruleSet: RuleSet,
	subject: SubjectType
): { code: string; name?: string }[] =>
	ruleSet.scale === 'points'
		? ruleSet.forms[subject].groups.flatMap((g) => g.criteria)
		: ruleSet.forms[subject].criteria;

const field = (code: string): string => `scores.${code}`;

function unknownKey(ruleSet: RuleSet, subject: SubjectType, scores: object): string | undefined {
	const known = new Set(criteriaOf(ruleSet, subject).map((c) => c.code));
	return Object.keys(scores).find((k) => !known.has(k));
}

function pointsProblem(
	value: unknown,
	max: number
): { code: ScoreProblemCode; detail?: Record<string, number> } | null {
	if (value === undefined || value === null || value === '') return { code: 'score_missing' };
	if (typeof value !== 'number' || !Number.isFinite(value)) return { code: 'score_not_number' };
	if (value < 0) return { code: 'score_negative' };
	if (value > max) return { code: 'score_above_max', detail: { max } };
	if (!isHundredths(value)) return { code: 'score_too_precise' };
	return null;
}

function validatePoints(
	form: PointsForm,
	scores: Readonly<Record<string, unknown>>
): Result<ScoreSheet, ScoreProblemCode> {
	const byCriterion: Record<string, number> = {};
	const byGroup = Object.fromEntries(CRITERIA_GROUPS.map((g) => [g, 0])) as Record<
		CriteriaGroup,
		number
	>;
	let total = 0;
	for (const group of form.groups) {
		let sum = 0;
		for (const c of group.criteria) {
			const value = scores[c.code];
			const problem = pointsProblem(value, c.max);
			if (problem) {
				const { code, ...rest } = problem;
				return refuse(code, { ...rest, field: field(c.code) });
			}
			byCriterion[c.code] = value as number;
			sum += hundredths(value as number);
		}
		byGroup[group.code] = sum / 100;
		total += sum;
	}
	return ok({ scale: 'points', byCriterion, byGroup, total: total / 100 });
}

function validateGrades(
	form: GradesForm,
	scores: Readonly<Record<string, unknown>>
): Result<ScoreSheet, ScoreProblemCode> {
	const byCriterion: Record<string, Grade> = {};
	const byGroup: Record<CriteriaGroup, Grade[]> = { general: [], tasks: [] };
	for (const c of form.criteria) {
		const value = scores[c.code];
		if (value === undefined || value === null || value === '')
			return refuse('score_missing', { field: field(c.code) });
		if (!(GRADES as readonly unknown[]).includes(value))
			return refuse('grade_invalid', { field: field(c.code) });
		byCriterion[c.code] = value as Grade;
		byGroup[c.group].push(value as Grade);
	}
	return ok({ scale: 'grades', byCriterion, byGroup });
}

/**
 * The member's scores on their subject type's form, as typed (numbers, or grade codes under QĐ
 * 124): every criterion present, finite, between 0 and its maximum, to hundredths; nothing else.
 */
export function validateScores(
	ruleSet: RuleSet,
	subject: SubjectType,
	scores: Readonly<Record<string, unknown>>
): Result<ScoreSheet, ScoreProblemCode> {
	const extra = unknownKey(ruleSet, subject, scores);
	if (extra !== undefined) return refuse('score_unknown', { field: field(extra) });
	return ruleSet.scale === 'points'
		? validatePoints(ruleSet.forms[subject], scores)
		: validateGrades(ruleSet.forms[subject], scores);
}

export type RuleSetProblemCode =
	| 'form_empty'
	| 'criterion_duplicate'
	| 'criterion_max'
	| 'criteria_sum'
	| 'groups_sum'
	| 'levels_order'
	| 'quota_ratio';

type RuleSetCheck = Result<undefined, RuleSetProblemCode>;
const fine: RuleSetCheck = ok();

function checkCodes(codes: string[], at: string): RuleSetCheck {
	if (codes.length === 0) return refuse('form_empty', { field: at });
	const dup = codes.find((c, i) => codes.indexOf(c) !== i);
	return dup === undefined ? fine : refuse('criterion_duplicate', { field: `${at}.${dup}` });
}

function checkPointsForm(form: PointsForm, maxPoints: number, at: string): RuleSetCheck {
	const codes = checkCodes(
		form.groups.flatMap((g) => g.criteria.map((c) => c.code)),
		at
	);
	if (!codes.ok) return codes;
	for (const g of form.groups) {
		const bad = g.criteria.find((c) => !(Number.isFinite(c.max) && c.max > 0));
		if (bad) return refuse('criterion_max', { field: `${at}.${bad.code}` });
		const sum = g.criteria.reduce((s, c) => s + hundredths(c.max), 0);
		if (sum !== hundredths(g.max))
			return refuse('criteria_sum', { field: `${at}.${g.code}`, detail: { max: g.max } });
	}
	const total = form.groups.reduce((s, g) => s + hundredths(g.max), 0);
	return total === hundredths(maxPoints)
		? fine
		: refuse('groups_sum', { field: at, detail: { max: maxPoints } });
}

function checkQuota(q: QuotaSettings): RuleSetCheck {
	const inRange = (r: number) => Number.isFinite(r) && r >= 0 && r <= 1;
	return inRange(q.ratio) && inRange(q.exceptionRatio) && q.exceptionRatio >= q.ratio
		? fine
		: refuse('quota_ratio', { field: 'quota' });
}

/**
 * A rule set as a committee edited it: each form's criteria unique and adding up to their group's
 * maximum and the groups to the scale, stricter levels asking more points, quota ratios in 0–1.
 */
export function validateRuleSet(ruleSet: RuleSet): Result<RuleSet, RuleSetProblemCode> {
	for (const subject of SUBJECT_TYPES) {
		const at = `forms.${subject}`;
		const check =
			ruleSet.scale === 'points'
				? checkPointsForm(ruleSet.forms[subject], ruleSet.maxPoints, at)
				: checkCodes(
						ruleSet.forms[subject].criteria.map((c) => c.code),
						at
					);
		if (!check.ok) return check;
	}
	if (ruleSet.scale === 'points') {
		const [a, b, c] = PASSING_LEVELS.map((l) => ruleSet.levels[l].minPoints);
		if (!(a > b && b > c && c > 0 && a <= ruleSet.maxPoints))
			return refuse('levels_order', { field: 'levels' });
	}
	const quota = checkQuota(ruleSet.quota);
	return quota.ok ? ok(ruleSet) : quota;
}

// The year-end rating's words: who is rated on which form, the criteria and grades, why a member
// is not reviewed, every reason that limits a level and every case left to the deciding level.
// Level names are the reports' (ratingLevelLabel); rule set names are the years' (ruleSetLabel).
import type {
	DecisionCode,
	Detail,
	DisciplineForm,
	EvaluationProblemCode,
	LimitCode,
	SpecialReason
} from '$lib/domain/rating/engine';
import type {
	CriteriaGroup,
	CriterionCode,
	Grade,
	RuleSetId,
	RuleSetProblemCode,
	SubjectType
} from '$lib/domain/rating/rule-set';
import type { TaskResult } from '$lib/domain/assessment/self-review';
import type { Problem } from '$lib/domain/result';
import { m } from '$lib/paraglide/messages';
import { formatDate, formatNumber } from './format';
import { lookup } from './lookup';

import { ratingLevelLabel } from './reports';

export { ratingLevelLabel };
export { ruleSetLabel } from './years';

const subjects: Record<SubjectType, () => string> = {
	leader: m.assessments_subject_leader,
	non_leader: m.assessments_subject_non_leader,
	no_post: m.assessments_subject_no_post,
	outside_political_system: m.assessments_subject_outside_political_system
};
export const subjectTypeLabel = (s: string): string => lookup(subjects, s);

/** "Mẫu 2A-HD KĐ.ĐG 2025". */
export const formCodeLabel = (code: string): string => m.assessments_form_code({ code });

const bases: Record<RuleSetId, () => string> = {
	'qd366-2025': m.assessments_rule_basis_qd366,
	'qd124-2023': m.assessments_rule_basis_qd124
};
/** The documents a rule set follows, written out as a document's "Căn cứ" line cites them. */
export const ruleSetBasisLabel = (id: string): string => lookup(bases, id);

const groups: Record<CriteriaGroup, () => string> = {
	general: m.assessments_group_general,
	tasks: m.assessments_group_tasks
};
export const criteriaGroupLabel = (g: string): string => lookup(groups, g);

/** "27,5/30 điểm", as part B of the 2025 self-review writes each group. */
export const pointsOfLabel = (points: number, max: number): string =>
	m.assessments_points_of({ points: formatNumber(points), max: formatNumber(max) });

const grades: Record<Grade, () => string> = {
	excellent: m.assessments_grade_excellent,
	good: m.assessments_grade_good,
	average: m.assessments_grade_average,
	poor: m.assessments_grade_poor
};
export const gradeLabel = (g: string): string => lookup(grades, g);

const criteria: Record<CriterionCode, () => string> = {
	political_quality: m.assessments_criterion_political_quality,
	ethics_lifestyle: m.assessments_criterion_ethics_lifestyle,
	setting_example: m.assessments_criterion_setting_example,
	innovation: m.assessments_criterion_innovation,
	self_criticism: m.assessments_criterion_self_criticism,
	political_thought: m.assessments_criterion_political_thought,
	discipline_awareness: m.assessments_criterion_discipline_awareness,
	work_style: m.assessments_criterion_work_style,
	assigned_tasks: m.assessments_criterion_assigned_tasks,
	led_unit_results: m.assessments_criterion_led_unit_results,
	leadership_capacity: m.assessments_criterion_leadership_capacity,
	party_tasks: m.assessments_criterion_party_tasks,
	civic_duties: m.assessments_criterion_civic_duties,
	commitment_kept: m.assessments_criterion_commitment_kept
};
/** A committee's own criterion is shown by the name it was given. */
export const criterionLabel = (c: { code: string; name?: string }): string =>
	c.name ?? lookup(criteria, c.code);

const disciplines: Record<DisciplineForm, () => string> = {
	reprimand: m.assessments_discipline_reprimand,
	warning: m.assessments_discipline_warning,
	dismissal: m.assessments_discipline_dismissal,
	expulsion: m.assessments_discipline_expulsion
};
export const disciplineFormLabel = (f: string): string => lookup(disciplines, f);

const outcomes: Record<'not_reviewed' | 'review_without_rating' | 'rated', () => string> = {
	not_reviewed: m.assessments_outcome_not_reviewed,
	review_without_rating: m.assessments_outcome_review_without_rating,
	rated: m.assessments_outcome_rated
};
export const outcomeLabel = (o: string): string => lookup(outcomes, o);

export const temporaryActivityLabel = (): string => m.assessments_temporary_activity();

/** "Mức cao nhất theo quy định: Hoàn thành tốt nhiệm vụ". */
export const maxLevelLabel = (level: string): string =>
	m.assessments_max_level({ level: ratingLevelLabel(level) });

type Words = (d: Detail) => string;

/** Like lookup, for words that take the reason's detail; an unknown code is shown as stored. */
const wordsFor =
	<K extends string>(map: Record<K, Words>) =>
	(r: { code: string; detail?: Detail }): string =>
		Object.hasOwn(map, r.code) ? map[r.code as K](r.detail ?? {}) : r.code;

const num = (d: Detail, key: string): string => formatNumber(Number(d[key] ?? 0));
const text = (d: Detail, key: string): string => String(d[key] ?? '');
const counts = (d: Detail) => ({
	done: num(d, 'done'),
	total: num(d, 'total'),
	percent: num(d, 'percent')
});
const share = (d: Detail) => ({ share: num(d, 'share'), percent: num(d, 'percent') });
const discipline = (d: Detail) => ({
	form: disciplineFormLabel(text(d, 'form')),
	date: formatDate(text(d, 'date'))
});

const reasons: Record<SpecialReason, Words> = {
	admitted_recently: (d) => m.assessments_reason_admitted_recently({ months: num(d, 'months') }),
	exempted: () => m.assessments_reason_exempted(),
	suspended: () => m.assessments_reason_suspended()
};
/** Why a member is not reviewed (or reviewed without a rating). */
export const specialReasonLabel = wordsFor(reasons);

const limits: Record<LimitCode, Words> = {
	points: (d) => m.assessments_limit_points({ points: num(d, 'points'), min: num(d, 'min') }),
	criteria_grades: (d) =>
		m.assessments_limit_criteria_grades({ grade: gradeLabel(text(d, 'grade')) }),
	task_grades: (d) => m.assessments_limit_task_grades({ grade: gradeLabel(text(d, 'grade')) }),
	tasks_on_time: (d) => m.assessments_limit_tasks_on_time(counts(d)),
	tasks_completed: (d) => m.assessments_limit_tasks_completed(counts(d)),
	tasks_beyond: (d) => m.assessments_limit_tasks_beyond(counts(d)),
	tasks_late: (d) => m.assessments_limit_tasks_late(counts(d)),
	shortcomings: (d) => m.assessments_limit_shortcomings(counts(d)),
	led_tasks_completed: (d) => m.assessments_limit_led_tasks_completed(share(d)),
	led_tasks_beyond: (d) => m.assessments_limit_led_tasks_beyond(share(d)),
	tasks_not_completed: (d) => m.assessments_limit_tasks_not_completed(counts(d)),
	targets_not_met: (d) => m.assessments_limit_targets_not_met(counts(d)),
	discipline_duty_related: (d) => m.assessments_limit_discipline_duty_related(discipline(d)),
	discipline_in_year: (d) => m.assessments_limit_discipline_in_year(discipline(d)),
	concluded_decline: () => m.assessments_limit_concluded_decline(),
	concluded_prohibited_breach: () => m.assessments_limit_concluded_prohibited_breach(),
	criterion_poor: (d) =>
		m.assessments_limit_criterion_poor({
			criterion: criterionLabel({
				code: text(d, 'criterion'),
				name: typeof d.name === 'string' ? d.name : undefined
			})
		}),
	led_tasks_below: (d) => m.assessments_limit_led_tasks_below(share(d)),
	led_units_not_fulfilled: (d) => m.assessments_limit_led_units_not_fulfilled(counts(d)),
	low_confidence_votes: (d) => m.assessments_limit_low_confidence_votes(share(d)),
	sick_leave: (d) =>
		m.assessments_limit_sick_leave({ months: num(d, 'months'), min: num(d, 'min') }),
	maternity_leave: () => m.assessments_limit_maternity_leave()
};
/** A reason that limits the level, e.g. "tổng điểm 89,5, dưới 90 điểm". */
export const limitLabel = wordsFor(limits);

const decisions: Record<DecisionCode, Words> = {
	discipline_self_remedied: (d) => m.assessments_decision_discipline_self_remedied(discipline(d)),
	discipline_not_duty_related: (d) =>
		m.assessments_decision_discipline_not_duty_related(discipline(d)),
	sick_leave_actual_work: (d) =>
		m.assessments_decision_sick_leave_actual_work({ months: num(d, 'months') }),
	maternity_leave_actual_work: () => m.assessments_decision_maternity_leave_actual_work(),
	no_tasks: () => m.assessments_decision_no_tasks(),
	no_level_met: () => m.assessments_decision_no_level_met()
};
/** A case the rules leave to the deciding level. */
export const decisionLabel = wordsFor(decisions);

const problems: Record<EvaluationProblemCode | RuleSetProblemCode, Words> = {
	score_missing: () => m.assessments_err_score_missing(),
	score_not_number: () => m.assessments_err_score_not_number(),
	score_negative: () => m.assessments_err_score_negative(),
	score_above_max: (d) => m.assessments_err_score_above_max({ max: num(d, 'max') }),
	score_too_precise: () => m.assessments_err_score_too_precise(),
	score_unknown: () => m.assessments_err_score_unknown(),
	grade_invalid: () => m.assessments_err_grade_invalid(),
	subject_type_invalid: () => m.assessments_err_subject_type_invalid(),
	date_invalid: () => m.assessments_err_date_invalid(),
	count_invalid: () => m.assessments_err_count_invalid(),
	tasks_inconsistent: () => m.assessments_err_tasks_inconsistent(),
	shortcomings_inconsistent: () => m.assessments_err_shortcomings_inconsistent(),
	units_inconsistent: () => m.assessments_err_units_inconsistent(),
	share_invalid: () => m.assessments_err_share_invalid(),
	months_invalid: () => m.assessments_err_months_invalid(),
	leadership_missing: () => m.assessments_err_leadership_missing(),
	discipline_invalid: () => m.assessments_err_discipline_invalid(),
	form_empty: () => m.assessments_err_form_empty(),
	criterion_duplicate: () => m.assessments_err_criterion_duplicate(),
	criterion_max: () => m.assessments_err_criterion_max(),
	criteria_sum: (d) => m.assessments_err_criteria_sum({ max: num(d, 'max') }),
	groups_sum: (d) => m.assessments_err_groups_sum({ max: num(d, 'max') }),
	levels_order: () => m.assessments_err_levels_order(),
	quota_ratio: () => m.assessments_err_quota_ratio()
};
/** Words for a refused score sheet, member facts or edited rule set. */
export const ratingProblemLabel = (p: Problem): string =>
	wordsFor(problems)({ code: p.code, detail: p.detail });

const taskResults: Record<TaskResult, () => string> = {
	beyond: m.assessments_review_result_beyond,
	on_time: m.assessments_review_result_on_time,
	late: m.assessments_review_result_late,
	not_completed: m.assessments_review_result_not_completed
};
/** A task's result in the self-review's annex. */
export const taskResultLabel = (r: string): string => lookup(taskResults, r);

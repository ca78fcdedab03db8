// The two rule sets a new review year can start from. A year copies one into its own row and the
// upper committee edits the copy; these constants stay as the documents state them. Frozen: they
// are module-level singletons on the server, and an edit to one would leak into every year.
import { SUBJECT_TYPES } from './rule-set';
import type {
	CriteriaGroup,
	CriterionCode,
	GradedCriterion,
	GradesRuleSet,
	PointsCriterion,
	PointsGroup,
	PointsRuleSet,
	RuleSet,
	RuleSetId
} from './rule-set';

const pts = (code: CriterionCode, max: number): PointsCriterion => ({ code, max });
const graded = (group: CriteriaGroup, ...codes: CriterionCode[]): GradedCriterion[] =>
	codes.map((code) => ({ code, group }));

function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const v of Object.values(value)) deepFreeze(v);
		Object.freeze(value);
	}
	return value;
}

// QĐ 366 fixes only the groups (30 + 70); the splits inside them are set by the upper committees
// each year. These are DEFAULTS to be edited, chosen to follow the order of the self-review form.
// Built afresh for each form: shared objects would survive a structuredClone, and editing one
// form's split would then edit another's.
const general2025 = (): PointsGroup => ({
	code: 'general',
	max: 30,
	criteria: [
		pts('political_quality', 8),
		pts('ethics_lifestyle', 8),
		pts('setting_example', 5),
		pts('innovation', 5),
		pts('self_criticism', 4)
	]
});
const tasks2025 = (...criteria: PointsCriterion[]): PointsGroup => ({
	code: 'tasks',
	max: 70,
	criteria
});
// Non-leaders with and without a post in the political system both write Mẫu 2B.
const nonLeaderTasks2025 = (): PointsGroup =>
	tasks2025(pts('assigned_tasks', 50), pts('party_tasks', 10), pts('commitment_kept', 10));

export const RULES_2025: PointsRuleSet = deepFreeze<PointsRuleSet>({
	id: 'qd366-2025',
	name: 'Quy định 366-QĐ/TW ngày 30/8/2025',
	basis: ['QĐ 366-QĐ/TW (30/8/2025)', 'HD 43-HD/BTCTW (31/10/2025)'],
	scale: 'points',
	maxPoints: 100,
	forms: {
		leader: {
			formCode: '2A-HD KĐ.ĐG 2025',
			groups: [
				general2025(),
				tasks2025(
					pts('led_unit_results', 30),
					pts('leadership_capacity', 20),
					pts('assigned_tasks', 10),
					pts('commitment_kept', 10)
				)
			]
		},
		non_leader: { formCode: '2B-HD KĐ.ĐG 2025', groups: [general2025(), nonLeaderTasks2025()] },
		no_post: { formCode: '2B-HD KĐ.ĐG 2025', groups: [general2025(), nonLeaderTasks2025()] },
		outside_political_system: {
			formCode: '2C-HD KĐ.ĐG 2025',
			groups: [
				general2025(),
				tasks2025(pts('party_tasks', 30), pts('civic_duties', 30), pts('commitment_kept', 10))
			]
		}
	},
	// QĐ 366 art. 11. The led-unit conditions apply to leaders only (the engine skips them for
	// others); what HTNV asks of a leader's units is not modelled.
	levels: {
		excellent: {
			minPoints: 90,
			onTimePercent: 100,
			beyondPercent: 30,
			allShortcomingsRemedied: true,
			ledCompletedPercent: 100,
			ledBeyondPercent: 30
		},
		good: { minPoints: 70, onTimePercent: 100, ledCompletedPercent: 100 },
		fulfilled: { minPoints: 50, completedPercent: 100, maxLatePercent: 20 }
	},
	disqualifiers: [
		{
			code: 'tasks_not_completed',
			maxPercent: 50,
			subjects: ['non_leader', 'no_post', 'outside_political_system']
		},
		// A member who found the fault and remedied its effects is weighed by the deciding level
		// (HD 43): not an automatic exception, so the engine flags it and does not cap.
		{ code: 'discipline', dutyRelatedOnly: true, selfRemedied: 'deciding_level' },
		{ code: 'concluded_decline' },
		{ code: 'concluded_prohibited_breach' },
		{ code: 'led_tasks_below', minPercent: 70 },
		{ code: 'led_units_not_fulfilled', maxPercent: 50 },
		{ code: 'low_confidence_votes', maxPercent: 50 }
	],
	special: {
		newMember: { underMonths: 6, handling: 'not_reviewed' },
		exempted: 'not_reviewed',
		suspended: 'not_reviewed',
		sickLeave: { fromMonths: 3, capAt: null },
		maternityLeave: { capAt: null }
	},
	// "Không vượt quá" 20 % of HTTNV, up to 25 % for outstanding organizations, per group of
	// similar roles as the deciding level defines it; rounding is not stated, down is the safe side.
	quota: {
		ratio: 0.2,
		exceptionRatio: 0.25,
		baseLevel: 'good',
		rounding: 'down',
		grouping: 'grassroots'
	}
});

// QĐ 124 graded the criteria of the self-review; the task criteria decide HTXSNV and HTTNV.
const general2023 = (): GradedCriterion[] =>
	graded('general', 'political_thought', 'ethics_lifestyle', 'discipline_awareness', 'work_style');
const gradesForm = (form: string, ...tasks: CriterionCode[]) => ({
	formCode: `${form}-HD KĐ.ĐG 2023`,
	criteria: [...general2023(), ...graded('tasks', ...tasks)]
});

export const RULES_2023: GradesRuleSet = deepFreeze<GradesRuleSet>({
	id: 'qd124-2023',
	name: 'Quy định 124-QĐ/TW ngày 04/10/2023',
	basis: [
		'QĐ 124-QĐ/TW (04/10/2023)',
		'HD 25-HD/BTCTW (10/11/2023)',
		'HD 21-HD/BTCTW (18/10/2019)'
	],
	scale: 'grades',
	forms: {
		leader: gradesForm('2A', 'assigned_tasks', 'led_unit_results', 'commitment_kept'),
		non_leader: gradesForm('2B', 'assigned_tasks', 'commitment_kept'),
		no_post: gradesForm('2B', 'assigned_tasks', 'commitment_kept'),
		outside_political_system: gradesForm('2C', 'party_tasks', 'civic_duties', 'commitment_kept')
	},
	// Below HTTNV every criterion at Trung bình or better is enough: a "Kém" is a disqualifier.
	levels: {
		excellent: { minGrade: 'good', minTaskGrade: 'excellent' },
		good: { minTaskGrade: 'good' },
		fulfilled: {}
	},
	disqualifiers: [
		{ code: 'criterion_poor' },
		{ code: 'targets_not_met', minPercent: 50, subjects: [...SUBJECT_TYPES] },
		// QĐ 124: disciplined in the year, unless the member found the fault and remedied it.
		{ code: 'discipline', dutyRelatedOnly: false, selfRemedied: 'exempt' },
		{ code: 'concluded_decline' },
		{ code: 'concluded_prohibited_breach' },
		{ code: 'led_tasks_below', minPercent: 70 },
		{ code: 'led_units_not_fulfilled', maxPercent: 50 },
		{ code: 'low_confidence_votes', maxPercent: 50 }
	],
	special: {
		newMember: { underMonths: 6, handling: 'review_without_rating' },
		exempted: 'not_reviewed',
		suspended: 'not_reviewed',
		sickLeave: { fromMonths: 3, capAt: 'fulfilled' },
		maternityLeave: { capAt: null }
	},
	// HD 21 (2019): 20 % of HTTNV per grassroots organization, no exception ratio.
	quota: {
		ratio: 0.2,
		exceptionRatio: 0.2,
		baseLevel: 'good',
		rounding: 'down',
		grouping: 'grassroots'
	}
});

const BY_ID: Record<RuleSetId, RuleSet> = { 'qd366-2025': RULES_2025, 'qd124-2023': RULES_2023 };

/** The seeded rule set a year's `rule_set` column names. */
export const ruleSetById = (id: RuleSetId): RuleSet => BY_ID[id];

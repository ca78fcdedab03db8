import { describe, expect, it } from 'vitest';
import {
	CRITERION_CODES,
	SUBJECT_TYPES,
	criteriaOf,
	validateRuleSet,
	validateScores,
	type PointsRuleSet,
	type RuleSet,
	type SubjectType
} from './rule-set';
import { RULES_2023, RULES_2025, ruleSetById } from './rule-sets';

/** A copy to edit: the seeds are frozen. */
const copy = <T extends RuleSet>(rs: T): T => structuredClone(rs);

const FULL_NON_LEADER = {
	political_quality: 8,
	ethics_lifestyle: 8,
	setting_example: 5,
	innovation: 5,
	self_criticism: 4,
	assigned_tasks: 50,
	party_tasks: 10,
	commitment_kept: 10
};

describe('the seeded rule sets', () => {
	it('are found by the id a year stores', () => {
		expect(ruleSetById('qd366-2025')).toBe(RULES_2025);
		expect(ruleSetById('qd124-2023')).toBe(RULES_2023);
		expect([RULES_2025.scale, RULES_2023.scale]).toEqual(['points', 'grades']);
	});

	it.each([RULES_2025, RULES_2023] as RuleSet[])('$id passes its own validation', (rs) => {
		expect(validateRuleSet(rs)).toEqual({ ok: true, value: rs });
	});

	it.each([
		['leader', '2A-HD KĐ.ĐG 2025', '2A-HD KĐ.ĐG 2023'],
		['non_leader', '2B-HD KĐ.ĐG 2025', '2B-HD KĐ.ĐG 2023'],
		['no_post', '2B-HD KĐ.ĐG 2025', '2B-HD KĐ.ĐG 2023'],
		['outside_political_system', '2C-HD KĐ.ĐG 2025', '2C-HD KĐ.ĐG 2023']
	] as [SubjectType, string, string][])('gives %s the forms %s and %s', (s, f2025, f2023) => {
		expect(RULES_2025.forms[s].formCode).toBe(f2025);
		expect(RULES_2023.forms[s].formCode).toBe(f2023);
	});

	it.each(SUBJECT_TYPES)('scores %s out of 30 + 70 in QĐ 366', (subject) => {
		const groups = RULES_2025.forms[subject].groups;
		expect(groups.map((g) => [g.code, g.max])).toEqual([
			['general', 30],
			['tasks', 70]
		]);
		for (const g of groups) expect(g.criteria.reduce((s, c) => s + c.max, 0)).toBe(g.max);
	});

	it('splits the general criteria into the five the form names (defaults to edit)', () => {
		expect(RULES_2025.forms.leader.groups[0].criteria).toEqual([
			{ code: 'political_quality', max: 8 },
			{ code: 'ethics_lifestyle', max: 8 },
			{ code: 'setting_example', max: 5 },
			{ code: 'innovation', max: 5 },
			{ code: 'self_criticism', max: 4 }
		]);
	});

	it('uses only criteria that have words', () => {
		const used = [RULES_2025, RULES_2023].flatMap((rs) =>
			SUBJECT_TYPES.flatMap((s) => criteriaOf(rs, s).map((c) => c.code))
		);
		expect(used.filter((c) => !(CRITERION_CODES as readonly string[]).includes(c))).toEqual([]);
	});

	it('states the thresholds of QĐ 366 and the quota', () => {
		expect(RULES_2025.levels).toEqual({
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
		});
		expect(RULES_2025.quota).toEqual({
			ratio: 0.2,
			exceptionRatio: 0.25,
			baseLevel: 'good',
			rounding: 'down',
			grouping: 'grassroots'
		});
	});

	it.each([
		['QĐ 366', RULES_2025, 'not_reviewed', null],
		['QĐ 124', RULES_2023, 'review_without_rating', 'fulfilled']
	] as const)('keeps the special cases of %s', (_, rs, newMember, sickCap) => {
		expect(rs.special.newMember).toEqual({ underMonths: 6, handling: newMember });
		expect(rs.special.sickLeave).toEqual({ fromMonths: 3, capAt: sickCap });
		expect([rs.special.exempted, rs.special.suspended]).toEqual(['not_reviewed', 'not_reviewed']);
	});

	it('cannot be edited in place', () => {
		expect(() => {
			(RULES_2025.levels.excellent as { minPoints: number }).minPoints = 80;
		}).toThrow(TypeError);
		expect(() => {
			RULES_2023.disqualifiers.push({ code: 'concluded_decline' });
		}).toThrow(TypeError);
		expect(RULES_2025.levels.excellent.minPoints).toBe(90);
	});

	it('survives a round trip through JSON (jsonb)', () => {
		expect(JSON.parse(JSON.stringify(RULES_2025))).toEqual(RULES_2025);
		expect(JSON.parse(JSON.stringify(RULES_2023))).toEqual(RULES_2023);
	});
});

describe('validateScores', () => {
	it('sums points per group in hundredths, without floating error', () => {
		const scores = {
			...FULL_NON_LEADER,
			political_quality: 7.1,
			ethics_lifestyle: 7.2,
			assigned_tasks: 45.3,
			party_tasks: 0.1,
			commitment_kept: 0.2
		};
		expect(validateScores(RULES_2025, 'non_leader', scores)).toEqual({
			ok: true,
			value: {
				scale: 'points',
				byCriterion: scores,
				byGroup: { general: 28.3, tasks: 45.6 },
				total: 73.9
			}
		});
	});

	it.each([
		[
			'a missing criterion',
			{ innovation: undefined },
			'score_missing',
			'scores.innovation',
			undefined
		],
		['an empty field', { innovation: '' }, 'score_missing', 'scores.innovation', undefined],
		['null', { innovation: null }, 'score_missing', 'scores.innovation', undefined],
		['NaN', { innovation: NaN }, 'score_not_number', 'scores.innovation', undefined],
		['Infinity', { innovation: Infinity }, 'score_not_number', 'scores.innovation', undefined],
		['-Infinity', { innovation: -Infinity }, 'score_not_number', 'scores.innovation', undefined],
		['text', { innovation: '5' }, 'score_not_number', 'scores.innovation', undefined],
		[
			'a negative score',
			{ self_criticism: -0.5 },
			'score_negative',
			'scores.self_criticism',
			undefined
		],
		[
			'a score above its maximum',
			{ self_criticism: 4.5 },
			'score_above_max',
			'scores.self_criticism',
			{ max: 4 }
		],
		[
			'70 in a 50-point criterion',
			{ assigned_tasks: 70 },
			'score_above_max',
			'scores.assigned_tasks',
			{ max: 50 }
		],
		['thousandths', { innovation: 4.125 }, 'score_too_precise', 'scores.innovation', undefined],
		[
			'a criterion of another form',
			{ led_unit_results: 10 },
			'score_unknown',
			'scores.led_unit_results',
			undefined
		]
	])('refuses %s', (_, over, code, field, detail) => {
		const result = validateScores(RULES_2025, 'non_leader', { ...FULL_NON_LEADER, ...over });
		expect(result).toEqual({ ok: false, problem: { code, field, ...(detail && { detail }) } });
	});

	it('accepts every criterion at 0 and at its maximum', () => {
		const zero = Object.fromEntries(Object.keys(FULL_NON_LEADER).map((k) => [k, 0]));
		const none = validateScores(RULES_2025, 'non_leader', zero);
		const full = validateScores(RULES_2025, 'non_leader', FULL_NON_LEADER);
		expect(none.ok && none.value.scale === 'points' && none.value.total).toBe(0);
		expect(full.ok && full.value.scale === 'points' && full.value.total).toBe(100);
	});

	it('takes QĐ 124 grades by group', () => {
		const g = {
			political_thought: 'excellent',
			ethics_lifestyle: 'good',
			discipline_awareness: 'good',
			work_style: 'average',
			assigned_tasks: 'excellent',
			commitment_kept: 'poor'
		};
		expect(validateScores(RULES_2023, 'non_leader', g)).toEqual({
			ok: true,
			value: {
				scale: 'grades',
				byCriterion: g,
				byGroup: {
					general: ['excellent', 'good', 'good', 'average'],
					tasks: ['excellent', 'poor']
				}
			}
		});
	});

	it.each([
		['a missing grade', {}, 'score_missing'],
		['a number', { work_style: 8 }, 'grade_invalid'],
		['a word that is no grade', { work_style: 'Tốt' }, 'grade_invalid']
	])('refuses %s under QĐ 124', (_, over, code) => {
		const g = Object.fromEntries(criteriaOf(RULES_2023, 'non_leader').map((c) => [c.code, 'good']));
		delete g.work_style;
		expect(validateScores(RULES_2023, 'non_leader', { ...g, ...over })).toEqual({
			ok: false,
			problem: { code, field: 'scores.work_style' }
		});
	});
});

describe('validateRuleSet', () => {
	const edited = (edit: (rs: PointsRuleSet) => void): RuleSet => {
		const rs = copy(RULES_2025);
		edit(rs);
		return rs;
	};

	it('accepts a committee’s own split that still adds up', () => {
		const rs = edited((r) => {
			r.forms.non_leader.groups[0].criteria = [
				{ code: 'political_quality', max: 10.5 },
				{ code: 'ethics_lifestyle', max: 9.5 },
				{ code: 'bloc_theme', max: 10, name: 'Thực hiện chuyên đề năm của Khối' }
			];
		});
		expect(validateRuleSet(rs).ok).toBe(true);
	});

	it.each([
		[
			'criteria not adding up to their group',
			(r: PointsRuleSet) => (r.forms.leader.groups[0].criteria[0].max = 9),
			'criteria_sum',
			'forms.leader.general'
		],
		[
			'groups not adding up to 100',
			(r: PointsRuleSet) => {
				r.forms.no_post.groups[1].max = 60;
				r.forms.no_post.groups[1].criteria[0].max = 40;
			},
			'groups_sum',
			'forms.no_post'
		],
		[
			'a criterion twice',
			(r: PointsRuleSet) => (r.forms.non_leader.groups[1].criteria[1].code = 'assigned_tasks'),
			'criterion_duplicate',
			'forms.non_leader.assigned_tasks'
		],
		[
			'a criterion worth nothing',
			(r: PointsRuleSet) => (r.forms.leader.groups[1].criteria[3].max = 0),
			'criterion_max',
			'forms.leader.commitment_kept'
		],
		[
			'a form without criteria',
			(r: PointsRuleSet) => (r.forms.outside_political_system.groups = []),
			'form_empty',
			'forms.outside_political_system'
		],
		[
			'HTTNV asking more points than HTXSNV',
			(r: PointsRuleSet) => (r.levels.good.minPoints = 95),
			'levels_order',
			'levels'
		],
		[
			'an exception ratio below the ratio',
			(r: PointsRuleSet) => (r.quota.exceptionRatio = 0.1),
			'quota_ratio',
			'quota'
		],
		['a ratio above 1', (r: PointsRuleSet) => (r.quota.ratio = 1.2), 'quota_ratio', 'quota']
	])('refuses %s', (_, edit, code, field) => {
		const result = validateRuleSet(edited(edit));
		expect(result.ok === false && result.problem).toMatchObject({ code, field });
	});

	it('refuses a graded form with a criterion twice', () => {
		const rs = copy(RULES_2023);
		rs.forms.leader.criteria.push({ code: 'work_style', group: 'general' });
		expect(validateRuleSet(rs)).toEqual({
			ok: false,
			problem: { code: 'criterion_duplicate', field: 'forms.leader.work_style' }
		});
	});
});

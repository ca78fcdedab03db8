import { describe, expect, it } from 'vitest';
import {
	addMonths,
	evaluateMember,
	type Discipline,
	type Evaluation,
	type LeadershipFacts,
	type MemberFacts,
	type TaskCounts
} from './engine';
import type { RatingLevel } from './levels';
import { criteriaOf, type Grade, type RuleSet, type SubjectType } from './rule-set';
import { RULES_2023, RULES_2025 } from './rule-sets';

/** Tasks: `onTime` and `late` completed, the rest not. */
const tasks = (total: number, onTime: number, late = 0, beyond = 0): TaskCounts => ({
	total,
	completed: onTime + late,
	onTime,
	late,
	beyondRequirements: beyond,
	notCompleted: total - onTime - late
});

const LEADER: LeadershipFacts = {
	unitsLed: 4,
	unitsLedNotFulfilled: 0,
	lowConfidenceVoteShare: 0.1,
	tasksCompletedShare: 1,
	tasksBeyondRequirementsShare: 0.4
};

/** A member who meets every condition of HTXSNV. */
function facts(over: Partial<MemberFacts> = {}): MemberFacts {
	return {
		subjectType: 'non_leader',
		admittedOn: '2015-03-02',
		reviewOn: '2025-12-10',
		exempted: false,
		suspended: false,
		sickLeaveMonths: 0,
		maternityLeave: false,
		temporaryActivity: false,
		disciplines: [],
		concludedDecline: false,
		concludedProhibitedBreach: false,
		tasks: tasks(10, 10, 0, 3),
		shortcomings: { total: 2, remedied: 2 },
		leadership: over.subjectType === 'leader' ? LEADER : null,
		...over
	};
}

/** Scores adding up to `total`, filling the form's criteria in order up to their maxima. */
function points(total: number, subject: SubjectType = 'non_leader'): Record<string, number> {
	if (RULES_2025.scale !== 'points') throw new Error('points rule set expected');
	let left = Math.round(total * 100);
	const scores: Record<string, number> = {};
	for (const c of RULES_2025.forms[subject].groups.flatMap((g) => g.criteria)) {
		const take = Math.min(left, c.max * 100);
		scores[c.code] = take / 100;
		left -= take;
	}
	return scores;
}

/** QĐ 124 grades: every criterion `all`, with some overridden. */
function grades(
	all: Grade,
	over: Record<string, Grade> = {},
	subject: SubjectType = 'non_leader'
): Record<string, Grade> {
	const codes = criteriaOf(RULES_2023, subject).map((c) => c.code);
	return { ...Object.fromEntries(codes.map((c) => [c, all])), ...over };
}

function evaluate(rs: RuleSet, f: MemberFacts, s: Record<string, unknown> | null): Evaluation {
	const result = evaluateMember(rs, f, s);
	if (!result.ok) throw new Error(`refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}

/** The verdict in one line per part: level, limits as code@cappedAt, decision codes. */
function verdict(e: Evaluation) {
	if (e.outcome !== 'rated') return { outcome: e.outcome, reasons: e.reasons.map((r) => r.code) };
	return {
		maxLevel: e.maxLevel,
		limits: e.limits.map((l) => `${l.code}@${l.cappedAt}`),
		decisions: e.decisions.map((d) => d.code)
	};
}

const rated = (maxLevel: RatingLevel, limits: string[] = [], decisions: string[] = []) => ({
	maxLevel,
	limits,
	decisions
});

describe('QĐ 366 (2025): points and levels', () => {
	it.each([
		[100, rated('excellent')],
		[90, rated('excellent')],
		[89.99, rated('good', ['points@good'])],
		[89.5, rated('good', ['points@good'])],
		[70, rated('good', ['points@good'])],
		[69.99, rated('fulfilled', ['points@fulfilled'])],
		[50, rated('fulfilled', ['points@fulfilled'])],
		[49.99, rated('not_fulfilled', ['points@not_fulfilled'])],
		[0, rated('not_fulfilled', ['points@not_fulfilled'])]
	])('%s points, every other condition met → %o', (total, expected) => {
		expect(verdict(evaluate(RULES_2025, facts(), points(total)))).toEqual(expected);
	});

	it('gives the points, the sheet and the threshold missed', () => {
		const e = evaluate(RULES_2025, facts(), points(89.5));
		expect(e).toEqual({
			outcome: 'rated',
			points: 89.5,
			sheet: {
				scale: 'points',
				byCriterion: points(89.5),
				byGroup: { general: 30, tasks: 59.5 },
				total: 89.5
			},
			maxLevel: 'good',
			limits: [{ code: 'points', cappedAt: 'good', detail: { points: 89.5, min: 90 } }],
			decisions: [],
			temporaryActivity: false
		});
	});

	it('scores leaders and members outside the political system on their own forms', () => {
		for (const subject of ['leader', 'no_post', 'outside_political_system'] as const) {
			const e = evaluate(RULES_2025, facts({ subjectType: subject }), points(92, subject));
			expect(verdict(e)).toEqual(rated('excellent'));
		}
	});
});

describe('QĐ 366 (2025): conditions on tasks', () => {
	it.each([
		['all on time, 3 of 10 beyond', tasks(10, 10, 0, 3), rated('excellent')],
		['2 of 10 beyond (< 30 %)', tasks(10, 10, 0, 2), rated('good', ['tasks_beyond@good'])],
		['2999 of 10000 beyond', tasks(10000, 10000, 0, 2999), rated('good', ['tasks_beyond@good'])],
		['1 of 10 late', tasks(10, 9, 1, 3), rated('fulfilled', ['tasks_on_time@fulfilled'])],
		[
			'3 of 15 late: exactly 20 %',
			tasks(15, 12, 3, 5),
			rated('fulfilled', ['tasks_on_time@fulfilled'])
		],
		[
			'2001 of 10000 late: 20.01 %',
			tasks(10000, 7999, 2001, 3000),
			rated(
				'not_fulfilled',
				['tasks_on_time@fulfilled', 'tasks_late@not_fulfilled'],
				['no_level_met']
			)
		],
		[
			'1 of 10 not completed',
			tasks(10, 9, 0, 3),
			rated(
				'not_fulfilled',
				['tasks_on_time@fulfilled', 'tasks_completed@not_fulfilled'],
				['no_level_met']
			)
		],
		[
			'5 of 10 not completed: exactly 50 % is not "more than"',
			tasks(10, 5, 0, 3),
			rated(
				'not_fulfilled',
				['tasks_on_time@fulfilled', 'tasks_completed@not_fulfilled'],
				['no_level_met']
			)
		],
		[
			'6 of 10 not completed: disqualified',
			tasks(10, 4, 0, 3),
			rated('not_fulfilled', [
				'tasks_on_time@fulfilled',
				'tasks_completed@not_fulfilled',
				'tasks_not_completed@not_fulfilled'
			])
		],
		['no tasks recorded', tasks(0, 0), rated('excellent', [], ['no_tasks'])]
	])('%s', (_, t, expected) => {
		expect(verdict(evaluate(RULES_2025, facts({ tasks: t }), points(95)))).toEqual(expected);
	});

	it('words a missed condition with its counts and threshold', () => {
		const e = evaluate(RULES_2025, facts({ tasks: tasks(15, 11, 4, 5) }), points(80));
		expect(e.outcome === 'rated' && e.limits).toEqual([
			{ code: 'points', cappedAt: 'good', detail: { points: 80, min: 90 } },
			{
				code: 'tasks_on_time',
				cappedAt: 'fulfilled',
				detail: { done: 11, total: 15, percent: 100 }
			},
			{ code: 'tasks_late', cappedAt: 'not_fulfilled', detail: { done: 4, total: 15, percent: 20 } }
		]);
	});

	it.each([
		[{ total: 2, remedied: 2 }, rated('excellent')],
		[{ total: 0, remedied: 0 }, rated('excellent')],
		[{ total: 2, remedied: 1 }, rated('good', ['shortcomings@good'])]
	])('earlier shortcomings %o', (shortcomings, expected) => {
		expect(verdict(evaluate(RULES_2025, facts({ shortcomings }), points(95)))).toEqual(expected);
	});
});

const discipline = (over: Partial<Discipline> = {}): Discipline => ({
	form: 'reprimand',
	date: '2025-05-20',
	dutyRelated: true,
	selfFoundAndRemedied: false,
	...over
});

describe('QĐ 366 (2025): disqualifying cases', () => {
	it.each(['reprimand', 'warning', 'dismissal', 'expulsion'] as const)(
		'a duty-related %s in the year → KHTNV',
		(form) => {
			const e = evaluate(RULES_2025, facts({ disciplines: [discipline({ form })] }), points(95));
			expect(e.outcome === 'rated' && e.limits).toEqual([
				{
					code: 'discipline_duty_related',
					cappedAt: 'not_fulfilled',
					detail: { form, date: '2025-05-20' }
				}
			]);
			expect(e.outcome === 'rated' && e.maxLevel).toBe('not_fulfilled');
		}
	);

	it.each([
		[
			'found and remedied by the member: flagged for the deciding level, not capped',
			discipline({ selfFoundAndRemedied: true }),
			rated('excellent', [], ['discipline_self_remedied'])
		],
		[
			'not duty-related: flagged, not capped',
			discipline({ dutyRelated: false }),
			rated('excellent', [], ['discipline_not_duty_related'])
		]
	])('a discipline %s', (_, d, expected) => {
		expect(verdict(evaluate(RULES_2025, facts({ disciplines: [d] }), points(95)))).toEqual(
			expected
		);
	});

	it.each([
		['concluded decline', { concludedDecline: true }, 'concluded_decline'],
		[
			'breach of what members must not do',
			{ concludedProhibitedBreach: true },
			'concluded_prohibited_breach'
		]
	])('%s → KHTNV', (_, over, code) => {
		expect(verdict(evaluate(RULES_2025, facts(over), points(95)))).toEqual(
			rated('not_fulfilled', [`${code}@not_fulfilled`])
		);
	});

	it.each(['non_leader', 'no_post', 'outside_political_system'] as const)(
		'more than 50 %% not completed disqualifies a %s',
		(subject) => {
			const e = evaluate(
				RULES_2025,
				facts({ subjectType: subject, tasks: tasks(10, 4) }),
				points(95, subject)
			);
			expect(e.outcome === 'rated' && e.limits.map((l) => l.code)).toContain('tasks_not_completed');
		}
	);

	it('leaves the 50 % rule to the leaders’ own rules', () => {
		const e = evaluate(
			RULES_2025,
			facts({ subjectType: 'leader', tasks: tasks(10, 4) }),
			points(95, 'leader')
		);
		expect(verdict(e)).toEqual(
			rated(
				'not_fulfilled',
				['tasks_on_time@fulfilled', 'tasks_completed@not_fulfilled', 'tasks_beyond@good'],
				['no_level_met']
			)
		);
	});

	it.each([
		[
			'units completed 70 % of tasks',
			{ tasksCompletedShare: 0.7 },
			['led_tasks_completed@fulfilled']
		],
		[
			'units completed 69 % of tasks',
			{ tasksCompletedShare: 0.69 },
			['led_tasks_completed@fulfilled', 'led_tasks_below@not_fulfilled']
		],
		[
			'29 % of the units’ tasks beyond',
			{ tasksBeyondRequirementsShare: 0.29 },
			['led_tasks_beyond@good']
		],
		['2 of 4 units KHTNV: half is not more than half', { unitsLedNotFulfilled: 2 }, []],
		['3 of 4 units KHTNV', { unitsLedNotFulfilled: 3 }, ['led_units_not_fulfilled@not_fulfilled']],
		['half the votes low confidence', { lowConfidenceVoteShare: 0.5 }, []],
		[
			'51 % of the votes low confidence',
			{ lowConfidenceVoteShare: 0.51 },
			['low_confidence_votes@not_fulfilled']
		]
	])('a leader whose %s', (_, over, limits) => {
		const f = facts({ subjectType: 'leader', leadership: { ...LEADER, ...over } });
		const e = evaluate(RULES_2025, f, points(95, 'leader'));
		expect(e.outcome === 'rated' && e.limits.map((l) => `${l.code}@${l.cappedAt}`)).toEqual(limits);
	});

	it('does not apply a leader’s rules to anyone else', () => {
		const f = facts({
			leadership: { ...LEADER, tasksCompletedShare: 0, lowConfidenceVoteShare: 1 }
		});
		expect(verdict(evaluate(RULES_2025, f, points(95)))).toEqual(rated('excellent'));
	});

	it('lists every reason when several limit the level, not just the first', () => {
		const f = facts({
			tasks: tasks(10, 8, 2, 2),
			shortcomings: { total: 3, remedied: 1 },
			disciplines: [discipline(), discipline({ form: 'warning', date: '2025-09-01' })],
			concludedDecline: true,
			sickLeaveMonths: 4
		});
		const e = evaluate(RULES_2025, f, points(75));
		expect(verdict(e)).toEqual(
			rated(
				'not_fulfilled',
				[
					'points@good',
					'tasks_on_time@fulfilled',
					'tasks_beyond@good',
					'shortcomings@good',
					'discipline_duty_related@not_fulfilled',
					'discipline_duty_related@not_fulfilled',
					'concluded_decline@not_fulfilled'
				],
				['sick_leave_actual_work']
			)
		);
	});
});

describe('QĐ 366 (2025): special cases', () => {
	it.each([
		['admitted 5 months 29 days ago', { admittedOn: '2025-06-11' }, ['admitted_recently']],
		['exempted', { exempted: true }, ['exempted']],
		['suspended', { suspended: true }, ['suspended']],
		[
			'new, exempted and suspended',
			{ admittedOn: '2025-10-01', exempted: true, suspended: true },
			['admitted_recently', 'exempted', 'suspended']
		]
	])('%s → not reviewed at all', (_, over, reasons) => {
		expect(verdict(evaluate(RULES_2025, facts(over), null))).toEqual({
			outcome: 'not_reviewed',
			reasons
		});
	});

	it('says how many months a new member needs', () => {
		expect(evaluate(RULES_2025, facts({ admittedOn: '2025-07-01' }), null)).toEqual({
			outcome: 'not_reviewed',
			reasons: [{ code: 'admitted_recently', detail: { months: 6 } }],
			temporaryActivity: false
		});
	});

	it('reviews a member admitted exactly 6 months before the review', () => {
		expect(verdict(evaluate(RULES_2025, facts({ admittedOn: '2025-06-10' }), points(95)))).toEqual(
			rated('excellent')
		);
	});

	it.each([
		[
			'sick 3 months: rated on actual work, no cap',
			{ sickLeaveMonths: 3 },
			['sick_leave_actual_work']
		],
		['sick 2.5 months', { sickLeaveMonths: 2.5 }, []],
		[
			'on maternity leave: rated on actual work',
			{ maternityLeave: true },
			['maternity_leave_actual_work']
		]
	])('%s', (_, over, decisions) => {
		expect(verdict(evaluate(RULES_2025, facts(over), points(95)))).toEqual(
			rated('excellent', [], decisions)
		);
	});

	it('carries temporary party activity to the output, rating as usual', () => {
		const e = evaluate(RULES_2025, facts({ temporaryActivity: true }), points(80));
		expect(e.temporaryActivity).toBe(true);
		expect(verdict(e)).toEqual(rated('good', ['points@good']));
		const skipped = evaluate(RULES_2025, facts({ temporaryActivity: true, exempted: true }), null);
		expect(skipped.temporaryActivity).toBe(true);
	});
});

describe('QĐ 124 (2023): grades', () => {
	it.each([
		['every criterion Xuất sắc', grades('excellent'), rated('excellent')],
		[
			'a general criterion Trung bình',
			grades('excellent', { work_style: 'average' }),
			rated('good', ['criteria_grades@good'])
		],
		['every criterion Tốt', grades('good'), rated('good', ['task_grades@good'])],
		[
			'a task criterion Trung bình',
			grades('excellent', { assigned_tasks: 'average' }),
			rated('fulfilled', ['task_grades@fulfilled'])
		],
		[
			'a general criterion Kém',
			grades('excellent', { ethics_lifestyle: 'poor' }),
			rated('not_fulfilled', ['criteria_grades@good', 'criterion_poor@not_fulfilled'])
		],
		[
			'two criteria Kém, one of them a task',
			grades('good', { political_thought: 'poor', commitment_kept: 'poor' }),
			rated('not_fulfilled', [
				'criteria_grades@good',
				'task_grades@fulfilled',
				'criterion_poor@not_fulfilled',
				'criterion_poor@not_fulfilled'
			])
		]
	])('%s', (_, g, expected) => {
		const e = evaluate(RULES_2023, facts(), g);
		expect(verdict(e)).toEqual(expected);
		expect(e.outcome === 'rated' && e.points).toBeNull();
	});

	it('names the criterion graded Kém', () => {
		const e = evaluate(RULES_2023, facts(), grades('good', { work_style: 'poor' }));
		expect(e.outcome === 'rated' && e.limits.at(-1)).toEqual({
			code: 'criterion_poor',
			cappedAt: 'not_fulfilled',
			detail: { criterion: 'work_style' }
		});
	});

	it.each([
		['5 of 10 targets met: exactly 50 %', tasks(10, 5), []],
		['4 of 10 targets met', tasks(10, 3, 1), ['targets_not_met@not_fulfilled']],
		['no targets', tasks(0, 0), []]
	])('%s', (_, t, limits) => {
		const e = evaluate(RULES_2023, facts({ tasks: t }), grades('excellent'));
		expect(e.outcome === 'rated' && e.limits.map((l) => `${l.code}@${l.cappedAt}`)).toEqual(limits);
	});

	it.each([
		['duty-related', discipline(), ['discipline_in_year@not_fulfilled'], []],
		[
			'not duty-related',
			discipline({ dutyRelated: false }),
			['discipline_in_year@not_fulfilled'],
			[]
		],
		[
			'found and remedied by the member: excepted',
			discipline({ selfFoundAndRemedied: true }),
			[],
			[]
		]
	])('a %s discipline in the year', (_, d, limits, decisions) => {
		const e = evaluate(RULES_2023, facts({ disciplines: [d] }), grades('excellent'));
		expect(verdict(e)).toEqual(
			rated(limits.length ? 'not_fulfilled' : 'excellent', limits, decisions)
		);
	});

	it.each([
		[
			'new member: self-review without a rating',
			{ admittedOn: '2025-08-01' },
			'review_without_rating',
			['admitted_recently']
		],
		['exempted', { exempted: true }, 'not_reviewed', ['exempted']],
		['suspended', { suspended: true }, 'not_reviewed', ['suspended']],
		[
			'new and suspended: not reviewed wins',
			{ admittedOn: '2025-08-01', suspended: true },
			'not_reviewed',
			['suspended']
		]
	])('%s', (_, over, outcome, reasons) => {
		expect(verdict(evaluate(RULES_2023, facts(over), null))).toEqual({ outcome, reasons });
	});

	it.each([
		[
			'sick 3 months: capped at HTNV',
			{ sickLeaveMonths: 3 },
			rated('fulfilled', ['sick_leave@fulfilled'])
		],
		['sick 2 months', { sickLeaveMonths: 2 }, rated('excellent')],
		[
			'on maternity leave',
			{ maternityLeave: true },
			rated('excellent', [], ['maternity_leave_actual_work'])
		],
		['in temporary party activity', { temporaryActivity: true }, rated('excellent')]
	])('%s', (_, over, expected) => {
		expect(verdict(evaluate(RULES_2023, facts(over), grades('excellent')))).toEqual(expected);
	});

	it('words the sick-leave cap with the months', () => {
		const e = evaluate(RULES_2023, facts({ sickLeaveMonths: 4 }), grades('excellent'));
		expect(e.outcome === 'rated' && e.limits).toEqual([
			{ code: 'sick_leave', cappedAt: 'fulfilled', detail: { months: 4, min: 3 } }
		]);
	});

	it('applies the leaders’ cases too', () => {
		const f = facts({ subjectType: 'leader', leadership: { ...LEADER, unitsLedNotFulfilled: 3 } });
		const e = evaluate(RULES_2023, f, grades('excellent', {}, 'leader'));
		expect(verdict(e)).toEqual(rated('not_fulfilled', ['led_units_not_fulfilled@not_fulfilled']));
	});
});

describe('refusals', () => {
	it.each([
		[
			'a missing score',
			{ ...points(95), innovation: undefined },
			'score_missing',
			'scores.innovation'
		],
		['NaN', { ...points(95), innovation: NaN }, 'score_not_number', 'scores.innovation'],
		[
			'Infinity',
			{ ...points(95), assigned_tasks: Infinity },
			'score_not_number',
			'scores.assigned_tasks'
		],
		[
			'a negative score',
			{ ...points(95), party_tasks: -1 },
			'score_negative',
			'scores.party_tasks'
		],
		[
			'a score above its maximum',
			{ ...points(95), setting_example: 5.01 },
			'score_above_max',
			'scores.setting_example'
		],
		['no scores at all', null, 'score_missing', 'scores.political_quality']
	])('refuses %s', (_, scores, code, field) => {
		const result = evaluateMember(RULES_2025, facts(), scores);
		expect(result.ok === false && result.problem).toMatchObject({ code, field });
	});

	it.each([
		[
			'inconsistent tasks',
			{ tasks: { ...tasks(10, 10), completed: 9 } },
			'tasks_inconsistent',
			'tasks'
		],
		[
			'a negative count',
			{ tasks: { ...tasks(10, 10), late: -1, onTime: 11 } },
			'count_invalid',
			'tasks.late'
		],
		['more beyond than completed', { tasks: tasks(10, 5, 0, 6) }, 'tasks_inconsistent', 'tasks'],
		[
			'more remedied than shortcomings',
			{ shortcomings: { total: 1, remedied: 2 } },
			'shortcomings_inconsistent',
			'shortcomings'
		],
		[
			'a leader without unit results',
			{ subjectType: 'leader' as const, leadership: null },
			'leadership_missing',
			'leadership'
		],
		[
			'a share above 1',
			{ subjectType: 'leader' as const, leadership: { ...LEADER, tasksCompletedShare: 1.5 } },
			'share_invalid',
			'leadership.tasksCompletedShare'
		],
		[
			'more failed units than led',
			{ subjectType: 'leader' as const, leadership: { ...LEADER, unitsLedNotFulfilled: 5 } },
			'units_inconsistent',
			'leadership.unitsLedNotFulfilled'
		],
		['30 February', { admittedOn: '2015-02-30' }, 'date_invalid', 'admittedOn'],
		['13 months of sick leave', { sickLeaveMonths: 13 }, 'months_invalid', 'sickLeaveMonths'],
		[
			'an unknown discipline',
			{ disciplines: [discipline({ form: 'caution' as never })] },
			'discipline_invalid',
			'disciplines.0'
		],
		[
			'a subject type no form has',
			{ subjectType: 'collective' as never },
			'subject_type_invalid',
			'subjectType'
		]
	])('refuses %s', (_, over, code, field) => {
		const result = evaluateMember(RULES_2025, facts(over), points(95));
		expect(result).toEqual({ ok: false, problem: { code, field } });
	});

	it('checks the facts even for a member not reviewed', () => {
		const result = evaluateMember(RULES_2025, facts({ exempted: true, sickLeaveMonths: -1 }), null);
		expect(result.ok).toBe(false);
	});
});

describe('addMonths', () => {
	it.each([
		['2025-06-10', 6, '2025-12-10'],
		['2025-08-31', 6, '2026-02-28'],
		['2023-08-31', 6, '2024-02-29'],
		['2025-12-15', 1, '2026-01-15'],
		['2025-01-31', 0, '2025-01-31']
	])('%s + %d months → %s', (from, n, to) => {
		expect(addMonths(from, n)).toBe(to);
	});
});

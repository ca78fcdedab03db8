import { describe, expect, it } from 'vitest';
import {
	checkApproval,
	decisionWindow,
	isAbove,
	needsReason,
	standingOf,
	tallyOf,
	type BoardMember
} from './decision';
import type { Evaluation } from './engine';
import type { RatingLevel } from './levels';
import { RULES_2025 } from './rule-sets';

function rated(maxLevel: RatingLevel): Evaluation {
	return {
		outcome: 'rated',
		points: 80,
		sheet: {
			scale: 'points',
			byCriterion: {},
			byGroup: { general: 25, tasks: 55 },
			total: 80
		},
		maxLevel,
		limits: [],
		decisions: [],
		temporaryActivity: false
	};
}

describe('standing and the ceiling', () => {
	it('takes the ceiling from a rated evaluation, none without one, and leaves special cases out', () => {
		expect(standingOf(rated('good'))).toEqual({ kind: 'rated', ceiling: 'good' });
		expect(standingOf(null)).toEqual({ kind: 'rated', ceiling: null });
		const special = (outcome: 'not_reviewed' | 'review_without_rating'): Evaluation => ({
			outcome,
			reasons: [],
			temporaryActivity: false
		});
		expect(standingOf(special('not_reviewed'))).toEqual({ kind: 'not_rated' });
		expect(standingOf(special('review_without_rating'))).toEqual({ kind: 'not_rated' });
		// A board reads only the head of the evaluation.
		expect(standingOf({ outcome: 'rated', maxLevel: 'fulfilled' })).toEqual({
			kind: 'rated',
			ceiling: 'fulfilled'
		});
	});

	it.each([
		['excellent', 'good', true],
		['good', 'good', false],
		['fulfilled', 'good', false],
		['good', 'fulfilled', true],
		['fulfilled', 'not_fulfilled', true],
		['not_fulfilled', 'not_fulfilled', false]
	] as [RatingLevel, RatingLevel, boolean][])(
		'%s above a %s ceiling needs a reason: %s',
		(level, ceiling, expected) => {
			expect(isAbove(level, ceiling)).toBe(expected);
			expect(needsReason({ kind: 'rated', ceiling }, level)).toBe(expected);
		}
	);

	it('needs no reason where the rules did not say', () => {
		expect(needsReason({ kind: 'rated', ceiling: null }, 'excellent')).toBe(false);
	});
});

describe('decisionWindow', () => {
	const year = {
		status: 'open',
		cell_review_opens_on: '2026-12-01',
		decision_deadline: '2027-01-15'
	};
	it.each([
		['2026-11-30', { state: 'not_yet', opensOn: '2026-12-01' }],
		['2026-12-01', { state: 'open' }],
		['2027-01-15', { state: 'open' }],
		['2027-01-16', { state: 'ended', closedOn: '2027-01-15' }]
	])('on %s', (today, expected) => {
		expect(decisionWindow(year, today)).toEqual(expected);
	});
	it('is closed with the year', () => {
		expect(decisionWindow({ ...year, status: 'closed' }, '2026-12-05')).toEqual({
			state: 'year_closed'
		});
	});
});

describe('checkApproval', () => {
	const group = { id: '7', name: 'Đảng bộ Sở Tài chính', outstanding: false };
	const member = (level: RatingLevel | null): BoardMember => ({
		standing: { kind: 'rated', ceiling: null },
		level
	});
	const many = (n: number, level: RatingLevel | null) =>
		Array.from({ length: n }, () => member(level));

	it('approves when everyone is decided and 20 % of HTTNV is not exceeded', () => {
		const r = checkApproval(
			group,
			tallyOf([...many(15, 'good'), ...many(3, 'excellent'), ...many(2, 'fulfilled')]),
			RULES_2025.quota
		);
		expect(r).toMatchObject({ ok: true, undecided: 0 });
		expect(r.quota.groups[0]).toMatchObject({ base: 15, limit: 3, used: 3, over: 0 });
	});

	it('refuses one HTXSNV beyond the limit, naming the numbers', () => {
		const r = checkApproval(
			group,
			tallyOf([...many(14, 'good'), ...many(3, 'excellent')]),
			RULES_2025.quota
		);
		expect(r.ok).toBe(false);
		expect(r.quota.groups[0]).toMatchObject({ base: 14, limit: 2, used: 3, over: 1, ok: false });
	});

	it('allows no HTXSNV beside 4 HTTNV (20 % of 4 rounds down to 0)', () => {
		const r = checkApproval(
			group,
			tallyOf([...many(4, 'good'), member('excellent')]),
			RULES_2025.quota
		);
		expect(r.quota.groups[0]).toMatchObject({ limit: 0, over: 1 });
	});

	it('applies the exception ratio to an outstanding organization', () => {
		const r = checkApproval(
			{ ...group, outstanding: true },
			tallyOf([...many(16, 'good'), ...many(4, 'excellent')]),
			RULES_2025.quota
		);
		expect(r.ok).toBe(true);
		expect(r.quota.groups[0]).toMatchObject({ ratio: 0.25, limit: 4 });
	});

	it('counts undecided members and leaves out those the rules do not rate', () => {
		const r = checkApproval(
			group,
			tallyOf([...many(5, 'good'), member(null), { standing: { kind: 'not_rated' }, level: null }]),
			RULES_2025.quota
		);
		expect(r).toMatchObject({ ok: false, undecided: 1 });
		expect(r.quota.ok).toBe(true);
	});
});

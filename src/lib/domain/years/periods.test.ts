import { describe, expect, it } from 'vitest';
import {
	carriesSelfRating,
	currentPeriod,
	isPeriod,
	periodOf,
	periodsOf,
	periodTiming
} from './periods';

describe('reporting periods', () => {
	it('splits a year into quarters with due days after each', () => {
		expect(periodsOf(2027, 'quarterly', 10)).toEqual([
			{ number: 1, startsOn: '2027-01-01', endsOn: '2027-03-31', dueOn: '2027-04-10' },
			{ number: 2, startsOn: '2027-04-01', endsOn: '2027-06-30', dueOn: '2027-07-10' },
			{ number: 3, startsOn: '2027-07-01', endsOn: '2027-09-30', dueOn: '2027-10-10' },
			{ number: 4, startsOn: '2027-10-01', endsOn: '2027-12-31', dueOn: '2028-01-10' }
		]);
	});

	it('knows February in a leap year and a due day of 0', () => {
		expect(periodOf(2028, 'monthly', 2, 0)).toEqual({
			number: 2,
			startsOn: '2028-02-01',
			endsOn: '2028-02-29',
			dueOn: '2028-02-29'
		});
		expect(periodOf(2027, 'monthly', 2, 0).endsOn).toBe('2027-02-28');
		expect(periodsOf(2027, 'monthly', 5)).toHaveLength(12);
	});

	it('accepts only the numbers of the year’s periods', () => {
		expect([0, 1, 4, 5, 1.5].map((n) => isPeriod('quarterly', n))).toEqual([
			false,
			true,
			true,
			false,
			false
		]);
		expect(isPeriod('monthly', 12)).toBe(true);
		expect(isPeriod('monthly', 13)).toBe(false);
	});

	it('times a period against today, boundaries included', () => {
		const q1 = periodOf(2027, 'quarterly', 1, 10);
		expect(periodTiming(q1, '2026-12-31')).toBe('not_started');
		expect(periodTiming(q1, '2027-01-01')).toBe('open');
		expect(periodTiming(q1, '2027-04-10')).toBe('open');
		expect(periodTiming(q1, '2027-04-11')).toBe('due_passed');
	});

	it('offers the period still due, else the latest started, none before the year', () => {
		const periods = periodsOf(2027, 'quarterly', 10);
		expect(currentPeriod(periods, '2026-12-07')).toBeNull();
		expect(currentPeriod(periods, '2027-04-05')?.number).toBe(1);
		expect(currentPeriod(periods, '2027-04-11')?.number).toBe(2);
		expect(currentPeriod(periods, '2028-03-01')?.number).toBe(4);
	});

	it('carries a self-rating at each quarter’s end', () => {
		expect(carriesSelfRating('quarterly', 1)).toBe(true);
		expect([1, 2, 3, 6, 12].map((n) => carriesSelfRating('monthly', n))).toEqual([
			false,
			false,
			true,
			true,
			true
		]);
	});
});

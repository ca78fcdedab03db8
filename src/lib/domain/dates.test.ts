import { describe, expect, it } from 'vitest';
import { addYears, todayInVietnam } from './dates';

describe('todayInVietnam', () => {
	it('is already tomorrow after 17:00 UTC', () => {
		expect(todayInVietnam(new Date('2026-11-28T16:59:59Z'))).toBe('2026-11-28');
		expect(todayInVietnam(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29');
	});
	it('crosses the year boundary the same way', () => {
		expect(todayInVietnam(new Date('2026-12-31T18:30:00Z'))).toBe('2027-01-01');
	});
});

describe('addYears', () => {
	it('keeps the calendar day, and puts 29 February on 1 March in a common year', () => {
		expect(addYears('1990-05-19', 18)).toBe('2008-05-19');
		expect(addYears('2004-02-29', 18)).toBe('2022-03-01');
		expect(addYears('2004-02-29', 20)).toBe('2024-02-29');
		expect(addYears('2026-12-07', -18)).toBe('2008-12-07');
	});
});

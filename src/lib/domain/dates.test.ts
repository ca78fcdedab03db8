import { describe, expect, it } from 'vitest';
import { todayInVietnam } from './dates';

describe('todayInVietnam', () => {
	it('is already tomorrow after 17:00 UTC', () => {
		expect(todayInVietnam(new Date('2026-11-28T16:59:59Z'))).toBe('2026-11-28');
		expect(todayInVietnam(new Date('2026-11-28T17:00:00Z'))).toBe('2026-11-29');
	});
	it('crosses the year boundary the same way', () => {
		expect(todayInVietnam(new Date('2026-12-31T18:30:00Z'))).toBe('2027-01-01');
	});
});

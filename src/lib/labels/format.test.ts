import { afterEach, describe, expect, it } from 'vitest';
import { getLocale, overwriteGetLocale } from '$lib/paraglide/runtime';
import { formatDateTime, formatNumber, percentText } from './format';

const defaultGetLocale = getLocale;
afterEach(() => overwriteGetLocale(defaultGetLocale));

describe('shared formatters', () => {
	it('write a moment in Vietnam time, midnight as 00', () => {
		expect(formatDateTime(new Date('2026-12-31T17:05:00Z'))).toBe('01/01/2027 00:05');
		expect(formatDateTime('2026-06-15T03:30:00Z')).toBe('15/06/2026 10:30');
	});

	it('group thousands and write decimals the way each language does', () => {
		expect(formatNumber(2712)).toBe('2.712');
		expect([0, 7, 999, 1000, 1234.5].map(formatNumber)).toEqual([
			'0',
			'7',
			'999',
			'1.000',
			'1.234,5'
		]);
		expect(percentText(564, 1000)).toBe('56,4%');
		overwriteGetLocale(() => 'en');
		expect(formatNumber(2712)).toBe('2,712');
		expect(percentText(564, 1000)).toBe('56.4%');
		expect(percentText(1, 0)).toBe('–');
	});
});

import { describe, expect, it } from 'vitest';
import { checkQuota, quotaLimit, type QuotaGroup } from './quota';
import type { QuotaRounding, QuotaSettings } from './rule-set';
import { RULES_2023, RULES_2025 } from './rule-sets';

describe('quotaLimit', () => {
	it.each([
		[15, 0.2, 'down', 3],
		[15, 0.2, 'up', 3],
		[15, 0.2, 'nearest', 3],
		[4, 0.2, 'down', 0],
		[4, 0.2, 'nearest', 1],
		[4, 0.2, 'up', 1],
		[5, 0.2, 'down', 1],
		[0, 0.2, 'up', 0],
		[14, 0.2, 'down', 2],
		[14, 0.2, 'nearest', 3],
		[12, 0.2, 'nearest', 2],
		[12, 0.2, 'up', 3],
		[10, 0.25, 'down', 2],
		[10, 0.25, 'nearest', 3],
		[10, 0.25, 'up', 3],
		[16, 0.25, 'down', 4],
		[4, 0.25, 'down', 1],
		[3, 0.25, 'down', 0],
		[180, 0.35, 'down', 63],
		[100, 0.07, 'up', 7],
		[1000, 0.2, 'down', 200],
		[7, 0, 'up', 0],
		[7, 1, 'down', 7]
	] as [number, number, QuotaRounding, number][])(
		'%d × %d rounded %s → %d',
		(base, ratio, rounding, limit) => {
			expect(quotaLimit(base, ratio, rounding)).toBe(limit);
		}
	);

	it('rounds down unless told otherwise ("không vượt quá")', () => {
		expect([4, 9, 14, 15].map((n) => quotaLimit(n, 0.2))).toEqual([0, 1, 2, 3]);
	});

	it.each([
		[-1, 0.2],
		[2.5, 0.2],
		[NaN, 0.2],
		[10, NaN],
		[10, -0.2],
		[10, Infinity],
		[10, 0.12345]
	])('refuses base %d with ratio %d', (base, ratio) => {
		expect(() => quotaLimit(base, ratio)).toThrow(RangeError);
	});
});

const SETTINGS: QuotaSettings = RULES_2025.quota;

const group = (id: string, counts: QuotaGroup['counts'], outstanding = false): QuotaGroup => ({
	id,
	name: `Nhóm ${id}`,
	counts,
	outstanding
});

describe('checkQuota', () => {
	it('checks each group against its own base, members or organizations alike', () => {
		const result = checkQuota(
			[
				group('a', { excellent: 3, good: 15, fulfilled: 2 }),
				group('b', { excellent: 4, good: 15 }),
				group('c', { excellent: 1, good: 4 }),
				group('d', { excellent: 4, good: 16 }, true),
				group('e', {})
			],
			SETTINGS
		);
		expect(result).toEqual({
			ok: false,
			groups: [
				{ id: 'a', name: 'Nhóm a', ratio: 0.2, base: 15, limit: 3, used: 3, over: 0, ok: true },
				{ id: 'b', name: 'Nhóm b', ratio: 0.2, base: 15, limit: 3, used: 4, over: 1, ok: false },
				{ id: 'c', name: 'Nhóm c', ratio: 0.2, base: 4, limit: 0, used: 1, over: 1, ok: false },
				{ id: 'd', name: 'Nhóm d', ratio: 0.25, base: 16, limit: 4, used: 4, over: 0, ok: true },
				{ id: 'e', name: 'Nhóm e', ratio: 0.2, base: 0, limit: 0, used: 0, over: 0, ok: true }
			]
		});
	});

	it('is ok when every group is within, and with no groups at all', () => {
		const within = checkQuota([group('a', { excellent: 2, good: 10 })], SETTINGS);
		expect(within.ok).toBe(true);
		expect(checkQuota([], SETTINGS)).toEqual({ ok: true, groups: [] });
	});

	it.each([
		[false, 3],
		[true, 4]
	])(
		'applies the 25 %% exception only to outstanding groups (outstanding: %s → %d)',
		(o, limit) => {
			expect(checkQuota([group('x', { good: 17 }, o)], SETTINGS).groups[0].limit).toBe(limit);
		}
	);

	it('follows the settings’ rounding and base level', () => {
		const settings: QuotaSettings = { ...SETTINGS, rounding: 'up', baseLevel: 'fulfilled' };
		const [g] = checkQuota([group('x', { excellent: 2, good: 50, fulfilled: 6 })], settings).groups;
		expect(g).toMatchObject({ base: 6, limit: 2, used: 2, ok: true });
	});

	it('has no exception under QĐ 124', () => {
		expect(checkQuota([group('x', { good: 16 }, true)], RULES_2023.quota).groups[0].limit).toBe(3);
	});

	it('refuses a count that is not one', () => {
		expect(() => checkQuota([group('x', { excellent: -1, good: 5 })], SETTINGS)).toThrow(
			RangeError
		);
		expect(() => checkQuota([group('x', { good: 1.5 })], SETTINGS)).toThrow(RangeError);
	});
});

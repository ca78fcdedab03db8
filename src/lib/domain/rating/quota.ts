// The HTXSNV quota: in each group, the number rated HTXSNV may not exceed a ratio of the number
// rated at the base level (QĐ 366: 20 % of HTTNV, up to 25 % for outstanding organizations). The
// same arithmetic serves members and organizations; the caller forms the groups.
import type { RatingLevel } from './levels';
import type { QuotaRounding, QuotaSettings } from './rule-set';

// Ratios are taken to a basis point and multiplied as integers. In floating point 0.35 × 180 is
// 62.99999999999999 (rounded down: 62, not 63) and 0.07 × 100 is 7.000000000000001 (up: 8, not 7).
const BASIS = 10_000;

function basisPoints(ratio: number): number {
	const bp = Math.round(ratio * BASIS);
	if (!Number.isFinite(ratio) || ratio < 0 || Math.abs(ratio * BASIS - bp) > 1e-6)
		throw new RangeError(`quota ratio ${ratio} is not a share to a basis point`);
	return bp;
}

function assertCount(n: number, what: string): void {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`${what} ${n} is not a count`);
}

/**
 * The most that may be rated at the limited level: `ratio` × `baseCount`. Rounded down by default
 * ("không vượt quá"): 20 % of 4 is 0. 'nearest' rounds a half up.
 */
export function quotaLimit(
	baseCount: number,
	ratio: number,
	rounding: QuotaRounding = 'down'
): number {
	assertCount(baseCount, 'base count');
	const product = baseCount * basisPoints(ratio);
	const rest = product % BASIS;
	const whole = (product - rest) / BASIS;
	switch (rounding) {
		case 'down':
			return whole;
		case 'up':
			return rest > 0 ? whole + 1 : whole;
		case 'nearest':
			return 2 * rest >= BASIS ? whole + 1 : whole;
	}
}

export interface QuotaGroup {
	id: string;
	name: string;
	/** How many are rated at each level; a missing level counts 0. */
	counts: Partial<Record<RatingLevel, number>>;
	/** An outstanding organization's group: the exception ratio applies. */
	outstanding: boolean;
}

export interface QuotaGroupCheck {
	id: string;
	name: string;
	ratio: number;
	/** The number rated at the base level. */
	base: number;
	limit: number;
	/** The number rated HTXSNV. */
	used: number;
	/** How many HTXSNV beyond the limit (0 when within). */
	over: number;
	ok: boolean;
}

export interface QuotaCheck {
	ok: boolean;
	groups: QuotaGroupCheck[];
}

/** The quota is on HTXSNV in every rule set so far; the base level is configurable. */
const LIMITED: RatingLevel = 'excellent';

export function checkGroup(group: QuotaGroup, settings: QuotaSettings): QuotaGroupCheck {
	const base = group.counts[settings.baseLevel] ?? 0;
	const used = group.counts[LIMITED] ?? 0;
	assertCount(used, `${group.id}: count`);
	const ratio = group.outstanding ? settings.exceptionRatio : settings.ratio;
	const limit = quotaLimit(base, ratio, settings.rounding);
	const over = Math.max(0, used - limit);
	return { id: group.id, name: group.name, ratio, base, limit, used, over, ok: over === 0 };
}

/** Every group against the year's quota settings; ok only when every group is within. */
export function checkQuota(groups: QuotaGroup[], settings: QuotaSettings): QuotaCheck {
	const checked = groups.map((g) => checkGroup(g, settings));
	return { ok: checked.every((g) => g.ok), groups: checked };
}

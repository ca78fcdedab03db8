// The four quality levels of a party member's (and an organization's) rating, best first
// (QĐ 366-QĐ/TW, 2025; the same four in QĐ 124). Stored by these codes; labels/rating.ts words them.
export const RATING_LEVELS = ['excellent', 'good', 'fulfilled', 'not_fulfilled'] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];

export function isRatingLevel(value: unknown): value is RatingLevel {
	return typeof value === 'string' && (RATING_LEVELS as readonly string[]).includes(value);
}

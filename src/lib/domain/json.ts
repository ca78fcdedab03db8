// Comparing stored JSON with what a form built: jsonb returns an object's keys in its own order
// (shorter keys first), so two equal values can stringify differently. Compared with keys sorted.
// (Not the commitments' canonical JSON, which refuses decimals such as a 12.5 target.)
function sorted(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(sorted);
	if (value === null || typeof value !== 'object') return value;
	return Object.fromEntries(
		Object.entries(value)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([k, v]) => [k, sorted(v)])
	);
}

/** The same value, whatever order its objects' keys come in. */
export const sameJson = (a: unknown, b: unknown): boolean =>
	JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));

// A seeded PRNG so the demo database is the same on every run: every random choice of the seed
// flows from one generator in a fixed order. mulberry32 is tiny, fast and good enough for fake data
// (not for anything secret).

export interface Rng {
	/** An integer in [min, max], both included. */
	int(min: number, max: number): number;
	chance(probability: number): boolean;
	pick<T>(items: readonly T[]): T;
	/** Picks from [item, weight] pairs, in proportion to the weights. */
	weighted<T>(items: readonly (readonly [T, number])[]): T;
	/** A shuffled copy (Fisher–Yates). */
	shuffle<T>(items: readonly T[]): T[];
}

export function createRng(seed: number): Rng {
	let state = seed >>> 0;
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	return {
		int,
		chance: (probability) => next() < probability,
		pick: (items) => items[int(0, items.length - 1)],
		weighted(items) {
			let roll = next() * items.reduce((sum, [, weight]) => sum + weight, 0);
			for (const [item, weight] of items) {
				roll -= weight;
				if (roll < 0) return item;
			}
			return items[items.length - 1][0];
		},
		shuffle(items) {
			const copy = [...items];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = int(0, i);
				[copy[i], copy[j]] = [copy[j], copy[i]];
			}
			return copy;
		}
	};
}

// Dates of the demo, all relative to the "today" the seed is given (the day it runs), so a demo
// started next year still has an open signing window, and one today always gives the same
// database. Dates are 'YYYY-MM-DD' strings, as the DATE columns are read (see db/connect.ts).
import type { Rng } from './rng';

const DAY_MS = 86_400_000;

function toDay(iso: string): number {
	return Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / DAY_MS;
}

function fromDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(iso: string, days: number): string {
	return fromDay(toDay(iso) + days);
}

/** Same day n years later; 29 February becomes the 28th in a common year. */
export function addYears(iso: string, years: number): string {
	const day = iso.slice(5) === '02-29' ? '02-28' : iso.slice(5);
	return `${+iso.slice(0, 4) + years}-${day}`;
}

/** A day in [from, to], both included (to is clamped up to from). */
export function randomDate(rng: Rng, from: string, to: string): string {
	const start = toDay(from);
	return fromDay(start + rng.int(0, Math.max(0, toDay(to) - start)));
}

export function minDate(a: string, b: string): string {
	return a < b ? a : b;
}

export function maxDate(a: string, b: string): string {
	return a > b ? a : b;
}

/** A birth date for someone aged between `min` and `max` full years on `today`. */
export function bornAged(rng: Rng, today: string, min: number, max: number): string {
	return randomDate(rng, addDays(addYears(today, -(max + 1)), 1), addYears(today, -min));
}

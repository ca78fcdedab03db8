// One shape for every operation that can be refused: the value, or a typed problem. Areas name
// their own problem codes; the route helper (server/http/refuse.ts) turns a problem into a form
// error or a 4xx, so no area invents another way to say no.

export interface Problem<Code extends string = string> {
	code: Code;
	/** The form field the problem belongs to; none when it concerns the whole request. */
	field?: string;
	/** Values the message needs: a date, a count, a minute figure. */
	detail?: Record<string, string | number>;
}

export type Refused<Code extends string = string> = { ok: false; problem: Problem<Code> };
export type Result<T, Code extends string = string> = { ok: true; value: T } | Refused<Code>;

export function ok(): { ok: true; value: undefined };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value?: T): { ok: true; value: T | undefined } {
	return { ok: true, value };
}

export function refuse<Code extends string>(
	code: Code,
	extra: Omit<Problem<Code>, 'code'> = {}
): Refused<Code> {
	return { ok: false, problem: { code, ...extra } };
}

/**
 * Codes every area shares, so the route helper knows the HTTP answer:
 * - `not_found`: missing or out of scope (never told apart: ids reveal nothing) → 404;
 * - `conflict`: someone else changed the record meanwhile, or its state no longer allows this → 409;
 * - `throttled`: too many attempts → 429.
 * Any other code is the user's input → 400.
 */
export const NOT_FOUND = 'not_found';
export const CONFLICT = 'conflict';
export const THROTTLED = 'throttled';

export function statusOf(problem: Problem): 400 | 404 | 409 | 429 {
	switch (problem.code) {
		case NOT_FOUND:
			return 404;
		case CONFLICT:
			return 409;
		case THROTTLED:
			return 429;
		default:
			return 400;
	}
}

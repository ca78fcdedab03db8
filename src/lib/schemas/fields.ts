// Field builders shared by every form schema. Messages are functions so they are read in the
// request's (or the browser's) language at validation time, not when the module loads.
import { z } from 'zod';
import { todayInVietnam } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';

z.config({
	customError: (issue) => {
		switch (issue.code) {
			case 'too_small':
				return issue.origin === 'string' && issue.minimum === 1
					? m.v_required()
					: m.v_too_short({ min: String(issue.minimum) });
			case 'too_big':
				return m.v_too_long({ max: String(issue.maximum) });
			case 'invalid_value':
				return m.v_invalid_choice();
			case 'invalid_type':
				return issue.input === undefined || issue.input === null ? m.v_required() : m.v_invalid();
			default:
				return m.v_invalid();
		}
	}
});

/** Trimmed, NFC-normalized text; Vietnamese typed with combining marks is stored composed. */
export const text = (min: number, max: number) =>
	z
		.string()
		.transform((s) => s.normalize('NFC').trim())
		.pipe(z.string().min(min).max(max));

export const requiredText = (max: number) => text(1, max);

/** Empty input becomes null (optional text fields of a record). */
export const optionalText = (max: number) =>
	z
		.string()
		.transform((s) => s.normalize('NFC').trim())
		.pipe(z.string().max(max))
		.transform((s) => (s === '' ? null : s))
		.nullable()
		.default(null);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidIsoDate(s: string): boolean {
	if (!ISO_DATE.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const isoDate = () => z.string().refine(isValidIsoDate, { error: () => m.v_invalid_date() });

/** A date no later than today in Vietnam. */
export const pastOrToday = () =>
	isoDate().refine((d) => d <= todayInVietnam(), { error: () => m.v_date_future() });

export const optionalIsoDate = () =>
	z
		.string()
		.transform((s) => s.trim())
		.refine((s) => s === '' || isValidIsoDate(s), { error: () => m.v_invalid_date() })
		.transform((s) => (s === '' ? null : s))
		.nullable()
		.default(null);

export const optionalEmail = () =>
	z
		.string()
		.transform((s) => s.trim())
		.refine((s) => s === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s), {
			error: () => m.v_invalid_email()
		})
		.transform((s) => (s === '' ? null : s.toLowerCase()))
		.nullable()
		.default(null);

export const optionalPhone = () =>
	z
		.string()
		.transform((s) => s.trim())
		.refine((s) => s === '' || /^\+?[0-9 .-]{8,20}$/.test(s), { error: () => m.v_invalid_phone() })
		.transform((s) => (s === '' ? null : s))
		.nullable()
		.default(null);

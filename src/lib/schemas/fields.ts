// Field builders shared by every form schema. Messages are functions so they are read in the
// request's (or the browser's) language at validation time, not when the module loads.
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
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

// The one text rule for everything a person types (forms, search, import cells):
// - C0/C1 control characters are refused: PostgreSQL refuses NUL outright, and the others are
//   invisible on screen, in the audit trail and in printed documents. Tab and line breaks are
//   what a multi-line box sends, so only those fields accept them.
// - Bidirectional embeddings, overrides and isolates reorder the text after them on screen
//   ("Trojan Source"): a name would read differently from what is stored.
// - A value made only of invisible characters (zero-width spaces, joiners, BOM, blanks) looks
//   empty but is not, so "required" would not mean anything.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const INVISIBLE = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}\u2800]+$/u;

export type TextProblem = 'control' | 'line_break' | 'bidi' | 'invisible';

/** What is wrong with a typed value under the text rule, or null when nothing is. */
export function textProblem(s: string, multiline = false): TextProblem | null {
	if (CONTROL.test(s)) return 'control';
	if (!multiline && LINE_BREAK_OR_TAB.test(s)) return 'line_break';
	if (BIDI_CONTROL.test(s)) return 'bidi';
	if (INVISIBLE.test(s)) return 'invisible';
	return null;
}

export function textProblemMessage(problem: TextProblem): string {
	switch (problem) {
		case 'control':
			return m.v_control_character();
		case 'line_break':
			return m.v_line_break();
		case 'bidi':
			return m.v_bidi_control();
		case 'invisible':
			return m.v_invisible_only();
	}
}

/** The text rule as a zod refinement, one issue with the first problem found. */
const textRule =
	(multiline = false) =>
	(s: string, ctx: z.RefinementCtx) => {
		const problem = textProblem(s, multiline);
		if (problem) ctx.addIssue({ code: 'custom', message: textProblemMessage(problem) });
	};

export interface TextOptions {
	/** A box of several lines (textarea): tab and line breaks are allowed. */
	multiline?: boolean;
}

const tidy = (s: string) => s.normalize('NFC').trim();

/** Trimmed, NFC-normalized text under the text rule; Vietnamese typed with combining marks is stored composed. */
export const text = (min: number, max: number, { multiline = false }: TextOptions = {}) =>
	z
		.string()
		.transform(tidy)
		.pipe(z.string().min(min).max(max).superRefine(textRule(multiline)));

export const requiredText = (max: number, options?: TextOptions) => text(1, max, options);

/** Empty input becomes null (optional text fields of a record). */
export const optionalText = (max: number, options?: TextOptions) =>
	text(0, max, options)
		.transform((s) => (s === '' ? null : s))
		.nullable()
		.default(null);

const SEARCH_MAX = 100;

export interface SearchText {
	/** What to search for: '' when there is nothing to search or the text was refused. */
	q: string;
	/** What the box shows again: as typed, so a refused text can be corrected. */
	typed: string;
	error: string | null;
}

const searchSchema = text(0, SEARCH_MAX);

/**
 * A search box's text from the URL. A text that breaks the rule or the length limit is refused
 * with a message instead of being cut or dropped: an empty search would list every record while
 * the box still showed the words typed.
 */
export function searchText(raw: string | null): SearchText {
	const typed = raw ?? '';
	const parsed = searchSchema.safeParse(typed);
	return parsed.success
		? { q: parsed.data, typed: parsed.data, error: null }
		: { q: '', typed, error: parsed.error.issues[0].message };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isValidIsoDate(s: string): boolean {
	// PostgreSQL has no year 0 and refuses '0000-…' outright.
	if (!ISO_DATE.test(s) || s.startsWith('0000')) return false;
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
	text(0, 254)
		.refine((s) => s === '' || /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s), {
			error: () => m.v_invalid_email()
		})
		.transform((s) => (s === '' ? null : s.toLowerCase()))
		.nullable()
		.default(null);

// Within what the database's members_phone_check allows, starting with + or a digit;
// libphonenumber-js would otherwise also find a number inside other text ("ĐT: 0912…").
const PHONE_CHARS = /^\+?[0-9][0-9 .-]{7,19}$/;

/** A number in Vietnam's numbering plan (libphonenumber-js), written with +84 or a leading 0. */
function isVietnamesePhone(s: string): boolean {
	if (!PHONE_CHARS.test(s)) return false;
	const phone = parsePhoneNumberFromString(s, { defaultCountry: 'VN', extract: false });
	return phone?.country === 'VN' && phone.isValid();
}

export const optionalPhone = () =>
	z
		.string()
		.transform((s) => s.trim())
		.refine((s) => s === '' || isVietnamesePhone(s), { error: () => m.v_invalid_phone() })
		.transform((s) => (s === '' ? null : s))
		.nullable()
		.default(null);

/** A plain form's parsed input, or the first message per field (`form` for the whole form). */
export function parseFields<T>(schema: z.ZodType<T>, values: unknown) {
	const r = schema.safeParse(values);
	if (r.success) return { ok: true, value: r.data } as const;
	const errors: Record<string, string> = {};
	for (const issue of r.error.issues) errors[String(issue.path[0] ?? 'form')] ??= issue.message;
	return { ok: false, errors } as const;
}

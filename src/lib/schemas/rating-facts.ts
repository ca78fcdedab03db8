// The rating facts a committee records about a member (migration 0019): a discipline, a leave,
// the withdrawal of a wrong entry, and the year's facts. Plain forms: they work without JavaScript.
import { z } from 'zod';
import { DISCIPLINE_FORMS } from '$lib/domain/rating/facts';
import { RATING_LEVELS } from '$lib/domain/rating/levels';
import { SUBJECT_TYPES } from '$lib/domain/rating/rule-set';
import { m } from '$lib/paraglide/messages';
import { isoDate, optionalText, pastOrToday, requiredText } from './fields';

/** An HTML checkbox: present ('on') or absent. */
const checkbox = () =>
	z
		.string()
		.optional()
		.transform((v) => v === 'on' || v === 'true');
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: () => m.v_invalid_choice() });

export const disciplineSchema = z.object({
	decided_on: pastOrToday(),
	form: choice(DISCIPLINE_FORMS),
	duty_related: checkbox(),
	self_remedied: checkbox(),
	authority: requiredText(200),
	reason: requiredText(1000, { multiline: true })
});
export type DisciplineInput = z.infer<typeof disciplineSchema>;

export const leaveSchema = z
	.object({
		kind: choice(['sick', 'maternity'] as const),
		starts_on: isoDate(),
		ends_on: isoDate(),
		note: optionalText(500)
	})
	.refine((l) => l.ends_on >= l.starts_on, {
		path: ['ends_on'],
		error: () => m.assessments_v_leave_ends()
	});
export type LeaveInput = z.infer<typeof leaveSchema>;

export const withdrawalSchema = z.object({
	kind: choice(['discipline', 'leave'] as const),
	id: z.coerce.number().int().positive(),
	reason: requiredText(500)
});
export type WithdrawalInput = z.infer<typeof withdrawalSchema>;

export const yearFactsSchema = z.object({
	subject_type: choice(SUBJECT_TYPES),
	temporary_cell: optionalText(200),
	concluded_decline: checkbox(),
	concluded_prohibited_breach: checkbox(),
	civil_service_level: z
		.union([z.literal(''), choice(RATING_LEVELS)])
		.optional()
		.transform((v) => (v ? v : null))
});
export type YearFactsInput = z.infer<typeof yearFactsSchema>;

/** The form's fields as posted (absent checkboxes stay absent). */
export function formValues(form: FormData): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form) if (typeof v === 'string') out[k] = v;
	return out;
}

// The form that records a cell meeting: what the minutes say, the attendance of each member on
// the roster (`att_<id>` present or absent, `reason_<id>`), and the comments the meeting gave
// members, in numbered rows (`c0_member`, `c0_body`) that a page without JavaScript can post.
import { z } from 'zod';
import { MEETING_KINDS } from '$lib/domain/meeting/minutes';
import { m } from '$lib/paraglide/messages';
import { isoDate, isValidIsoDate, requiredText, text } from './fields';

export const COMMENT_ROWS = 5;

export interface MeetingForm {
	held_on: string;
	kind: string;
	topic: string;
	venue: string;
	chair: string;
	clerk: string;
	agenda: string;
	proceedings: string;
	conclusion: string;
	attendance: { member_id: number; present: boolean; reason: string }[];
	comments: { member: string; body: string }[];
}

export interface MeetingInput {
	held_on: string;
	kind: (typeof MEETING_KINDS)[number];
	topic: string | null;
	venue: string;
	chair: number;
	clerk: number;
	agenda: string;
	proceedings: string;
	conclusion: string;
	attendance: { member_id: number; present: boolean; reason: string | null }[];
	comments: { member_id: number; body: string }[];
}

const str = (form: FormData, name: string): string => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

/** The posted form; attendance for each member on the roster (present unless marked absent). */
export function readMeetingForm(form: FormData, roster: number[]): MeetingForm {
	return {
		held_on: str(form, 'held_on'),
		kind: str(form, 'kind'),
		topic: str(form, 'topic'),
		venue: str(form, 'venue'),
		chair: str(form, 'chair'),
		clerk: str(form, 'clerk'),
		agenda: str(form, 'agenda'),
		proceedings: str(form, 'proceedings'),
		conclusion: str(form, 'conclusion'),
		attendance: roster.map((id) => ({
			member_id: id,
			present: str(form, `att_${id}`) !== 'absent',
			reason: str(form, `reason_${id}`)
		})),
		comments: Array.from({ length: COMMENT_ROWS }, (_, i) => ({
			member: str(form, `c${i}_member`),
			body: str(form, `c${i}_body`)
		}))
	};
}

export const BLANK_MEETING = (today: string, roster: number[]): MeetingForm => ({
	held_on: today,
	kind: 'regular',
	topic: '',
	venue: '',
	chair: '',
	clerk: '',
	agenda: '',
	proceedings: '',
	conclusion: '',
	attendance: roster.map((id) => ({ member_id: id, present: true, reason: '' })),
	comments: Array.from({ length: COMMENT_ROWS }, () => ({ member: '', body: '' }))
});

const schema = z.object({
	held_on: isoDate(),
	kind: z.enum(MEETING_KINDS, { error: () => m.v_invalid_choice() }),
	topic: text(0, 300),
	venue: requiredText(200),
	chair: z.string(),
	clerk: z.string(),
	agenda: text(0, 4000, { multiline: true }),
	proceedings: requiredText(20000, { multiline: true }),
	conclusion: text(0, 4000, { multiline: true })
});

const reasonSchema = text(0, 200);
const bodySchema = text(0, 2000, { multiline: true });

export type FormErrors = Record<string, string>;

/**
 * The meeting from the form for a year (`held_on` in it) and a roster, or the errors by field.
 * A comment row left blank is no row; a row with text needs a member of the roster.
 */
export function parseMeeting(
	form: MeetingForm,
	year: number,
	roster: number[]
): { ok: true; value: MeetingInput } | { ok: false; errors: FormErrors } {
	const errors: FormErrors = {};
	const r = schema.safeParse(form);
	if (!r.success) for (const i of r.error.issues) errors[String(i.path[0])] ??= i.message;
	const onRoster = (v: string) => /^\d{1,9}$/.test(v) && roster.includes(Number(v));
	// Checked on what was typed, so they show beside the other fields' errors.
	if (isValidIsoDate(form.held_on) && !form.held_on.startsWith(`${year}-`))
		errors.held_on = m.meetings_v_in_year({ year: String(year) });
	if (form.kind === 'thematic' && form.topic.trim() === '') errors.topic ??= m.meetings_v_topic();
	for (const f of ['chair', 'clerk'] as const)
		if (!onRoster(form[f])) errors[f] = m.meetings_v_member();
	const attendance = form.attendance.map((a) => {
		const reason = reasonSchema.safeParse(a.reason);
		if (!a.present && (!reason.success || reason.data === ''))
			errors[`reason_${a.member_id}`] = reason.success
				? m.meetings_v_reason()
				: reason.error.issues[0].message;
		return {
			member_id: a.member_id,
			present: a.present,
			reason: a.present ? null : reason.success ? reason.data : ''
		};
	});
	const comments: MeetingInput['comments'] = [];
	form.comments.forEach((c, i) => {
		const body = bodySchema.safeParse(c.body);
		if (!body.success) errors[`c${i}_body`] = body.error.issues[0].message;
		else if (body.data === '') return;
		else if (!onRoster(c.member)) errors[`c${i}_member`] = m.meetings_v_member();
		else comments.push({ member_id: Number(c.member), body: body.data });
	});
	if (!r.success || Object.keys(errors).length > 0) return { ok: false, errors };
	return {
		ok: true,
		value: {
			...r.data,
			topic: r.data.kind === 'thematic' ? r.data.topic : null,
			chair: Number(form.chair),
			clerk: Number(form.clerk),
			attendance,
			comments
		}
	};
}

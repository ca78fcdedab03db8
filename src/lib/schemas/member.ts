// A member's record as typed in a form or read from an import row: one schema for both.
import { z } from 'zod';
import { addYears, todayInVietnam } from '$lib/domain/dates';
import { ADMISSION_AGE, EARLIEST_BIRTH, PARTY_FOUNDED } from '$lib/domain/members';
import { formatDate } from '$lib/labels/format';
import { m } from '$lib/paraglide/messages';
import {
	isValidIsoDate,
	optionalEmail,
	optionalIsoDate,
	optionalPhone,
	optionalText,
	requiredText
} from './fields';

export { MEMBER_STATUSES, type MemberStatus } from '$lib/domain/members';

// Mirrors the database check members_card_no_check, to answer in words.
const CARD_NO = /^[0-9A-Za-z.-]{4,20}$/;

export const cardNo = () =>
	requiredText(20).pipe(z.string().regex(CARD_NO, { error: () => m.v_card_no() }));

export const memberFields = {
	card_no: cardNo(),
	full_name: requiredText(120).pipe(z.string().min(2)),
	birth_date: optionalIsoDate(),
	gender: z
		.enum(['male', 'female', ''])
		.transform((g) => (g === '' ? null : g))
		.nullable()
		.default(null),
	joined_on: optionalIsoDate(),
	full_member_on: optionalIsoDate(),
	party_position: optionalText(200),
	government_position: optionalText(200),
	mass_org_position: optionalText(200),
	workplace: optionalText(300),
	phone: optionalPhone(),
	email: optionalEmail()
};

const DATE_FIELDS = ['birth_date', 'joined_on', 'full_member_on'] as const;
type MemberDates = Record<(typeof DATE_FIELDS)[number], string | null>;

function ownDateProblem(field: keyof MemberDates, date: string, today: string): string | null {
	if (date > today) return m.v_date_future();
	if (field !== 'birth_date') return date < PARTY_FOUNDED ? m.member_before_party_founded() : null;
	if (date < EARLIEST_BIRTH) return m.member_birth_too_early();
	// Every member was admitted at 18 or older, so is at least 18 today.
	if (addYears(date, ADMISSION_AGE) > today) return m.member_under_age();
	return null;
}

/**
 * The date rules; migrations/0003_members.sql mirrors the plainest of them. Each date is checked
 * on its own first (not in the future, plausible), and an order only between dates that passed:
 * one wrong date (a birth date in the future, a mistyped joining date) is reported once, at
 * that date, not again as a wrong order at the next one.
 */
export function checkMemberDates(v: MemberDates, ctx: z.RefinementCtx, today: string): void {
	const ok: Partial<MemberDates> = {};
	for (const field of DATE_FIELDS) {
		const date = v[field];
		// An unreadable date is already reported by its own field.
		if (!date || !isValidIsoDate(date)) continue;
		const problem = ownDateProblem(field, date, today);
		if (problem) ctx.addIssue({ code: 'custom', path: [field], message: problem });
		else ok[field] = date;
	}
	// Admission at 18 full years (which also puts joining after birth, as the database checks).
	const adult = ok.birth_date && addYears(ok.birth_date, ADMISSION_AGE);
	if (ok.joined_on && adult && ok.joined_on < adult)
		ctx.addIssue({
			code: 'custom',
			path: ['joined_on'],
			message: m.member_joined_under_age({ date: formatDate(adult) })
		});
	if (ok.full_member_on && ok.joined_on && ok.full_member_on < ok.joined_on)
		ctx.addIssue({
			code: 'custom',
			path: ['full_member_on'],
			message: m.member_full_before_joined()
		});
}

export const memberSchema = z
	.object(memberFields)
	.superRefine((v, ctx) => checkMemberDates(v, ctx, todayInVietnam()));

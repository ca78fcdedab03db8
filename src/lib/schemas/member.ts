// A member's record as typed in a form or read from an import row: one schema for both.
import { z } from 'zod';
import { todayInVietnam } from '$lib/domain/dates';
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
	if (field === 'birth_date' && date < '1900-01-01') return m.v_invalid_date();
	if (date > today) return m.v_date_future();
	return null;
}

/**
 * The date rules, mirrored by CHECK constraints in migrations/0003_members.sql. Each date is
 * checked on its own first, and an order only between dates that passed: one wrong date (a
 * birth date in the future, a mistyped joining date) is reported once, at that date, not again
 * as a wrong order at the next one.
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
	if (ok.joined_on && ok.birth_date && ok.joined_on <= ok.birth_date)
		ctx.addIssue({ code: 'custom', path: ['joined_on'], message: m.member_joined_before_birth() });
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

// A member's record as typed in a form or read from an import row: one schema for both.
import { z } from 'zod';
import { todayInVietnam } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import {
	optionalEmail,
	optionalIsoDate,
	optionalPhone,
	optionalText,
	requiredText
} from './fields';

export const MEMBER_STATUSES = ['probationary', 'official', 'exempted', 'suspended'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

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

/** Cross-field date rules, mirrored by CHECK constraints in migrations/0003_members.sql. */
export function checkMemberDates(
	v: { birth_date: string | null; joined_on: string | null; full_member_on: string | null },
	ctx: z.RefinementCtx,
	today: string
): void {
	if (v.birth_date && v.birth_date < '1900-01-01')
		ctx.addIssue({ code: 'custom', path: ['birth_date'], message: m.v_invalid_date() });
	if (v.birth_date && v.birth_date > today)
		ctx.addIssue({ code: 'custom', path: ['birth_date'], message: m.v_date_future() });
	if (v.joined_on && v.birth_date && v.joined_on <= v.birth_date)
		ctx.addIssue({ code: 'custom', path: ['joined_on'], message: m.member_joined_before_birth() });
	if (v.joined_on && v.joined_on > today)
		ctx.addIssue({ code: 'custom', path: ['joined_on'], message: m.v_date_future() });
	if (v.full_member_on && v.full_member_on > today)
		ctx.addIssue({ code: 'custom', path: ['full_member_on'], message: m.v_date_future() });
	if (v.full_member_on && v.joined_on && v.full_member_on < v.joined_on)
		ctx.addIssue({
			code: 'custom',
			path: ['full_member_on'],
			message: m.member_full_before_joined()
		});
}

export const memberSchema = z
	.object(memberFields)
	.superRefine((v, ctx) => checkMemberDates(v, ctx, todayInVietnam()));

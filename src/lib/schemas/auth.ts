import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requiredText } from './fields';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;
/** A bound in UTF-16 units that any password of PASSWORD_MAX characters fits in, in any form. */
const RAW_MAX = PASSWORD_MAX * 4;

/** Characters as a person counts them: "ệ" is one whether typed composed or decomposed. */
const characters = (s: string) => [...s.normalize('NFC')].length;

// Passwords are not trimmed: spaces are allowed anywhere (a sentence makes a good password).
// Lengths count characters, not UTF-16 units; the raw bound only caps what reaches the hasher.
// Every password field states the limit a person can act on (PASSWORD_MAX), not the raw bound.
const tooLong = { error: () => m.v_too_long({ max: String(PASSWORD_MAX) }) };
const withinLimit = (schema: z.ZodString) =>
	schema
		.max(RAW_MAX, { ...tooLong, abort: true })
		.refine((v) => characters(v) <= PASSWORD_MAX, tooLong);

/** A password typed to prove who one is (login, current password, signing). */
export const password = () => withinLimit(z.string().min(1));

const newPassword = withinLimit(z.string()).refine((v) => characters(v) >= PASSWORD_MIN, {
	error: () => m.v_too_short({ min: String(PASSWORD_MIN) })
});

export const loginSchema = z.object({
	login: requiredText(64),
	password: password()
});

const confirmation = {
	new_password: newPassword,
	confirm_password: withinLimit(z.string())
};

const confirmationMatches = {
	check: (v: { new_password: string; confirm_password: string }) =>
		v.new_password === v.confirm_password,
	params: { error: () => m.password_mismatch(), path: ['confirm_password'] }
};

export const changePasswordSchema = z
	.object({ current_password: password(), ...confirmation })
	.refine(confirmationMatches.check, confirmationMatches.params);

export const activationSchema = z
	.object(confirmation)
	.refine(confirmationMatches.check, confirmationMatches.params);

export const localeSchema = z.object({ locale: z.enum(['vi', 'en']) });

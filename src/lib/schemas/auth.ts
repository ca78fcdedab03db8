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
const newPassword = z
	.string()
	.max(RAW_MAX)
	.refine((v) => characters(v) >= PASSWORD_MIN, {
		error: () => m.v_too_short({ min: String(PASSWORD_MIN) })
	})
	.refine((v) => characters(v) <= PASSWORD_MAX, {
		error: () => m.v_too_long({ max: String(PASSWORD_MAX) })
	});

export const loginSchema = z.object({
	login: requiredText(64),
	password: z.string().min(1).max(RAW_MAX)
});

const confirmation = {
	new_password: newPassword,
	confirm_password: z.string().max(RAW_MAX)
};

const confirmationMatches = {
	check: (v: { new_password: string; confirm_password: string }) =>
		v.new_password === v.confirm_password,
	params: { error: () => m.password_mismatch(), path: ['confirm_password'] }
};

export const changePasswordSchema = z
	.object({ current_password: z.string().min(1).max(RAW_MAX), ...confirmation })
	.refine(confirmationMatches.check, confirmationMatches.params);

export const activationSchema = z
	.object(confirmation)
	.refine(confirmationMatches.check, confirmationMatches.params);

export const localeSchema = z.object({ locale: z.enum(['vi', 'en']) });

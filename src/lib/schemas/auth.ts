import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { requiredText } from './fields';

export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 256;

// Passwords are not trimmed: spaces are allowed anywhere (a sentence makes a good password).
const newPassword = z
	.string()
	.min(PASSWORD_MIN, { error: () => m.v_too_short({ min: String(PASSWORD_MIN) }) })
	.max(PASSWORD_MAX);

export const loginSchema = z.object({
	login: requiredText(64),
	password: z.string().min(1).max(PASSWORD_MAX)
});

const confirmation = {
	new_password: newPassword,
	confirm_password: z.string().max(PASSWORD_MAX)
};

const confirmationMatches = {
	check: (v: { new_password: string; confirm_password: string }) =>
		v.new_password === v.confirm_password,
	params: { error: () => m.password_mismatch(), path: ['confirm_password'] }
};

export const changePasswordSchema = z
	.object({ current_password: z.string().min(1).max(PASSWORD_MAX), ...confirmation })
	.refine(confirmationMatches.check, confirmationMatches.params);

export const activationSchema = z
	.object(confirmation)
	.refine(confirmationMatches.check, confirmationMatches.params);

export const localeSchema = z.object({ locale: z.enum(['vi', 'en']) });

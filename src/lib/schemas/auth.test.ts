import { describe, expect, it } from 'vitest';
import { activationSchema } from './auth';

const check = (pw: string) =>
	activationSchema.safeParse({ new_password: pw, confirm_password: pw }).success;

describe('new password length', () => {
	it('counts characters, not UTF-16 units, in either Unicode form', () => {
		// "ệ" decomposed is three code units; seven of them are still seven characters.
		expect('ệ'.normalize('NFD')).toHaveLength(3);
		expect(check('ệ'.normalize('NFD').repeat(7))).toBe(false);
		expect(check('ệ'.normalize('NFD').repeat(8))).toBe(true);
		// An emoji is two UTF-16 units but one character.
		expect(check('🌟'.repeat(7))).toBe(false);
	});

	it('allows 256 characters however they are encoded, and not 257', () => {
		expect(check('ệ'.normalize('NFD').repeat(256))).toBe(true);
		expect(check('a'.repeat(257))).toBe(false);
	});
});

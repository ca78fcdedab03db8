import { describe, expect, it } from 'vitest';
import { hashToken, isTokenShaped, newToken } from './tokens';

describe('account tokens', () => {
	it('are 160-bit base32 strings, different every time', () => {
		const a = newToken();
		expect(a).toMatch(/^[a-z2-7]{32}$/);
		expect(isTokenShaped(a)).toBe(true);
		expect(new Set(Array.from({ length: 200 }, newToken)).size).toBe(200);
	});

	it('are stored as SHA-256 hex', () => {
		expect(hashToken('abc')).toBe(
			'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
		);
	});

	it('reject anything not shaped like a token', () => {
		for (const bad of ['', 'short', 'A'.repeat(32), '1'.repeat(32), 'a'.repeat(33), '../x'])
			expect(isTokenShaped(bad)).toBe(false);
	});
});

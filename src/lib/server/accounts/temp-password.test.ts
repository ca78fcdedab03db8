import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateTemporaryPassword, TEMP_PASSWORD_ALPHABET } from './temp-password';

afterEach(() => vi.restoreAllMocks());

describe('generateTemporaryPassword', () => {
	it('gives four groups of four characters from the unambiguous alphabet', () => {
		for (let i = 0; i < 200; i++) {
			const p = generateTemporaryPassword();
			expect(p).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
			for (const c of p.replaceAll('-', '')) expect(TEMP_PASSWORD_ALPHABET).toContain(c);
		}
	});

	it('never uses look-alike characters', () => {
		for (const c of '01ilo') expect(TEMP_PASSWORD_ALPHABET).not.toContain(c);
		expect(new Set(TEMP_PASSWORD_ALPHABET).size).toBe(TEMP_PASSWORD_ALPHABET.length);
	});

	it('draws from crypto.getRandomValues', () => {
		const spy = vi.spyOn(crypto, 'getRandomValues');
		generateTemporaryPassword();
		expect(spy).toHaveBeenCalled();
	});

	it('rejects biased bytes instead of folding them with a modulo', () => {
		// 248..255 would map onto the first eight symbols: they must be skipped.
		let call = 0;
		vi.spyOn(crypto, 'getRandomValues').mockImplementation(
			<T extends ArrayBufferView | null>(array: T): T => {
				const bytes = array as unknown as Uint8Array;
				bytes.fill(call++ === 0 ? 255 : 30);
				return array;
			}
		);
		expect(generateTemporaryPassword()).toBe('9999-9999-9999-9999');
		expect(call).toBe(2);
	});

	it('does not repeat itself', () => {
		const seen = new Set(Array.from({ length: 500 }, generateTemporaryPassword));
		expect(seen.size).toBe(500);
	});
});

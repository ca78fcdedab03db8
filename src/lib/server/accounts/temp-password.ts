// Temporary passwords an administrator reads out or writes down for a member: lower-case only
// and without look-alikes (0/o, 1/l/i), in groups of four so they are easy to type on a phone.
// 16 characters from 31 symbols ≈ 79 bits, far beyond guessing under the login throttle.

export const TEMP_PASSWORD_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;
// Bytes at or above the largest multiple of the alphabet size are rejected so that every symbol
// is equally likely (a plain modulo would favour the first symbols).
const LIMIT = 256 - (256 % TEMP_PASSWORD_ALPHABET.length);

export function generateTemporaryPassword(): string {
	const chars: string[] = [];
	while (chars.length < GROUPS * GROUP_LENGTH) {
		for (const byte of crypto.getRandomValues(new Uint8Array(32))) {
			if (byte < LIMIT && chars.length < GROUPS * GROUP_LENGTH)
				chars.push(TEMP_PASSWORD_ALPHABET[byte % TEMP_PASSWORD_ALPHABET.length]);
		}
	}
	const groups: string[] = [];
	for (let i = 0; i < GROUPS; i++)
		groups.push(chars.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH).join(''));
	return groups.join('-');
}

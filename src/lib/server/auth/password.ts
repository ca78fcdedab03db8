// Passwords: argon2id with the OWASP minimum parameters (19 MiB, t=2, p=1), NFC-normalized so the
// same Vietnamese password typed on another keyboard still matches.
import { hash, verify } from '@node-rs/argon2';
import { dictionary } from '@zxcvbn-ts/language-common';

const ARGON2 = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

export function normalizePassword(password: string): string {
	return password.normalize('NFC');
}

export async function hashPassword(password: string): Promise<string> {
	return hash(normalizePassword(password), ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, normalizePassword(password));
	} catch {
		return false;
	}
}

// A hash of a random string, verified against when the login is unknown so that an unknown
// account takes as long to refuse as a wrong password.
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(crypto.randomUUID());
	return dummyHash;
}

// ~49k most common passwords (zxcvbn-ts list) plus local ones Vietnamese users often pick.
const LOCAL_COMMON = [
	'matkhau',
	'matkhau1',
	'matkhau123',
	'matkhau@123',
	'dangvien',
	'dangcongsan',
	'vietnam',
	'vietnam123',
	'hochiminh',
	'camket',
	'camket123',
	'abc@123',
	'admin@123',
	'x@123456',
	'a123456@'
];
let common: Set<string> | undefined;

export function isCommonPassword(password: string): boolean {
	common ??= new Set([...dictionary['passwords-common'], ...LOCAL_COMMON]);
	const lowered = normalizePassword(password).toLowerCase();
	return common.has(lowered);
}

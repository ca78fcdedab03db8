// Canonical JSON and hashes for signed commitments. The form follows RFC 8785 (JCS) for what a
// snapshot contains — object keys sorted by UTF-16 code units, no whitespace, JSON.stringify's
// string escaping — with two deliberate departures: strings (keys too) are NFC-normalized first, so
// composed and decomposed Vietnamese hash alike, and numbers must be safe integers, because a
// snapshot has no fractions and integer output is the same in every JSON implementation.
// Pure JS (no node:crypto) so the browser can recompute a hash when verifying a printout.
import { sha256 } from '@oslojs/crypto/sha2';
import { decodeHex, encodeBase32UpperCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import type { CommitmentSnapshot } from './snapshot';

export class CanonicalJsonError extends Error {
	constructor(message: string) {
		super(`canonical JSON: ${message}`);
		this.name = 'CanonicalJsonError';
	}
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function canonicalString(s: string): string {
	// A lone surrogate has no UTF-8 form: two different inputs would hash alike after replacement.
	if (LONE_SURROGATE.test(s)) throw new CanonicalJsonError('lone surrogate in string');
	return JSON.stringify(s.normalize('NFC'));
}

function isPlainObject(value: object): value is Record<string, unknown> {
	const proto: unknown = Object.getPrototypeOf(value);
	return proto === Object.prototype || proto === null;
}

function serialize(value: unknown, ancestors: Set<object>): string {
	if (value === null) return 'null';
	switch (typeof value) {
		case 'boolean':
			return value ? 'true' : 'false';
		case 'string':
			return canonicalString(value);
		case 'number':
			if (!Number.isSafeInteger(value)) throw new CanonicalJsonError(`number ${value}`);
			return String(value === 0 ? 0 : value); // -0 → 0
		case 'object':
			break;
		default:
			throw new CanonicalJsonError(`unsupported ${typeof value}`);
	}
	if (ancestors.has(value)) throw new CanonicalJsonError('cycle');
	ancestors.add(value);
	try {
		return Array.isArray(value)
			? serializeArray(value, ancestors)
			: serializeObject(value, ancestors);
	} finally {
		ancestors.delete(value);
	}
}

function serializeArray(value: unknown[], ancestors: Set<object>): string {
	const parts: string[] = [];
	for (const item of value) {
		// JSON.stringify would write null: refuse instead, as the two would hash alike.
		if (item === undefined) throw new CanonicalJsonError('undefined in array');
		parts.push(serialize(item, ancestors));
	}
	return `[${parts.join(',')}]`;
}

function serializeObject(value: object, ancestors: Set<object>): string {
	// Dates, Maps and class instances have no single JSON form: the caller converts them.
	if (!isPlainObject(value)) throw new CanonicalJsonError('not a plain object');
	const entries = new Map<string, unknown>();
	for (const [key, item] of Object.entries(value)) {
		if (item === undefined) continue;
		const k = key.normalize('NFC');
		if (entries.has(k)) throw new CanonicalJsonError('keys equal after NFC normalization');
		entries.set(k, item);
	}
	// The default sort compares UTF-16 code units, which is what RFC 8785 asks for.
	const keys = [...entries.keys()].sort();
	const parts = keys.map((k) => `${canonicalString(k)}:${serialize(entries.get(k), ancestors)}`);
	return `{${parts.join(',')}}`;
}

export function canonicalJson(value: unknown): string {
	if (value === undefined) throw new CanonicalJsonError('undefined');
	return serialize(value, new Set());
}

export function sha256Hex(text: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(text)));
}

export function snapshotHash(snapshot: CommitmentSnapshot): string {
	return sha256Hex(canonicalJson(snapshot));
}

const HASH_HEX = /^[0-9a-f]{64}$/;
export const CODE_LENGTH = 12;

/**
 * The first 60 bits of the hash as 12 base32 characters (A–Z, 2–7): short enough to type from
 * a printout, and with 2^60 values a collision among a bloc's commitments is not a concern
 * (the database still enforces uniqueness).
 */
export function verificationCode(hashHex: string): string {
	if (!HASH_HEX.test(hashHex)) throw new CanonicalJsonError('not a lower-case SHA-256 hex digest');
	// 8 bytes encode to 13 characters; the first 12 carry exactly the first 60 bits.
	return encodeBase32UpperCaseNoPadding(decodeHex(hashHex.slice(0, 16))).slice(0, CODE_LENGTH);
}

/** 'ABCDEFGHIJKL' → 'ABCD-EFGH-IJKL', for printing and display. */
export function formatCode(code: string): string {
	return (code.match(/.{1,4}/g) ?? []).join('-');
}

// Base32 has no 0, 1 or 8: someone copying from paper most likely meant O, I or B.
const LOOK_ALIKES: Record<string, string> = { '0': 'O', '1': 'I', '8': 'B' };
const CODE = /^[A-Z2-7]{12}$/;

/** A code as typed (any case, spaces, dashes, look-alike digits) → the stored form, or undefined. */
export function parseCode(input: string): string | undefined {
	const code = input
		.normalize('NFKC')
		.toUpperCase()
		.replace(/[\s\-‐‑‒–—.]/g, '')
		.replace(/[018]/g, (c) => LOOK_ALIKES[c]);
	return CODE.test(code) ? code : undefined;
}

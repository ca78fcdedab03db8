// The keys of the commitment seal (commitments/seal.ts). They live outside the database, so that
// whoever can write its tables still cannot make a seal: SEAL_KEYS, or for the embedded database
// a key file under DATA_DIR, created on first start. Key material is never logged.
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from './db/connect';

export interface SealKeys {
	/** Seals every new signature. */
	current: { id: string; key: Buffer };
	/** Every key that may have sealed a row, the current one included. */
	byId: ReadonlyMap<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
// HMAC-SHA-256 gains nothing from a longer key and loses strength with a shorter one.
const KEY_BYTES = 32;
const FORMAT = 'keys are written id:base64key (the id: letters, digits, - or _, at most 32)';

/** 'id:base64key' entries separated by commas or lines, the current key first; '#' starts a comment line. */
export function parseSealKeys(text: string, source: string): SealKeys {
	const entries = text
		.split('\n')
		.filter((line) => !line.trim().startsWith('#'))
		.flatMap((line) => line.split(','))
		.map((entry) => entry.trim())
		.filter(Boolean);
	const byId = new Map<string, Buffer>();
	for (const entry of entries) {
		const colon = entry.indexOf(':');
		const id = entry.slice(0, colon);
		const encoded = entry.slice(colon + 1).trim();
		if (colon < 0 || !KEY_ID.test(id) || !BASE64.test(encoded))
			throw new StartupError(`${source}: ${FORMAT}`);
		const key = Buffer.from(encoded, 'base64');
		if (key.length < KEY_BYTES)
			throw new StartupError(`${source}: the key '${id}' is shorter than ${KEY_BYTES} bytes`);
		if (byId.has(id)) throw new StartupError(`${source}: the key id '${id}' appears twice`);
		byId.set(id, key);
	}
	const first = [...byId][0];
	if (!first) throw new StartupError(`${source} holds no key (${FORMAT})`);
	return { current: { id: first[0], key: first[1] }, byId };
}

export function keyFileOf(dataDir: string): string {
	return path.join(dataDir, 'seal-keys');
}

export function newKeyEntry(id: string): string {
	return `${id}:${randomBytes(KEY_BYTES).toString('base64')}`;
}

/**
 * The embedded database's keys from its key file. The first start writes the file with a new
 * key (readable by this user only); a missing file is an error once something has been sealed,
 * because a new key would not verify those seals.
 */
export async function keysFromFile(
	file: string,
	anySealed: () => Promise<boolean>
): Promise<SealKeys> {
	try {
		return parseSealKeys(await readFile(file, 'utf8'), file);
	} catch (err) {
		if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
			if (err instanceof StartupError) throw err;
			throw new StartupError(`The seal key file ${file} cannot be read.`);
		}
	}
	if (await anySealed())
		throw new StartupError(
			`The seal key file ${file} is missing, and the database holds commitments sealed with ` +
				'its keys: restore it from its backup (README, "The seal key").'
		);
	const text =
		'# camket: keys of the commitment seal, the current one first. Keep older keys to verify\n' +
		'# what they sealed. Back this file up apart from the database (README, "The seal key").\n' +
		`${newKeyEntry('k1')}\n`;
	await writeFile(file, text, { mode: 0o600, flag: 'wx' });
	return parseSealKeys(text, file);
}

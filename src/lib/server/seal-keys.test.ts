import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StartupError } from './db/connect';
import { keyFileOf, keysFromFile, newKeyEntry, parseSealKeys } from './seal-keys';

const KEY = Buffer.alloc(32, 7).toString('base64');

describe('parseSealKeys', () => {
	it('takes id:base64 entries by comma or line, the first current, with comment lines', () => {
		const keys = parseSealKeys(
			`# rotated\nk2:${KEY}, k1:${Buffer.alloc(40, 1).toString('base64')}\n`,
			'SEAL_KEYS'
		);
		expect(keys.current).toEqual({ id: 'k2', key: Buffer.alloc(32, 7) });
		expect([...keys.byId.keys()]).toEqual(['k2', 'k1']);
	});

	it('refuses what is not a usable key, naming where it came from', () => {
		const refused = (text: string, message: RegExp) => {
			expect(() => parseSealKeys(text, 'SEAL_KEYS')).toThrow(StartupError);
			expect(() => parseSealKeys(text, 'SEAL_KEYS')).toThrow(message);
		};
		refused('', /^SEAL_KEYS holds no key/);
		refused(KEY, /^SEAL_KEYS: keys are written id:base64key/);
		refused(`k 1:${KEY}`, /id:base64key/);
		refused('k1:not base64!', /id:base64key/);
		refused(`k1:${Buffer.alloc(16).toString('base64')}`, /'k1' is shorter than 32 bytes/);
		refused(`k1:${KEY},k1:${KEY}`, /'k1' appears twice/);
	});
});

describe('the embedded database’s key file', () => {
	let dir: string;
	beforeEach(async () => {
		dir = await mkdtemp(path.join(tmpdir(), 'camket-keys-'));
	});
	afterEach(() => rm(dir, { recursive: true, force: true }));

	it('is made on first start, readable by its owner only, and read back after', async () => {
		const file = keyFileOf(dir);
		const made = await keysFromFile(file, async () => false);
		expect(made.current.id).toBe('k1');
		expect((await stat(file)).mode & 0o777).toBe(0o600);
		const again = await keysFromFile(file, async () => {
			throw new Error('not asked when the file is there');
		});
		expect(again.current.key.equals(made.current.key)).toBe(true);
		expect(await readFile(file, 'utf8')).toMatch(/^# camket/);
	});

	it('is not made afresh once something was sealed: the old key must come back', async () => {
		await expect(keysFromFile(keyFileOf(dir), async () => true)).rejects.toThrow(
			/seal-keys is missing, and the database holds commitments sealed with its keys/
		);
	});

	it('new entries parse, each with a key of its own', () => {
		const a = parseSealKeys(newKeyEntry('k9'), 'x').current;
		const b = parseSealKeys(newKeyEntry('k9'), 'x').current;
		expect(a.id).toBe('k9');
		expect(a.key.equals(b.key)).toBe(false);
	});
});

import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BlobStore, fileStore, newBlobKey } from './storage';

async function read(stream: Readable | undefined): Promise<Buffer | undefined> {
	return stream && buffer(stream);
}

describe('newBlobKey', () => {
	it('is 32 lower-case hex characters, fresh every time', () => {
		const keys = new Set(Array.from({ length: 100 }, newBlobKey));
		expect(keys.size).toBe(100);
		for (const key of keys) expect(key).toMatch(/^[0-9a-f]{32}$/);
	});
});

describe('fileStore', () => {
	let root: string;
	let store: BlobStore;
	beforeEach(async () => {
		root = await mkdtemp(path.join(tmpdir(), 'camket-blobs-'));
		store = fileStore(path.join(root, 'evidence'));
	});
	afterEach(() => rm(root, { recursive: true, force: true }));

	it('gives back what was put, fanned out by the first four characters', async () => {
		const key = newBlobKey();
		const data = new Uint8Array([0, 1, 2, 255, 254]);
		await store.put(key, data);
		expect(await read(await store.get(key))).toEqual(Buffer.from(data));

		const dir = path.join(root, 'evidence', key.slice(0, 2), key.slice(2, 4));
		expect(await readdir(dir)).toEqual([key]);
	});

	it('keeps blobs private to the server user', async () => {
		const key = newBlobKey();
		await store.put(key, new Uint8Array([1]));
		const evidence = path.join(root, 'evidence');
		const first = path.join(evidence, key.slice(0, 2));
		const second = path.join(first, key.slice(2, 4));
		for (const dir of [evidence, first, second]) {
			expect((await stat(dir)).mode & 0o777).toBe(0o700);
		}
		expect((await stat(path.join(second, key))).mode & 0o777).toBe(0o600);
	});

	it('streams a large blob whole', async () => {
		const key = newBlobKey();
		const data = new Uint8Array(3 * 1024 * 1024).map((_, i) => i % 251);
		await store.put(key, data);
		expect((await read(await store.get(key)))?.equals(data)).toBe(true);
	});

	it('answers undefined for a key that holds nothing', async () => {
		expect(await store.get(newBlobKey())).toBeUndefined();
	});

	it('deletes, and deleting again is fine', async () => {
		const key = newBlobKey();
		await store.put(key, new Uint8Array([7]));
		await store.delete(key);
		expect(await store.get(key)).toBeUndefined();
		await expect(store.delete(key)).resolves.toBeUndefined();
	});

	it('replaces a blob whole when a key is written again', async () => {
		const key = newBlobKey();
		await store.put(key, new Uint8Array(1000).fill(1));
		await store.put(key, new Uint8Array([2, 2]));
		expect(await read(await store.get(key))).toEqual(Buffer.from([2, 2]));
		expect(await readdir(path.join(root, 'evidence', key.slice(0, 2), key.slice(2, 4)))).toEqual([
			key
		]);
	});

	it('refuses a key that is not 32 lower-case hex characters before touching the disk', async () => {
		const bad = [
			'',
			'../../../../etc/passwd',
			'..',
			`${newBlobKey()}/x`,
			newBlobKey().toUpperCase(),
			newBlobKey().slice(1),
			`${newBlobKey()}0`,
			`${newBlobKey().slice(0, 31)}g`
		];
		for (const key of bad) {
			await expect(store.put(key, new Uint8Array([1]))).rejects.toThrow(/blob key/);
			await expect(store.get(key)).rejects.toThrow(/blob key/);
			await expect(store.delete(key)).rejects.toThrow(/blob key/);
		}
		expect(await readdir(root)).toEqual([]);
	});
});

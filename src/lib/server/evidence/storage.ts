// Where evidence bytes live. The interface is small so an S3-compatible store can replace the
// file store; the database keeps only the key, the name and the media type.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { readConfig } from '../config';

export interface BlobStore {
	/** Atomic: a reader sees the whole blob or none, never a partial one. */
	put(key: string, data: Uint8Array): Promise<void>;
	/** The blob as a stream, or undefined when there is none under the key. */
	get(key: string): Promise<Readable | undefined>;
	/** Deleting an absent blob is not an error. */
	delete(key: string): Promise<void>;
	/**
	 * Every stored key last written before `before`; leftovers of writes a killed process never
	 * finished are removed on the way, since no key can point at them.
	 */
	keysBefore(before: Date): AsyncIterable<string>;
}

const KEY = /^[0-9a-f]{32}$/;

export function newBlobKey(): string {
	return randomBytes(16).toString('hex');
}

export function fileStore(root: string): BlobStore {
	// async, so a bad key rejects like every other failure instead of throwing at the call.
	return {
		put: async (key, data) => writeAtomically(blobPath(root, key), data),
		get: async (key) => openForReading(blobPath(root, key)),
		delete: async (key) => unlinkIfPresent(blobPath(root, key)),
		keysBefore: (before) => keysBefore(root, before)
	};
}

let evidence: BlobStore | undefined;

export function evidenceStore(): BlobStore {
	evidence ??= fileStore(path.join(readConfig().dataDir, 'evidence'));
	return evidence;
}

// The key is checked before it reaches a path: anything else could climb out of the root.
// Two levels of fan-out keep every directory small.
function blobPath(root: string, key: string): string {
	if (!KEY.test(key)) throw new Error('blob key must be 32 lower-case hex characters');
	return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
}

async function writeAtomically(file: string, data: Uint8Array): Promise<void> {
	const dir = path.dirname(file);
	await mkdir(dir, { recursive: true, mode: 0o700 });
	// A temp name that can never be a key, in the same directory so the rename stays atomic.
	const temp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
	try {
		const handle = await open(temp, 'wx', 0o600);
		try {
			await handle.writeFile(data);
			await handle.sync();
		} finally {
			await handle.close();
		}
		await rename(temp, file);
	} catch (error) {
		await unlinkIfPresent(temp);
		throw error;
	}
	await syncDirectory(dir);
}

// Without this the rename itself may be lost on a crash, leaving a key the database points at.
async function syncDirectory(dir: string): Promise<void> {
	const handle = await open(dir, 'r');
	try {
		await handle.sync();
	} finally {
		await handle.close();
	}
}

async function openForReading(file: string): Promise<Readable | undefined> {
	try {
		const handle = await open(file, 'r');
		return handle.createReadStream();
	} catch (error) {
		if (isNotFound(error)) return undefined;
		throw error;
	}
}

async function* keysBefore(root: string, before: Date): AsyncIterable<string> {
	for (const a of await subdirectories(root))
		for (const b of await subdirectories(path.join(root, a))) {
			const dir = path.join(root, a, b);
			for (const name of await readdir(dir)) {
				const file = path.join(dir, name);
				const modified = await stat(file).then(
					(s) => s.mtime,
					() => null
				);
				if (!modified || modified >= before) continue;
				if (KEY.test(name)) yield name;
				else if (name.endsWith('.tmp')) await unlinkIfPresent(file);
			}
		}
}

async function subdirectories(dir: string): Promise<string[]> {
	try {
		const entries = await readdir(dir, { withFileTypes: true });
		return entries
			.filter((e) => e.isDirectory() && /^[0-9a-f]{2}$/.test(e.name))
			.map((e) => e.name);
	} catch (error) {
		if (isNotFound(error)) return [];
		throw error;
	}
}

async function unlinkIfPresent(file: string): Promise<void> {
	try {
		await unlink(file);
	} catch (error) {
		if (!isNotFound(error)) throw error;
	}
}

function isNotFound(error: unknown): boolean {
	return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}

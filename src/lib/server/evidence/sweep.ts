// Blobs no evidence row points at. A report's files are written before its transaction and
// removed when it fails; a process killed in between leaves them behind, unreadable (nothing
// serves a key without its row) but counted on disk. The daily sweep removes them. Only blobs
// older than an hour are looked at: no upload's transaction is still running by then.
import type { Db } from '../db/connect';
import { schedule } from '../jobs';
import { evidenceStore, type BlobStore } from './storage';

const GRACE_MS = 60 * 60 * 1000;
const EVERY_MS = 24 * 60 * 60 * 1000;
const BATCH = 500;

export async function sweepOrphanBlobs(
	db: Db,
	store: BlobStore,
	now = new Date()
): Promise<{ orphans: number }> {
	let orphans = 0;
	let batch: string[] = [];
	const flush = async () => {
		const known = await db
			.selectFrom('evidence_files')
			.select('storage_key')
			.where('storage_key', 'in', batch)
			.execute();
		const kept = new Set(known.map((r) => r.storage_key));
		for (const key of batch.filter((k) => !kept.has(k))) {
			await store.delete(key);
			orphans++;
		}
		batch = [];
	};
	for await (const key of store.keysBefore(new Date(now.getTime() - GRACE_MS))) {
		batch.push(key);
		if (batch.length === BATCH) await flush();
	}
	if (batch.length > 0) await flush();
	return { orphans };
}

/** Starts the daily sweep of the evidence store (now, then every day); returns its stop. */
export function startEvidenceSweep(db: Db): () => void {
	return schedule(db, 'evidence_sweep', EVERY_MS, (trx) => sweepOrphanBlobs(trx, evidenceStore()));
}

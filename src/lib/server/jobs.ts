// Scheduled jobs run in every process of a deployment; a PostgreSQL advisory lock lets only one of
// them do a given job at a time. The lock is transaction-scoped and the job runs in that same
// transaction: the lock goes when the job commits or fails, even if its connection dies, and the
// job needs no second connection (on the embedded database, another connection's statements wait
// until this transaction ends). A session-level lock would instead stay with a pooled connection
// whenever an unlock was missed.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from './db/connect';
import { errorFields, log } from './log';

export type JobName = 'housekeeping' | 'report_reminders' | 'evidence_sweep';

export type JobRun<T> = { ran: true; value: T } | { ran: false };

/** Runs `job` in a transaction unless another process is running it now (then returns ran: false). */
export async function runExclusive<T>(
	db: Db,
	name: JobName,
	job: (trx: Db) => Promise<T>
): Promise<JobRun<T>> {
	return db.transaction().execute(async (trx): Promise<JobRun<T>> => {
		const { rows } = await sql<{ locked: boolean }>`
			select pg_try_advisory_xact_lock(${lockKey(name)}::bigint) as locked`.execute(trx);
		if (!rows[0].locked) return { ran: false };
		return { ran: true, value: await job(trx) };
	});
}

/** A stable 64-bit key per job name (PostgreSQL's own hashtext() may change between versions). */
export function lockKey(name: JobName): string {
	return createHash('sha256').update(`camket job ${name}`).digest().readBigInt64BE(0).toString();
}

/**
 * Runs `job` now and then every `everyMs` in this process, exclusively across the deployment;
 * the returned function stops it. What the job returns is logged: counts and ids only.
 */
export function schedule<T extends Record<string, number>>(
	db: Db,
	name: JobName,
	everyMs: number,
	job: (trx: Db) => Promise<T>
): () => void {
	const run = () => {
		runExclusive(db, name, job).then(
			(r) =>
				r.ran
					? log.info(name, r.value)
					: log.debug(`${name} skipped: another process is running it`),
			(err: unknown) => log.warn(`${name} failed`, errorFields(err))
		);
	};
	run();
	const timer = setInterval(run, everyMs);
	// The timer must not keep a stopping process alive.
	timer.unref();
	return () => clearInterval(timer);
}

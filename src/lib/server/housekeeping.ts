// Hourly sweep of rows that have stopped meaning anything: expired sessions and spent login
// throttle counters. Neither affects correctness (both are checked on read); the sweep keeps the
// tables from growing with every failed login under a made-up name.
import { purgeSessions } from './auth/session';
import { purgeThrottle } from './auth/throttle';
import type { Db } from './db/connect';
import { runExclusive, schedule, type JobRun } from './jobs';

const EVERY_MS = 60 * 60 * 1000;

export async function sweep(db: Db): Promise<{ sessions: number; throttle: number }> {
	const sessions = await purgeSessions(db);
	const throttle = await purgeThrottle(db);
	return { sessions, throttle };
}

/** One sweep, unless another process of the deployment is sweeping right now. */
export function runHousekeeping(db: Db): Promise<JobRun<{ sessions: number; throttle: number }>> {
	return runExclusive(db, 'housekeeping', sweep);
}

/** Starts the sweep (now, then hourly); the returned function stops it. */
export function startHousekeeping(db: Db): () => void {
	return schedule(db, 'housekeeping', EVERY_MS, sweep);
}

// Hourly sweep of rows that have stopped meaning anything: expired sessions and spent login
// throttle counters. Neither affects correctness (both are checked on read); the sweep keeps the
// tables from growing with every failed login under a made-up name.
import { purgeSessions } from './auth/session';
import { purgeThrottle } from './auth/throttle';
import type { Db } from './db/connect';
import { errorFields, log } from './log';

const EVERY_MS = 60 * 60 * 1000;

export async function sweep(db: Db): Promise<{ sessions: number; throttle: number }> {
	const [sessions, throttle] = await Promise.all([purgeSessions(db), purgeThrottle(db)]);
	return { sessions, throttle };
}

/** Starts the sweep (now, then hourly); the returned function stops it. */
export function startHousekeeping(db: Db): () => void {
	const run = () => {
		sweep(db).then(
			(n) => log.info('housekeeping', n),
			(err: unknown) => log.warn('housekeeping failed', errorFields(err))
		);
	};
	run();
	const timer = setInterval(run, EVERY_MS);
	// The timer must not keep a stopping process alive.
	timer.unref();
	return () => clearInterval(timer);
}

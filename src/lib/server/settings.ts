// Application settings stored in the database (app_settings).
import type { Db } from './db/connect';

export interface DemoLogin {
	login: string;
	role: string;
	label_vi: string;
	label_en: string;
}

export const DEMO_PASSWORD = 'camket-demo-2026';

/** The demo accounts, present only when the demo bloc was seeded into this database. */
export async function demoLogins(db: Db): Promise<DemoLogin[]> {
	const row = await db
		.selectFrom('app_settings')
		.select('value')
		.where('key', '=', 'demo')
		.executeTakeFirst();
	const logins = (row?.value as { logins?: DemoLogin[] } | undefined)?.logins;
	return Array.isArray(logins) ? logins : [];
}

const DEMO_LOGINS_KEPT_MS = 60_000;
const recent = new WeakMap<Db, { until: number; logins: Promise<DemoLogin[]> }>();

/**
 * demoLogins, kept for a minute per database: the login page shows them on every visit and they
 * change only when the demo bloc is seeded. Display only: nothing is allowed or refused by them.
 */
export function recentDemoLogins(db: Db, now = Date.now()): Promise<DemoLogin[]> {
	const kept = recent.get(db);
	if (kept && kept.until > now) return kept.logins;
	const logins = demoLogins(db);
	recent.set(db, { until: now + DEMO_LOGINS_KEPT_MS, logins });
	// A failed read is not kept; the caller still sees the failure.
	logins.catch(() => recent.delete(db));
	return logins;
}

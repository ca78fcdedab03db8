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

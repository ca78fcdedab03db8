// Demo mode: `npm start` on the embedded database (SEED_DEMO=1) loads the demo bloc, whose 2,713
// accounts share one password printed on the login page. Outside demo mode nothing is seeded, and
// a database that holds demo accounts anyway (a demo data directory or dump put into service) gets
// that password refused, with one warning in the log, so it never opens a real deployment.
import { readConfig } from '../config';
import { normalizePassword } from '../auth/password';
import type { Db } from '../db/connect';
import { log } from '../log';
import { DEMO_PASSWORD, demoLogins } from '../settings';

export function demoMode(): boolean {
	return readConfig().demoMode;
}

/** The demo's published password, which counts as wrong outside demo mode. */
export function refusedDemoPassword(password: string): boolean {
	return !demoMode() && normalizePassword(password) === DEMO_PASSWORD;
}

/** At start: seed an empty database in demo mode; outside it, warn about demo accounts found. */
export async function startDemo(db: Db, on: boolean): Promise<void> {
	if (!on) {
		const logins = await demoLogins(db);
		if (logins.length > 0)
			log.warn('demo accounts found outside demo mode: the demo password is refused', {
				demoLogins: logins.length
			});
		return;
	}
	const any = await db.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
	if (!any) {
		const began = Date.now();
		const { seedDemo } = await import('./seed');
		const summary = await seedDemo(db);
		log.info('demo bloc seeded', {
			units: summary.units,
			members: summary.members,
			ms: Date.now() - began
		});
	}
	const logins = await demoLogins(db);
	if (logins.length === 0) return;
	// Printed for the person who ran `npm start`; demo accounts hold no real data.
	console.log(
		`\nDemo accounts (password: ${DEMO_PASSWORD}):\n` +
			logins.map((l) => `  ${l.login.padEnd(10)} ${l.label_en}`).join('\n') +
			'\n'
	);
}

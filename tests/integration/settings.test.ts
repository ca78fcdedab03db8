import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recentDemoLogins } from '$lib/server/settings';
import { createTestDb, type TestDb } from './helpers/db';

let t: TestDb;
beforeAll(async () => {
	t = await createTestDb();
});
afterAll(async () => t?.close());

describe('demo logins on the login page', () => {
	it('are read again once a minute has passed', async () => {
		const start = Date.now();
		expect(await recentDemoLogins(t.db, start)).toEqual([]);
		const logins = [
			{ login: 'bithu', role: 'cell_secretary', label_vi: 'Bí thư', label_en: 'Sec' }
		];
		await t.db
			.insertInto('app_settings')
			.values({ key: 'demo', value: JSON.stringify({ logins }) })
			.execute();
		expect(await recentDemoLogins(t.db, start + 59_000)).toEqual([]);
		expect(await recentDemoLogins(t.db, start + 61_000)).toEqual(logins);
	});
});

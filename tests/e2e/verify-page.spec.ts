// The public verification page: kept out of caches and search engines, and limited per address
// with a clear message.
import { request } from '@playwright/test';
import { test, expect } from './helpers';

test('verification answers are neither cached nor indexed', async ({ request: anyone }) => {
	for (const path of ['/verify', '/verify/AAAAAAAAAAAA', '/verify/not-a-code']) {
		const res = await anyone.get(path);
		expect(res.status(), path).toBe(200);
		expect(res.headers()['cache-control'], path).toBe('no-store');
		expect(res.headers()['x-robots-tag'], path).toBe('noindex');
	}
	const robots = await (await anyone.get('/robots.txt')).text();
	expect(robots).toMatch(/^Disallow: \/verify$/m);
});

test('too many look-ups from one address are refused with how long to wait', async ({
	page,
	baseURL
}) => {
	// From [::1] (the e2e server listens on both stacks), so the other journeys' address is not
	// the one blocked.
	const elsewhere = await request.newContext({ baseURL: baseURL!.replace('127.0.0.1', '[::1]') });
	try {
		for (let i = 0; i < 60; i++)
			expect((await elsewhere.get('/verify/AAAAAAAAAAAA')).status()).toBe(200);
		const refused = await elsewhere.get('/verify/AAAAAAAAAAAA');
		expect(refused.status()).toBe(429);
		expect(refused.headers()['cache-control']).toBe('no-store');
		expect(await refused.text()).toMatch(
			/Địa chỉ này đã tra cứu quá nhiều mã trong thời gian ngắn\. Vui lòng thử lại sau \d+ phút\./
		);
	} finally {
		await elsewhere.dispose();
	}
	// This address still gets its answers.
	expect((await page.request.get('/verify/AAAAAAAAAAAA')).status()).toBe(200);
});

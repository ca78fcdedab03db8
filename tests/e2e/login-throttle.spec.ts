// Journey: five wrong passwords for one login from one address block it there for a while, even
// with the right password; other people logging in from the same address are not locked out, and
// the owner of the login is not locked out from another address.
import { request, type Page } from '@playwright/test';
import { membersOf, RESERVED_CELLS, stcCellId } from './demo';
import { test, expect, DEMO_PASSWORD, expectAccessible, login } from './helpers';

async function tryLogin(page: Page, loginName: string, password: string): Promise<void> {
	await page.getByLabel('Tên đăng nhập').fill(loginName);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
	const answer = page.waitForResponse(
		(r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/login'
	);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await answer;
}

test('five wrong passwords block the login from this address, even the right password', async ({
	page,
	baseURL
}) => {
	// Members of a cell no other test uses: their logins are their card numbers.
	const [victim, neighbour] = await membersOf(
		baseURL!,
		await stcCellId(baseURL!, RESERVED_CELLS.throttle)
	);

	await page.goto('/login', { waitUntil: 'networkidle' });
	for (let i = 1; i <= 4; i++) {
		await tryLogin(page, victim.card, `sai-mat-khau-${i}`);
		await expect(page.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
	}
	await tryLogin(page, victim.card, 'sai-mat-khau-5');

	await tryLogin(page, victim.card, DEMO_PASSWORD);
	await expect(page.getByRole('alert')).toHaveText(
		/^Đồng chí đã nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/
	);
	await expect(page).toHaveURL('/login');
	await expectAccessible(page);

	// A fresh browser or stray spaces change nothing: the block is on the login, not on a cookie.
	await page.context().clearCookies();
	await page.goto('/login', { waitUntil: 'networkidle' });
	await tryLogin(page, ` ${victim.card} `, DEMO_PASSWORD);
	await expect(page.getByRole('alert')).toContainText('Đồng chí đã nhập sai quá nhiều lần');

	// Someone else at the same address still gets in.
	await login(page, neighbour.card);
	await expect(page).toHaveURL('/');
});

test('guesses from another address do not lock the owner out', async ({ page, baseURL }) => {
	// The cell's last member: the first two are the test above's, the third logs in as danguy.
	const owner = (await membersOf(baseURL!, await stcCellId(baseURL!, RESERVED_CELLS.throttle))).at(
		-1
	)!;
	// The e2e server listens on both stacks: [::1] is another address than 127.0.0.1.
	const elsewhere = await request.newContext({
		baseURL: baseURL!.replace('127.0.0.1', '[::1]'),
		extraHTTPHeaders: { origin: baseURL!, accept: 'text/html' }
	});
	const guess = (password: string) =>
		elsewhere.post('/login', { form: { login: owner.card, password }, maxRedirects: 0 });
	try {
		for (let i = 1; i <= 5; i++) expect((await guess(`doan-mo-${i}`)).status()).toBe(400);
		// Blocked there, even with the right password.
		expect((await guess(DEMO_PASSWORD)).status()).toBe(429);
	} finally {
		await elsewhere.dispose();
	}
	await login(page, owner.card);
	await expect(page).toHaveURL('/');
});

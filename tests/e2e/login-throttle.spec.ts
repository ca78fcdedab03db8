// Journey: five wrong passwords for one login block it for a while, even with the right password;
// other people logging in from the same address are not locked out.
import type { Page } from '@playwright/test';
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

test('five wrong passwords block the login, even the right password is then refused', async ({
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
		/^Bạn đã nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/
	);
	await expect(page).toHaveURL('/login');
	await expectAccessible(page);

	// A fresh browser or stray spaces change nothing: the block is on the login, not on a cookie.
	await page.context().clearCookies();
	await page.goto('/login', { waitUntil: 'networkidle' });
	await tryLogin(page, ` ${victim.card} `, DEMO_PASSWORD);
	await expect(page.getByRole('alert')).toContainText('Bạn đã nhập sai quá nhiều lần');

	// Someone else at the same address still gets in.
	await login(page, neighbour.card);
	await expect(page).toHaveURL('/');
});

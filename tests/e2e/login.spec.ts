import { test, expect, expectAccessible, login } from './helpers';

test('the login page is Vietnamese, accessible and lists the demo accounts', async ({ page }) => {
	await page.goto('/login');
	await expect(page).toHaveTitle(/Đăng nhập/);
	await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
	await expect(page.getByRole('heading', { name: 'Tài khoản trình diễn' })).toBeVisible();
	await expectAccessible(page);
});

test('a member logs in and out', async ({ page }) => {
	await login(page, 'dangvien');
	await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Đăng xuất' }).click();
	await expect(page).toHaveURL(/\/login/);
	await page.goto('/me');
	await expect(page).toHaveURL(/\/login\?next=%2Fme/);
});

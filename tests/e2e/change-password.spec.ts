// Journey: a member changes their password. The old one stops working, their other session is
// logged out, the new one works. The member's login (their card number) is found through the UI.
import type { Page } from '@playwright/test';
import { RESERVED_CELLS, UNITS } from './demo';
import { test, expect, DEMO_PASSWORD, expectAccessible, login } from './helpers';

const NEW_PASSWORD = 'Hoa sen nở giữa đầm 2026';

/** As danguy: the card number of the first member of a cell of Đảng bộ Sở Tài chính. */
async function cardNumberOfAMember(page: Page, cell: string): Promise<string> {
	await login(page, 'danguy');
	await page
		.getByRole('navigation', { name: 'Điều hướng chính' })
		.getByRole('link', { name: 'Tổ chức đảng' })
		.click();
	await page.getByRole('link', { name: UNITS.stc, exact: true }).click();
	await page.getByRole('link', { name: cell, exact: true }).click();
	await page.getByRole('link', { name: 'Xem danh sách đảng viên' }).click();
	await page
		.getByRole('table', { name: 'Đảng viên' })
		.locator('tbody tr')
		.first()
		.getByRole('link')
		.click();
	const card = page
		.locator('dt', { hasText: 'Số thẻ đảng viên' })
		.locator('xpath=following-sibling::dd');
	return (await card.innerText()).trim();
}

test('a member changes their password; the old one and the other session stop working', async ({
	browser,
	page
}) => {
	const cardNo = await cardNumberOfAMember(page, RESERVED_CELLS.changePassword);
	expect(cardNo).toMatch(/^\d{8}$/);

	const laptop = await browser.newContext();
	const phone = await browser.newContext();
	const a = await laptop.newPage();
	const b = await phone.newPage();
	await login(a, cardNo);
	await login(b, cardNo);

	await a.goto('/me');
	await expect(a.getByText('Số phiên đăng nhập khác đang mở: 1')).toBeVisible();
	await a.goto('/me/password');
	await expect(a.getByRole('heading', { level: 1 })).toHaveText('Đổi mật khẩu');
	await a.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
	await a.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
	await a.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
	await a.getByRole('button', { name: 'Đổi mật khẩu' }).click();
	await expect(a.getByRole('status')).toHaveText(
		'Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.'
	);
	await expectAccessible(a);

	// The session that changed the password stays; the other one is gone.
	await a.goto('/me');
	await expect(a).toHaveURL('/me');
	await b.goto('/me', { waitUntil: 'networkidle' });
	await expect(b).toHaveURL('/login?next=%2Fme');

	await b.getByLabel('Tên đăng nhập').fill(cardNo);
	await b.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
	await b.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(b.getByRole('alert')).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
	await expect(b).toHaveURL(/\/login/);

	await b.getByLabel('Mật khẩu', { exact: true }).fill(NEW_PASSWORD);
	await b.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(b).toHaveURL('/me');
	await expect(b.getByRole('heading', { level: 1 })).toHaveText('Hồ sơ của tôi');

	await laptop.close();
	await phone.close();
});

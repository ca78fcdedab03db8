// Journey: a grassroots committee member moves a member between two cells of its đảng bộ; the
// member's page and history show the move, and the audit trail records it.
import type { Page } from '@playwright/test';
import { RESERVED_CELLS, UNITS } from './demo';
import { test, expect, expectAccessible, login } from './helpers';

async function openCell(page: Page, name: string): Promise<void> {
	await page
		.getByRole('navigation', { name: 'Điều hướng chính' })
		.getByRole('link', { name: 'Tổ chức đảng' })
		.click();
	await page.getByRole('link', { name: UNITS.stc, exact: true }).click();
	await page.getByRole('link', { name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('danguy transfers a member between two cells of Đảng bộ Sở Tài chính', async ({ page }) => {
	const { transferFrom: from, transferTo: to } = RESERVED_CELLS;
	await login(page, 'danguy');
	const me = (await page.getByRole('heading', { level: 1 }).innerText()).replace('Xin chào, ', '');
	await openCell(page, from);
	await page.getByRole('link', { name: 'Xem danh sách đảng viên' }).click();
	const first = page
		.getByRole('table', { name: 'Đảng viên' })
		.locator('tbody tr')
		.first()
		.getByRole('link');
	const name = await first.innerText();
	await first.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
	const memberUrl = page.url();

	await page.getByRole('link', { name: 'Chuyển sinh hoạt đảng' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chuyển sinh hoạt đảng');
	await expect(page.getByText(`Kết thúc sinh hoạt tại ${from}`)).toBeVisible();
	await expectAccessible(page);
	await page.getByLabel('Chuyển đến chi bộ').selectOption({ label: to });
	// The date field starts at today, the usual case.
	await expect(page.getByLabel('Ngày chuyển')).not.toHaveValue('');
	await page.getByRole('button', { name: 'Chuyển sinh hoạt' }).click();

	await expect(page).toHaveURL(`${memberUrl}?transferred=1`);
	await expect(page.getByRole('status')).toHaveText('Đã chuyển sinh hoạt đảng.');
	const identity = page.getByRole('region', { name: 'Thông tin đảng viên' });
	await expect(
		identity.getByRole('listitem').filter({ hasText: 'Chi bộ trực thuộc' })
	).toContainText(to);
	const history = page
		.getByRole('region', { name: 'Quá trình sinh hoạt đảng' })
		.getByRole('listitem');
	await expect(history.first()).toContainText(to);
	await expect(history.first()).toContainText('– nay');
	const old = history.filter({ hasText: from });
	await expect(old).toHaveCount(1);
	await expect(old).toContainText('· Chuyển sinh hoạt');
	await expect(old).not.toContainText('nay');
	await expectAccessible(page);

	await page
		.getByRole('navigation', { name: 'Điều hướng chính' })
		.getByRole('link', { name: 'Nhật ký' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nhật ký hoạt động');
	const entries = page.getByRole('main').getByRole('list').first().locator(':scope > li');
	const started = entries.filter({ hasText: 'Bắt đầu sinh hoạt tại chi bộ' }).first();
	const ended = entries.filter({ hasText: 'Kết thúc sinh hoạt tại chi bộ' }).first();
	for (const entry of [started, ended]) await expect(entry).toContainText(`Người thực hiện: ${me}`);
	await expectAccessible(page);
	// An auditor must be able to tell who was moved where without decoding database ids.
	await expect(started, 'the audit entry names the member').toContainText(name);
	await expect(started, 'the audit entry names the new cell').toContainText(to);
});

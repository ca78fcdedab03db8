// Journey: the organization department browses the tree from the bloc down to one cell and its
// members; counts shown on the way agree with the member list.
import type { Page } from '@playwright/test';
import { UNITS } from './demo';
import { test, expect, expectAccessible, login } from './helpers';

/** "2.712 đảng viên · 69 tổ chức trực thuộc" under the unit's heading → 2712. */
async function memberCountOfUnit(page: Page): Promise<number> {
	const summary = page.locator('header').filter({ has: page.getByRole('heading', { level: 1 }) });
	const text = await summary.getByText(/[\d.]+ đảng viên · [\d.]+ tổ chức trực thuộc/).innerText();
	return Number(/^([\d.]+)/.exec(text)![1].replaceAll('.', ''));
}

test('bantochuc browses bloc → đảng bộ cơ sở → chi bộ → its members', async ({ page }) => {
	await login(page, 'bantochuc');
	await page
		.getByRole('navigation', { name: 'Điều hướng chính' })
		.getByRole('link', { name: 'Tổ chức đảng' })
		.click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tổ chức đảng');
	await page.getByRole('link', { name: UNITS.bloc, exact: true }).click();

	// The bloc: 34 đảng bộ cơ sở and 35 chi bộ cơ sở directly below it.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(UNITS.bloc);
	const children = page.getByRole('table', { name: 'Tổ chức trực thuộc' }).locator('tbody tr');
	await expect(children).toHaveCount(69);
	await expect(children.filter({ hasText: 'Đảng bộ cơ sở' })).toHaveCount(34);
	await expect(children.filter({ hasText: 'Chi bộ cơ sở' })).toHaveCount(35);
	await expectAccessible(page);

	await page.getByRole('link', { name: UNITS.stc, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(UNITS.stc);
	const breadcrumb = page.getByRole('navigation', { name: 'Vị trí trong hệ thống tổ chức' });
	await expect(breadcrumb.getByRole('link', { name: UNITS.bloc })).toBeVisible();
	await expect(
		page.getByRole('table', { name: 'Tổ chức trực thuộc' }).locator('tbody tr')
	).toHaveCount(8);
	await expectAccessible(page);

	await page.getByRole('link', { name: UNITS.ownCell, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(UNITS.ownCell);
	await expect(breadcrumb.getByRole('link')).toHaveText(['Tổ chức đảng', UNITS.bloc, UNITS.stc]);
	await expect(page.getByRole('region', { name: 'Cấp ủy và cán bộ phụ trách' })).toContainText(
		'Bí thư chi bộ'
	);
	const count = await memberCountOfUnit(page);
	expect(count).toBeGreaterThanOrEqual(3);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Xem danh sách đảng viên' }).click();
	await expect(page).toHaveURL(/\/members\?unit=\d+/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đảng viên');
	await expect(page.getByRole('main').getByRole('link', { name: UNITS.ownCell })).toBeVisible();
	await expect(page.getByText(`${count} đảng viên`, { exact: true })).toBeVisible();
	const rows = page.getByRole('table', { name: 'Đảng viên' }).locator('tbody tr');
	await expect(rows).toHaveCount(count);
	// Every listed member sits in that cell (column "Chi bộ").
	for (const cell of await rows.locator('td:nth-child(4)').allInnerTexts()) {
		expect(cell.split('\n')[0]).toBe(UNITS.ownCell);
	}
	await expectAccessible(page);
});

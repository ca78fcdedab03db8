// Journey: searching members by name with or without diacritics, and by card number.
import type { Page } from '@playwright/test';
import { test, expect, expectAccessible, fold, login } from './helpers';

interface Result {
	count: string;
	names: string[];
	cards: string[];
}

const countText = (page: Page) => page.getByRole('main').getByText(/^[\d.]+ đảng viên$/);

async function search(page: Page, q: string): Promise<void> {
	await page.getByLabel('Tìm theo tên hoặc số thẻ').fill(q);
	await page.getByRole('button', { name: 'Tìm kiếm' }).click();
	await expect(page).toHaveURL((url) => url.searchParams.get('q') === q);
}

async function results(page: Page): Promise<Result> {
	const table = page.getByRole('table', { name: 'Đảng viên' });
	return {
		count: await countText(page).innerText(),
		names: await table.locator('tbody tr td:nth-child(1)').allInnerTexts(),
		cards: await table.locator('tbody tr td:nth-child(2)').allInnerTexts()
	};
}

test('"Nguyễn Văn" and "nguyen van" find the same members; a card number finds one', async ({
	page
}) => {
	await login(page, 'bantochuc');
	const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
	await menu.getByRole('link', { name: 'Đảng viên' }).click();
	await expect(page.getByText('Có thể gõ không dấu, ví dụ "nguyen van".')).toBeVisible();
	const all = await countText(page).innerText();
	expect(all).toBe('2.712 đảng viên');

	await search(page, 'Nguyễn Văn');
	await expect(countText(page)).not.toHaveText(all);
	const withMarks = await results(page);
	expect(withMarks.names.length).toBeGreaterThan(0);
	for (const name of withMarks.names) expect(fold(name)).toContain('nguyen van');
	await expectAccessible(page);

	await search(page, 'nguyen van');
	await expect.poll(() => results(page)).toEqual(withMarks);

	const card = withMarks.cards[0];
	await search(page, card);
	await expect(countText(page)).toHaveText('1 đảng viên');
	expect(await results(page)).toEqual({
		count: '1 đảng viên',
		names: [withMarks.names[0]],
		cards: [card]
	});
});

// Journey: the forms work in a browser without JavaScript (old phones, strict settings): the
// server answers every submit with a full page.
import { test, expect, DEMO_PASSWORD, expectAccessibleWithoutJs, fold } from './helpers';

test.use({ javaScriptEnabled: false });

test('logging in works without JavaScript', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('bithu');
	await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Xin chào, /);
	await expectAccessibleWithoutJs(page);
});

test('searching members works without JavaScript', async ({ page }) => {
	await page.goto('/login?next=%2Fmembers');
	await page.getByLabel('Tên đăng nhập').fill('bithu');
	await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL('/members');
	const rows = page.getByRole('table', { name: 'Đảng viên' }).locator('tbody tr');
	const names = await rows.locator('td:nth-child(1)').allInnerTexts();
	expect(names.length).toBeGreaterThan(1);

	// The last word of the first name, typed without diacritics, finds that member again.
	const given = fold(names[0].split(' ').at(-1)!);
	await page.getByLabel('Tìm theo tên hoặc số thẻ').fill(given);
	await page.getByRole('button', { name: 'Tìm kiếm' }).click();
	await expect(page).toHaveURL((url) => url.searchParams.get('q') === given);
	await expect(page.getByLabel('Tìm theo tên hoặc số thẻ')).toHaveValue(given);
	const found = await rows.locator('td:nth-child(1)').allInnerTexts();
	expect(found).toContain(names[0]);
	for (const name of found) expect(fold(name)).toContain(given);
	await expectAccessibleWithoutJs(page);
});

test('a validation error shows next to its field without JavaScript', async ({ page }) => {
	await page.goto('/login');
	await page.getByLabel('Tên đăng nhập').fill('bithu');
	await page.getByRole('button', { name: 'Đăng nhập' }).click();

	await expect(page).toHaveURL('/login');
	const password = page.getByLabel('Mật khẩu', { exact: true });
	await expect(password).toHaveAttribute('aria-invalid', 'true');
	await expect(password).toHaveAccessibleDescription('Vui lòng nhập thông tin này.');
	// The error sits right under the field, and what was typed is kept.
	await expect(password.locator('xpath=following-sibling::p')).toHaveText(
		'Vui lòng nhập thông tin này.'
	);
	await expect(page.getByLabel('Tên đăng nhập')).toHaveValue('bithu');
	await expect(page.getByLabel('Tên đăng nhập')).not.toHaveAttribute('aria-invalid', 'true');
	await expectAccessibleWithoutJs(page);
});

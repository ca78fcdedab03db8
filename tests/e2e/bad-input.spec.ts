// Journey: bad input is refused in Vietnamese, next to the field, and changes nothing; ids that
// are not numbers or do not exist give the Vietnamese 404 page.
import { RESERVED_CELLS, UNITS } from './demo';
import { test, expect, expectAccessible, login, serverToday } from './helpers';

test('a transfer dated in the future is refused next to the date and changes nothing', async ({
	page
}) => {
	await login(page, 'danguy');
	await page
		.getByRole('navigation', { name: 'Điều hướng chính' })
		.getByRole('link', { name: 'Tổ chức đảng' })
		.click();
	await page.getByRole('link', { name: UNITS.stc, exact: true }).click();
	await page.getByRole('link', { name: RESERVED_CELLS.badInput, exact: true }).click();
	await page.getByRole('link', { name: 'Xem danh sách đảng viên' }).click();
	await page
		.getByRole('table', { name: 'Đảng viên' })
		.locator('tbody tr')
		.first()
		.getByRole('link')
		.click();
	const history = page.getByRole('region', { name: 'Quá trình sinh hoạt đảng' });
	const before = await history.innerText();
	expect(before).toContain(RESERVED_CELLS.badInput);

	await page.getByRole('link', { name: 'Chuyển sinh hoạt đảng' }).click();
	await page.getByLabel('Chuyển đến chi bộ').selectOption({ label: RESERVED_CELLS.transferTo });
	await page.getByLabel('Ngày chuyển').fill('2099-12-31');
	await page.getByRole('button', { name: 'Chuyển sinh hoạt' }).click();

	const date = page.getByLabel('Ngày chuyển');
	await expect(date).toHaveAttribute('aria-invalid', 'true');
	const error = date.locator('xpath=following-sibling::p');
	await expect(error).toBeVisible();
	const message = await error.innerText();
	await expect(date).toHaveAccessibleDescription(message);
	await expect(page).toHaveURL(/\/transfer$/);
	await expectAccessible(page);

	await page.getByRole('link', { name: /^← / }).click();
	await expect(history).toHaveText(before);
	// The message should say what is wrong: the date lies after today (the format is fine).
	expect(message, 'the error explains that the date is in the future').toMatch(/tương lai|hôm nay/);
});

/** Today's date where the users are, YYYY-MM-DD. */
function vietnamToday(): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
}

test('a transfer dated today in Vietnam is accepted, also between 0:00 and 7:00', async ({
	page
}) => {
	// Only observable while Vietnam (UTC+7) is already on the next day and UTC is not.
	test.skip(vietnamToday() === serverToday(), 'Vietnam and UTC are on the same date right now');
	await login(page, 'danguy');
	await page
		.getByRole('navigation', { name: 'Điều hướng chính' })
		.getByRole('link', { name: 'Tổ chức đảng' })
		.click();
	await page.getByRole('link', { name: UNITS.stc, exact: true }).click();
	await page.getByRole('link', { name: RESERVED_CELLS.badInput, exact: true }).click();
	await page.getByRole('link', { name: 'Xem danh sách đảng viên' }).click();
	// The last member: the future-date test above uses the first one.
	await page
		.getByRole('table', { name: 'Đảng viên' })
		.locator('tbody tr')
		.last()
		.getByRole('link')
		.click();
	await page.getByRole('link', { name: 'Chuyển sinh hoạt đảng' }).click();
	await expect
		.soft(page.getByLabel('Ngày chuyển'), 'the form starts at today in Vietnam')
		.toHaveValue(vietnamToday());
	await page.getByLabel('Chuyển đến chi bộ').selectOption({ label: RESERVED_CELLS.transferTo });
	await page.getByLabel('Ngày chuyển').fill(vietnamToday());
	await page.getByRole('button', { name: 'Chuyển sinh hoạt' }).click();
	await expect(page.getByLabel('Ngày chuyển'), 'no error on the date').not.toHaveAttribute(
		'aria-invalid',
		'true'
	);
	await expect(page).toHaveURL(/\?transferred=1$/);
});

for (const id of ['abc', '999999']) {
	test(`/members/${id} answers the Vietnamese 404 page`, async ({ page }) => {
		await login(page, 'bantochuc');
		const res = await page.goto(`/members/${id}`);
		expect(res?.status()).toBe(404);
		await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
		await expect(page).toHaveTitle('Có lỗi · Cam kết');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			'Không tìm thấy trang hoặc bạn không có quyền xem nội dung này.'
		);
		await expect(page.getByRole('main').getByRole('link', { name: 'Trang chủ' })).toHaveAttribute(
			'href',
			'/'
		);
		// Still inside the app: the menu stays, so the way on is one tap away.
		await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toHaveCount(1);
		await expectAccessible(page);
	});
}

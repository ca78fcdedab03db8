// Journey: the forms work in a browser without JavaScript (old phones, strict settings): the
// server answers every submit with a full page.
import { test, expect, DEMO_PASSWORD, expectAccessibleWithoutJs, fold } from './helpers';
import {
	freshRegistrants,
	REGISTRATION_CELLS,
	REGISTRATION_STATE,
	registrationYear
} from './registrations';

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

test('a member saves and submits a registration without JavaScript', async ({ page, baseURL }) => {
	const year = await registrationYear(baseURL!);
	const [member] = await freshRegistrants(baseURL!, REGISTRATION_CELLS.noJavaScript, 1);
	const url = `/registrations/${year}`;
	await page.goto(`/login?next=${encodeURIComponent(url)}`);
	await page.getByLabel('Tên đăng nhập').fill(member.card);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).toHaveURL(url);
	const badge = page.getByRole('main').locator('.badge').first();
	await expect(badge).toHaveText(REGISTRATION_STATE.not_started);

	// The first of the blank actions a first visit offers; the others stay blank and are skipped.
	const title = 'Hướng dẫn đảng viên mới sử dụng thư viện số';
	const first = page.getByRole('group', { name: 'Việc làm 1', exact: true });
	await first.getByLabel('Nội dung việc làm').fill(title);
	await first.getByLabel('Lĩnh vực').selectOption({ label: 'Nêu gương' });
	await first.getByLabel('Một con số').check();
	await first.getByLabel('Số lượng').fill('2');
	await first.getByLabel('Đơn vị').fill('buổi');
	await first.getByLabel('Hoàn thành trước một ngày').check();
	await first.getByLabel('Ngày', { exact: true }).fill(`${year}-09-30`);
	await first.getByLabel('Minh chứng').fill('Danh sách người tham dự');
	await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
	await expect(page.getByRole('status')).toHaveText('Đã lưu bản nháp.');
	await expect(badge).toHaveText(REGISTRATION_STATE.draft);
	await expect(first.getByLabel('Nội dung việc làm')).toHaveValue(title);
	await expect(page.getByRole('group', { name: /^Việc làm \d+$/ })).toHaveCount(2);

	await page.getByRole('button', { name: 'Gửi chi bộ duyệt' }).click();
	await expect(page).toHaveURL(`${url}?submitted=1`);
	await expect(page.getByRole('status')).toHaveText('Đã gửi bản đăng ký (lần 1) để chi bộ duyệt.');
	await expect(badge).toHaveText(REGISTRATION_STATE.submitted);
	const sent = page.getByRole('region', { name: 'Việc làm cụ thể' }).getByRole('listitem');
	await expect(sent).toHaveCount(1);
	await expect(sent).toContainText(title);
	await expect(sent).toContainText('Nêu gương');
	await expect(sent).toContainText('2 buổi');
	await expect(sent).toContainText(`Hoàn thành trước ngày 30/09/${year}`);
	await expectAccessibleWithoutJs(page);
});

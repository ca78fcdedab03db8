// Full-page screenshots of the main screens on a phone (390×844) and a desktop (1280×900), saved
// to tests/e2e/screenshots/<name>-<width>.png (gitignored) for people to look at. The commitment
// screens are in screenshots-commitments.spec.ts.
import { discoverTargets } from './demo';
import { test, expect, login } from './helpers';
import { shoot } from './shots';

test('login', async ({ page }) => {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { name: 'Tài khoản trình diễn' })).toBeVisible();
	await shoot(page, 'login');
});

test('the tree: the bloc as the organization department', async ({ page, baseURL }) => {
	const { units } = await discoverTargets(baseURL!);
	await login(page, 'bantochuc');
	await page.goto(`/units/${units.bloc}`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Đảng bộ Khối các cơ quan tỉnh Lâm Đồng'
	);
	await shoot(page, 'tree');
});

test('the member list', async ({ page }) => {
	await login(page, 'bantochuc');
	await page.goto('/members', { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đảng viên');
	await shoot(page, 'members');
});

test('a member detail', async ({ page, baseURL }) => {
	const { members } = await discoverTargets(baseURL!);
	await login(page, 'bantochuc');
	await page.goto(`/members/${members.self.id}`, { waitUntil: 'networkidle' });
	await expect(page.getByText('Hồ sơ đảng viên', { exact: true })).toBeVisible();
	await shoot(page, 'member');
});

// Every row has a mistake the report should explain: unknown status, unknown cell, a date that
// is not a date, a duplicate card number, a missing name.
const BAD_CSV = [
	'Số thẻ đảng viên,Họ và tên,Ngày sinh,Tình trạng,Mã chi bộ',
	'98000001,Nguyễn Văn Thử,12/05/1980,Đang sinh hoạt,KHONG-CO',
	'98000002,Trần Thị Lỗi,31/02/1985,Chính thức,KHONG-CO',
	'98000002,Lê Văn Trùng,01/01/1990,Dự bị,KHONG-CO',
	'98000003,,01/01/1990,Chính thức,KHONG-CO'
].join('\n');

test('the import page with an error report', async ({ page }) => {
	await login(page, 'bantochuc');
	await page.goto('/admin/import', { waitUntil: 'networkidle' });
	await page.getByLabel('Tệp dữ liệu').setInputFiles({
		name: 'dang-vien-loi.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(BAD_CSV)
	});
	await page.getByLabel('Chỉ kiểm tra, không ghi').check();
	await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
	await expect(page.getByRole('heading', { name: 'Kết quả' })).toBeVisible();
	await expect(page.getByRole('alert').filter({ hasText: 'Không ghi gì' })).toBeVisible();
	await shoot(page, 'import-errors');
});

// Journey (the facts the year-end rating weighs), on a phone: danguy opens a member of Sở Tài
// chính, sets the year's subject type and the workplace's rating, records a sick leave (one that
// ends before it starts is refused first, nothing saved), records a discipline and withdraws it as
// a wrong entry; the cell's secretary reads the facts but has no form to change them.
import { discoverTargets, type Targets } from './demo';
import { expect, expectAccessible, login, test } from './helpers';
import { shoot } from './shots';

test.use({ viewport: { width: 390, height: 844 } });

test('danguy records a member’s rating facts; the secretary only reads them', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(60_000);
	const t: Targets = await discoverTargets(baseURL!);
	const member = t.members.ownCellMember;
	await login(page, 'danguy');
	await page.goto(`/members/${member.id}`);
	await page.getByRole('link', { name: 'Thông tin đánh giá, xếp loại' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(
		'Thông tin phục vụ đánh giá, xếp loại'
	);

	await page.getByLabel('Đối tượng đánh giá (mẫu bản kiểm điểm)').selectOption({
		label: 'Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý'
	});
	await page.getByLabel('Xếp loại công chức, viên chức tại cơ quan, đơn vị').selectOption({
		label: 'Hoàn thành tốt nhiệm vụ'
	});
	await page.getByRole('button', { name: 'Lưu thông tin năm' }).click();
	await expect(page.getByText('Đã lưu thông tin năm.')).toBeVisible();

	await page.locator('summary', { hasText: 'Ghi thời gian nghỉ' }).click();
	await page.getByLabel('Từ ngày').fill('2026-05-10');
	await page.getByLabel('Đến ngày').fill('2026-05-01');
	await page.getByRole('button', { name: 'Ghi thời gian nghỉ' }).click();
	await expect(page.getByText('Ngày kết thúc không được trước ngày bắt đầu.')).toBeVisible();
	await expect(page.getByText('Không có thời gian nghỉ nào được ghi nhận.')).toBeVisible();
	await page.getByLabel('Đến ngày').fill('2026-08-20');
	await page.getByRole('button', { name: 'Ghi thời gian nghỉ' }).click();
	await expect(page.getByText('Đã ghi thời gian nghỉ.')).toBeVisible();
	await expect(page.getByText('Nghỉ ốm từ 10/05/2026 đến 20/08/2026')).toBeVisible();

	await page.locator('summary', { hasText: 'Ghi hình thức kỷ luật' }).click();
	await page.getByLabel('Ngày quyết định').fill('2026-03-02');
	await page.getByLabel('Cấp quyết định').fill('Ủy ban kiểm tra Đảng ủy');
	await page.getByLabel('Nội dung vi phạm').fill('Chậm nộp hồ sơ theo quy định.');
	await page.getByRole('button', { name: 'Ghi hình thức kỷ luật' }).click();
	await expect(page.getByText('Đã ghi hình thức kỷ luật.')).toBeVisible();
	const entry = page.getByRole('listitem').filter({ hasText: 'Chậm nộp hồ sơ theo quy định.' });
	await entry.locator('summary', { hasText: 'Gỡ bản ghi nhập sai' }).click();
	await entry.getByLabel('Lý do gỡ').fill('Nhập nhầm đảng viên.');
	await entry.getByRole('button', { name: 'Gỡ bản ghi nhập sai' }).click();
	await expect(page.getByText('Đã gỡ bản ghi.')).toBeVisible();
	await expect(page.getByText('Đã gỡ do nhập sai: Nhập nhầm đảng viên.')).toBeVisible();
	await expectAccessible(page);
	await shoot(page, 'rating-facts');

	const cell = await browser.newContext({ viewport: { width: 390, height: 844 } });
	const bithu = await cell.newPage();
	await login(bithu, 'bithu');
	await bithu.goto(`/members/${member.id}/facts`);
	await expect(bithu.getByText('Nghỉ ốm từ 10/05/2026 đến 20/08/2026')).toBeVisible();
	await expect(
		bithu.getByText('Chỉ cấp ủy quản lý hồ sơ đảng viên ghi nhận các thông tin này.')
	).toBeVisible();
	await expect(bithu.getByRole('button')).not.toContainText(['Lưu thông tin năm']);
	await expect(bithu.getByRole('button', { name: 'Ghi thời gian nghỉ' })).toHaveCount(0);
	await cell.close();
});

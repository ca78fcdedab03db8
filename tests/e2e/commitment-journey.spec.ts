// Journey (issue 3), on a phone: dangvien writes and signs the year's commitment; the cell
// secretary returns it with a comment; dangvien reads the comment, amends and signs version 2;
// the secretary confirms it; dangvien downloads the PDF, and its verification code checks out on
// the public page. dangvien has not signed in the demo, and every signed commitment of the cell
// waits for bithu.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from '@playwright/test';
import {
	blocCellId,
	COMMITMENT_CELLS,
	demoYear,
	freshMembers,
	saveDraft,
	STATE
} from './commitments';
import { test, expect, apiLogin, DEMO_PASSWORD, expectAccessible, fold, login } from './helpers';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

const SHOTS = fileURLToPath(new URL('./screenshots/', import.meta.url));

const FIRST_ITEM = 'Mỗi tháng đọc và trao đổi một chuyên đề về Nghị quyết với chi bộ.';
const SECOND_ITEM = 'Giải quyết đúng hạn 100% hồ sơ ngân sách được giao.';
const AMENDED_ITEM = 'Giải quyết đúng hạn 100% hồ sơ ngân sách và báo cáo quyết toán được giao.';
const COMMENT = 'Đề nghị đồng chí ghi rõ chỉ tiêu về báo cáo quyết toán.';

/** The member's own-items box of one area of the document. */
function personalBox(page: Page, area: RegExp) {
	return page.getByRole('region', { name: area }).getByLabel('Cam kết của cá nhân');
}
const POLITICAL = /^I\. Về tư tưởng chính trị$/;
const DUTIES = /^IV\. Về thực hiện chức trách, nhiệm vụ được giao$/;

/** Fills the signing part of the form and signs; the name typed in lower case, no diacritics. */
async function sign(page: Page, name: string): Promise<void> {
	await page.getByLabel('Gõ họ và tên của đồng chí').fill(fold(name));
	await page.getByLabel('Mật khẩu đăng nhập (để xác nhận đúng là đồng chí)').fill(DEMO_PASSWORD);
	const affirm = page.getByLabel('Tôi đã đọc toàn bộ nội dung trên và cam kết thực hiện.');
	// The member ticks it themselves.
	await expect(affirm).not.toBeChecked();
	await affirm.check();
	await page.getByRole('button', { name: 'Ký bản cam kết' }).click();
}

/** A list item of a version in the "Các phiên bản đã ký" box. */
function versionItem(page: Page, version: number) {
	return page
		.getByRole('region', { name: 'Các phiên bản đã ký' })
		.getByRole('listitem')
		.filter({ hasText: `Phiên bản ${version} ·` });
}

test('a member signs on a phone, the cell returns it, the member amends, the cell confirms, the PDF verifies', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	let name = '';
	let year = '';
	let commitmentUrl = '';
	let cellUrl = '';

	// bithu works in a browser of its own; its page errors count like the member's.
	const secretaryErrors: string[] = [];
	const secretaryContext: BrowserContext = await browser.newContext({ viewport: PHONE });
	secretaryContext.on('weberror', (e) => secretaryErrors.push(`${e.page()?.url()}: ${e.error()}`));
	const secretary = await secretaryContext.newPage();

	await test.step('dangvien opens "Cam kết" and the year’s commitment', async () => {
		await login(page, 'dangvien');
		// On a phone the main menu is folded under "Trình đơn".
		const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
		await menu.getByText('Trình đơn').click();
		await menu.getByRole('link', { name: 'Cam kết' }).click();
		await expect(page).toHaveURL('/commitments');
		// The coming year first; from autumn the running year (signed in January) follows it.
		const link = page
			.getByRole('main')
			.getByRole('link', { name: /^Bản cam kết năm \d{4}$/ })
			.first();
		year = /\d{4}/.exec(await link.innerText())![0];
		await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(
			STATE.not_started
		);
		await link.click();
		commitmentUrl = `/commitments/${year}`;
		await expect(page).toHaveURL(commitmentUrl);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Bản cam kết năm ${year}`);
		await expect(page.getByText('Đang trong thời gian ký cam kết, đến hết ngày')).toBeVisible();
		// The identity block is filled from the member's record.
		name = (
			await page.getByRole('article').locator('dt:text-is("Họ và tên:") + dd').innerText()
		).trim();
		expect(name).toMatch(/^\p{Lu}\p{L}* .+/u);
		await page.waitForLoadState('networkidle');
	});

	await test.step('types personal items; they save themselves', async () => {
		await expect(
			personalBox(page, POLITICAL),
			'a member who has not started gets the form'
		).toBeVisible();
		await expect(page.getByText(`Đúng như trong hồ sơ: ${name} (có dấu`)).toBeVisible();
		await personalBox(page, POLITICAL).fill(FIRST_ITEM);
		await personalBox(page, DUTIES).fill(SECOND_ITEM);
		await expect(page.getByText(/^Đã tự động lưu lúc \d{2}:\d{2}/)).toBeVisible();
		await expectAccessible(page);
		// Saved on the server, not only in the page: a fresh load shows the draft.
		await page.reload({ waitUntil: 'networkidle' });
		await expect(personalBox(page, POLITICAL)).toHaveValue(FIRST_ITEM);
		await expect(personalBox(page, DUTIES)).toHaveValue(SECOND_ITEM);
		await expect(page.getByRole('main').getByText(STATE.draft, { exact: true })).toBeVisible();
	});

	await test.step('signs with the name typed without diacritics, the password, the affirmation', async () => {
		await sign(page, name);
		const ok = page.getByRole('status').filter({ hasText: 'Đã ký bản cam kết (phiên bản 1)' });
		await expect(ok).toContainText(/Mã xác thực: [A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
		await expect(page.getByRole('main').getByText(STATE.signed, { exact: true })).toBeVisible();
		// What was signed is shown read-only, with the version and its code.
		await expect(page.getByRole('article')).toContainText(FIRST_ITEM);
		// The page says what the PDF says: the HD 36 date line and a heading for each catalog.
		const doc = page.getByRole('article');
		await expect(doc).toContainText(/Lâm Đồng, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);
		for (const heading of [
			'1. Không để xảy ra 27 biểu hiện',
			'Không vi phạm 19 điều đảng viên không được làm',
			'Thực hiện 5 chuẩn mực đạo đức cách mạng'
		])
			await expect(doc.getByText(heading).first()).toBeVisible();
		await expect(doc).not.toContainText('chưa được đối chiếu');
		await expect(personalBox(page, POLITICAL)).toHaveCount(0);
		const code = (await ok.innerText()).slice(-14);
		await expect(versionItem(page, 1)).toContainText(`Mã xác thực: ${code}`);
		await expect(versionItem(page, 1)).toContainText('Chờ chi bộ xác nhận');
	});

	await test.step('bithu finds it on the cell’s follow-up page and returns it with a comment', async () => {
		await login(secretary, 'bithu');
		await expect(
			secretary
				.getByRole('region', { name: 'Việc cần làm' })
				.getByRole('listitem')
				.filter({
					hasText: new RegExp(`: \\d+ bản cam kết năm ${year} chờ chi bộ xác nhận`)
				}),
			'the home page says that commitments wait for the cell'
		).toContainText('Xem và xác nhận');
		await secretary
			.getByRole('region', { name: 'Vai trò của đồng chí' })
			.getByRole('link', { name: 'Theo dõi bản cam kết' })
			.click();
		await expect(secretary.getByRole('heading', { level: 1 })).toHaveText(
			`Theo dõi bản cam kết năm ${year}`
		);
		cellUrl = secretary.url();
		const row = secretary
			.getByRole('main')
			.getByRole('listitem')
			.filter({ has: secretary.getByText(name, { exact: true }) });
		await expect(row).toHaveCount(1);
		await expect(row).toContainText(STATE.signed);
		await expect(row).toContainText('(lần 1)');
		await expectAccessible(secretary);

		await row.getByRole('link', { name: new RegExp(`^Xem bản cam kết\\s*: ${name}$`) }).click();
		await expect(secretary.getByRole('heading', { level: 1 })).toHaveText(
			`Bản cam kết của ${name}`
		);
		await expect(secretary.getByRole('article')).toContainText(FIRST_ITEM);
		await expectAccessible(secretary);

		// Returning needs a comment.
		await secretary.getByRole('button', { name: 'Trả lại để sửa' }).click();
		const comment = secretary.getByLabel('Ý kiến của chi bộ (bắt buộc khi trả lại)');
		await expect(comment).toHaveAttribute('aria-invalid', 'true');
		await expect(comment).toHaveAccessibleDescription(
			'Khi trả lại, vui lòng ghi rõ nội dung cần sửa.'
		);
		await comment.fill(COMMENT);
		await secretary.getByRole('button', { name: 'Trả lại để sửa' }).click();
		await expect(secretary.getByRole('status')).toHaveText('Đã trả lại bản cam kết cho đảng viên.');
		await expect(
			secretary.getByRole('main').getByText(STATE.returned, { exact: true })
		).toBeVisible();
		await expect(secretary.getByRole('button', { name: 'Xác nhận' })).toHaveCount(0);
	});

	await test.step('dangvien sees the comment on the home page and on the commitment', async () => {
		await page.goto('/', { waitUntil: 'networkidle' });
		const notices = page.getByRole('region', { name: 'Thông báo' });
		await expect(notices).toContainText(
			`Bản cam kết năm ${year} của đồng chí đã được trả lại để sửa.`
		);
		await expect(notices).toContainText(`Ý kiến của chi bộ: ${COMMENT}`);
		await expect(page.getByRole('region', { name: 'Việc cần làm' })).toContainText(
			'Cần sửa và ký lại trước hết ngày'
		);
		await notices.getByRole('link', { name: 'Mở bản cam kết' }).click();
		await expect(page).toHaveURL(commitmentUrl);
		await expect(page.getByRole('alert')).toContainText(`«${COMMENT}»`);
		await expect(page.getByRole('main').getByText(STATE.returned, { exact: true })).toBeVisible();
		await expect(versionItem(page, 1)).toContainText(`«${COMMENT}»`);
	});

	await test.step('amends, changes an item and signs version 2; the diff shows the change', async () => {
		await page.getByRole('button', { name: 'Sửa đổi và ký lại' }).click();
		await expect(personalBox(page, DUTIES)).toHaveValue(SECOND_ITEM);
		await expect(page.getByRole('main').getByText(STATE.draft, { exact: true })).toBeVisible();
		await page.waitForLoadState('networkidle');
		await personalBox(page, DUTIES).fill(AMENDED_ITEM);
		await sign(page, name);
		await expect(
			page.getByRole('status').filter({ hasText: 'Đã ký bản cam kết (phiên bản 2)' })
		).toBeVisible();
		await expect(page.getByRole('main').getByText(STATE.signed, { exact: true })).toBeVisible();
		await expect(page.getByRole('article')).toContainText(AMENDED_ITEM);
		await expect(page.getByRole('article')).not.toContainText(SECOND_ITEM);

		const diff = page.getByRole('region', { name: 'Thay đổi so với phiên bản trước' });
		await expect(diff.getByRole('listitem')).toHaveText([
			`+ Thêm: ${AMENDED_ITEM}`,
			`− Bỏ: ${SECOND_ITEM}`
		]);
		await expect(versionItem(page, 1)).toContainText(`«${COMMENT}»`);
		await expect(versionItem(page, 2)).toContainText('Chờ chi bộ xác nhận');
		// The returned comment belongs to version 1 and no longer shows as an alert.
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	await test.step('bithu confirms it from the cell list', async () => {
		await secretary.goto(cellUrl, { waitUntil: 'networkidle' });
		const row = secretary
			.getByRole('main')
			.getByRole('listitem')
			.filter({ has: secretary.getByText(name, { exact: true }) });
		await expect(row).toContainText(STATE.signed);
		await expect(row).toContainText('(lần 2)');
		await row.getByRole('checkbox', { name: `Chọn bản cam kết của ${name}` }).check();
		await secretary.getByRole('button', { name: 'Xác nhận các bản đã chọn' }).click();
		await expect(secretary.getByRole('status')).toContainText('Đã xác nhận 1 bản cam kết.');
		await expect(row).toContainText(STATE.confirmed);
		await expect(row.getByRole('checkbox')).toHaveCount(0);
	});

	let code = '';
	await test.step('dangvien sees it confirmed and downloads the PDF', async () => {
		await page.reload({ waitUntil: 'networkidle' });
		await expect(page.getByRole('main').getByText(STATE.confirmed, { exact: true })).toBeVisible();
		await expect(page.getByRole('button', { name: 'Sửa đổi và ký lại' })).toHaveCount(0);
		const v2 = versionItem(page, 2);
		await expect(v2).toContainText('Chi bộ xác nhận lúc');
		code = (await v2.locator('code').innerText()).trim();
		expect(code).toMatch(/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);

		const link = v2.getByRole('link', { name: 'Tải bản PDF' });
		const href = await link.getAttribute('href');
		expect(href).toBe(`/commitments/${year}/pdf/2`);
		const res = await page.request.get(href!);
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe('application/pdf');
		expect(res.headers()['content-disposition']).toMatch(
			/^attachment; filename="cam-ket-.+-v2\.pdf"$/
		);

		// The link itself downloads the file.
		const download = page.waitForEvent('download');
		await link.click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(new RegExp(`^cam-ket-${year}-.+-v2\\.pdf$`));
		fs.mkdirSync(SHOTS, { recursive: true });
		const pdfPath = `${SHOTS}commitment.pdf`;
		await file.saveAs(pdfPath);
		const bytes = fs.readFileSync(pdfPath);
		expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

		// Its text: the member, the amended item, the code; Vietnamese survives extraction.
		const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
		expect(text).toContain('ĐẢNG CỘNG SẢN VIỆT NAM');
		expect(text).toMatch(/T\/M CHI (ỦY|BỘ)/);
		expect(text).toContain('BÍ THƯ');
		expect(text).toMatch(/Lâm Đồng, ngày \d{2} tháng (0[12]|[3-9]|1[0-2]) năm \d{4}/);
		expect(text).toContain(name);
		expect(text.replace(/\s+/g, ' ')).toContain(AMENDED_ITEM);
		expect(text).toContain(code);
		// Page 1 as a picture for people to look at.
		execFileSync('pdftoppm', [
			'-png',
			'-r',
			'50',
			'-f',
			'1',
			'-l',
			'1',
			'-singlefile',
			pdfPath,
			`${SHOTS}commitment-pdf`
		]);
		expect(fs.statSync(`${SHOTS}commitment-pdf.png`).size).toBeGreaterThan(5_000);
	});

	await test.step('the code verifies on the public page, typed in lower case with dashes', async () => {
		const visitor = await browser.newContext({ viewport: PHONE });
		try {
			const anyone = await visitor.newPage();
			await anyone.goto('/verify', { waitUntil: 'networkidle' });
			await expectAccessible(anyone);
			await anyone.getByLabel('Mã xác thực').fill(code.toLowerCase());
			await anyone.getByRole('button', { name: 'Kiểm tra' }).click();
			await expect(anyone).toHaveURL(`/verify/${code.replaceAll('-', '')}`);
			await expect(anyone.getByRole('heading', { level: 2, name: /hợp lệ/ })).toHaveText(
				'✓ Bản cam kết hợp lệ, nguyên vẹn'
			);
			const facts = anyone.getByRole('main').locator('dl');
			await expect(facts).toContainText(name);
			await expect(facts).toContainText('Chi bộ Phòng Ngân sách');
			await expect(facts).toContainText(year);
			// Nor the version or the cell's decision: a public page identifies, it does not report.
			await expect(facts.locator('dt')).toHaveText([
				'Họ và tên',
				'Tổ chức đảng',
				'Năm',
				'Thời điểm ký'
			]);
			await expect(anyone.getByRole('main')).not.toContainText('xác nhận');
			await expect(anyone.getByRole('main')).not.toContainText('Phiên bản');
			// Only what identifies the document: none of what the member wrote.
			await expect(anyone.getByRole('main')).not.toContainText(AMENDED_ITEM);
			await expectAccessible(anyone);
		} finally {
			await visitor.close();
		}
	});

	await secretaryContext.close();
	expect(secretaryErrors, 'uncaught errors in the secretary’s browser').toEqual([]);
});

test('"Lưu nháp" saves the draft and says so', async ({ page, baseURL }) => {
	const year = await demoYear(baseURL!);
	const [m] = await freshMembers(baseURL!, await blocCellId(baseURL!, COMMITMENT_CELLS.drafts), 1);
	// A draft already started (the form for a member who has not started is the journey's).
	await saveDraft(await apiLogin(baseURL!, m.card), year, { political: FIRST_ITEM });
	await login(page, m.card);
	await page.goto(`/commitments/${year}`, { waitUntil: 'networkidle' });
	await personalBox(page, DUTIES).fill(SECOND_ITEM);
	await page.getByRole('button', { name: 'Lưu nháp' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Đã lưu nháp.' })).toBeVisible();
	await page.reload({ waitUntil: 'networkidle' });
	await expect(personalBox(page, POLITICAL)).toHaveValue(FIRST_ITEM);
	await expect(personalBox(page, DUTIES)).toHaveValue(SECOND_ITEM);
});

// Journey (registrations, Chỉ thị 05), on a phone: dangvien opens the year's registration, reads
// the year's theme, adds the three actions the cell proposed, adapts one, is refused a target that
// is not a number and a deadline outside the year, submits; the cell secretary finds it among the
// submitted ones and returns it with a comment; dangvien reads the comment on the home page and the
// registration, edits an action and submits version 2; the secretary approves it.
//
// In the demo dangvien has not registered and every submission of its cell waits for bithu. The
// spec files of one run share the server and run in file order: the access matrix (before this) is
// refused everything it tries on dangvien and the cell (it only gives another member a task), and
// no other spec changes dangvien's registration or the cell's proposals; the member-specific
// checks below work on cells of their own (registrations.ts, REGISTRATION_CELLS).
import fs from 'node:fs';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { blocCellId, secretaryOf } from './commitments';
import { discoverTargets, UNITS } from './demo';
import {
	test,
	expect,
	apiLogin,
	expectAccessible,
	getHtml,
	getRaw,
	login,
	mainText,
	postForm
} from './helpers';
import {
	actionForm,
	freshRegistrants,
	REGISTRATION_CELLS,
	REGISTRATION_STATE as STATE,
	registrationIdOf,
	registrationYear
} from './registrations';
import { SHOTS_DIR } from './shots';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

const THEME =
	'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về xây dựng phong cách làm việc khoa học, tận tụy, gần dân, vì nhân dân phục vụ';
const COMMENT = 'Đề nghị đồng chí ghi rõ minh chứng cho việc làm thứ ba.';
const FIXED_EVIDENCE = 'Biên bản sinh hoạt chi bộ hằng quý';

/** A full-page picture at phone width, for people to look at. */
async function shot(page: Page, name: string): Promise<void> {
	fs.mkdirSync(SHOTS_DIR, { recursive: true });
	const path = `${SHOTS_DIR}registration-${name}.png`;
	await page.screenshot({ path, fullPage: true });
	expect(fs.statSync(path).size).toBeGreaterThan(5_000);
}

/** The state badge next to the page's heading. */
function badge(page: Page): Locator {
	return page.getByRole('main').locator('.badge').first();
}

/** One action's fieldset in the registration form ("Việc làm 1", …). */
function action(page: Page, n: number): Locator {
	return page.getByRole('group', { name: `Việc làm ${n}`, exact: true });
}

/** A version in the "Các lần gửi" box. */
function versionItem(page: Page, version: number): Locator {
	return page
		.getByRole('region', { name: 'Các lần gửi' })
		.getByRole('listitem')
		.filter({ hasText: `Lần ${version}, gửi lúc` });
}

/** What an action's fields hold, to compare before and after a refused save. */
async function fieldsOf(row: Locator): Promise<Record<string, string | boolean>> {
	return {
		title: await row.getByLabel('Nội dung việc làm').inputValue(),
		number: await row.getByLabel('Một con số').isChecked(),
		value: await row.getByLabel('Số lượng').inputValue(),
		unit: await row.getByLabel('Đơn vị').inputValue(),
		deadline: await row.getByLabel('Hoàn thành trước một ngày').isChecked(),
		on: await row.getByLabel('Ngày', { exact: true }).inputValue(),
		evidence: await row.getByLabel('Minh chứng').inputValue()
	};
}

test('a member registers on a phone, the cell returns it, the member fixes it, the cell approves', async ({
	page,
	browser,
	baseURL
}) => {
	test.setTimeout(180_000);
	const { members } = await discoverTargets(baseURL!);
	const name = members.self.name;
	let year = 0;
	let url = '';
	let titles: string[] = [];

	// bithu works in a browser of its own; its page errors count like the member's.
	const secretaryErrors: string[] = [];
	const secretaryContext: BrowserContext = await browser.newContext({ viewport: PHONE });
	secretaryContext.on('weberror', (e) => secretaryErrors.push(`${e.page()?.url()}: ${e.error()}`));
	const secretary = await secretaryContext.newPage();

	await test.step('dangvien opens "Đăng ký làm theo" and the year’s registration', async () => {
		await login(page, 'dangvien');
		// On a phone the main menu is folded under "Trình đơn".
		const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
		await menu.getByText('Trình đơn').click();
		await menu.getByRole('link', { name: 'Đăng ký làm theo' }).click();
		await expect(page).toHaveURL('/registrations');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Đăng ký học tập và làm theo');
		// The coming year first; from autumn the running year (approved in January) follows it.
		const link = page
			.getByRole('main')
			.getByRole('link', { name: /^Bản đăng ký làm theo năm \d{4}$/ })
			.first();
		year = Number(/\d{4}/.exec(await link.innerText())![0]);
		await expect(page.getByRole('main').getByRole('listitem').first()).toContainText(
			STATE.not_started
		);
		await link.click();
		url = `/registrations/${year}`;
		await expect(page).toHaveURL(url);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			`Bản đăng ký làm theo năm ${year}`
		);
		await expect(badge(page)).toHaveText(STATE.not_started);
		await expect(page.getByText('Đang trong thời gian đăng ký, đến hết ngày')).toBeVisible();
		await expect(page.getByRole('main').locator('p', { hasText: 'Chuyên đề năm:' })).toHaveText(
			`Chuyên đề năm: ${THEME}`
		);
		// A first visit offers three blank actions to fill.
		await expect(page.getByRole('group', { name: /^Việc làm \d+$/ })).toHaveCount(3);
		await page.waitForLoadState('networkidle');
	});

	await test.step('adds the three actions the cell proposed', async () => {
		const proposed = page.getByRole('region', { name: 'Việc làm chi bộ gợi ý' });
		await expect(proposed.getByRole('listitem')).toHaveCount(3);
		// Each says who proposed it.
		for (const item of await proposed.getByRole('listitem').all())
			await expect(item).toContainText(UNITS.ownCell);
		titles = await proposed.getByRole('listitem').locator('p.font-medium').allInnerTexts();
		expect(new Set(titles).size).toBe(3);
		for (const [i, title] of titles.entries()) {
			await proposed.getByRole('button', { name: `Thêm vào bản đăng ký: ${title}` }).click();
			await expect(action(page, i + 1).getByLabel('Nội dung việc làm')).toHaveValue(title);
		}
		await expect(page.getByRole('status')).toHaveText(
			'Đã thêm việc làm vào bản nháp; đồng chí có thể sửa lại bên dưới.'
		);
		await expect(badge(page)).toHaveText(STATE.draft);
		// The three actions and one blank row for a fourth.
		await expect(page.getByRole('group', { name: /^Việc làm \d+$/ })).toHaveCount(4);
		await expect(action(page, 4).getByLabel('Nội dung việc làm')).toHaveValue('');
		await expectAccessible(page);
		await shot(page, 'form');
	});

	await test.step('a target that is not a number and a deadline in another year are refused; nothing is saved', async () => {
		// Without the "added" message of the last step's address.
		await page.goto(url, { waitUntil: 'networkidle' });
		const before = [await fieldsOf(action(page, 2)), await fieldsOf(action(page, 3))];
		const second = action(page, 2);
		await second.getByLabel('Một con số').check();
		await second.getByLabel('Số lượng').fill('abc');
		await second.getByLabel('Đơn vị').fill('bài');
		await second.getByLabel('Hoàn thành trước một ngày').check();
		await second.getByLabel('Ngày', { exact: true }).fill(`${year + 1}-03-01`);
		// A change that is fine in itself goes down with the rest.
		await action(page, 3).getByLabel('Minh chứng').fill('Minh chứng không được lưu');
		await page.getByRole('button', { name: 'Lưu bản nháp' }).click();

		await expect(page.getByRole('alert')).toHaveText(
			'Vui lòng sửa các ô được đánh dấu bên dưới. Chưa có gì được lưu.'
		);
		const value = second.getByLabel('Số lượng');
		await expect(value).toHaveAttribute('aria-invalid', 'true');
		await expect(value).toHaveAccessibleDescription('Chỉ tiêu là một con số, ví dụ 100 hoặc 12,5.');
		const due = second.getByLabel('Ngày', { exact: true });
		await expect(due).toHaveAttribute('aria-invalid', 'true');
		await expect(due).toHaveAccessibleDescription(`Thời hạn phải nằm trong năm ${year}.`);
		// What was typed stays in the form to be corrected.
		await expect(value).toHaveValue('abc');
		await expect(due).toHaveValue(`${year + 1}-03-01`);
		await expectAccessible(page);
		await shot(page, 'errors');

		await page.goto(url, { waitUntil: 'networkidle' });
		expect([await fieldsOf(action(page, 2)), await fieldsOf(action(page, 3))]).toEqual(before);
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	await test.step('adapts the first action’s target and deadline, saves and submits', async () => {
		const first = action(page, 1);
		await first.getByLabel('Một con số').check();
		await first.getByLabel('Số lượng').fill('6');
		await first.getByLabel('Đơn vị').fill('buổi');
		await first.getByLabel('Hoàn thành trước một ngày').check();
		await first.getByLabel('Ngày', { exact: true }).fill(`${year}-11-30`);
		await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
		await expect(page.getByRole('status')).toHaveText('Đã lưu bản nháp.');
		// Saved on the server: a fresh load shows it.
		await page.reload({ waitUntil: 'networkidle' });
		await expect(first.getByLabel('Số lượng')).toHaveValue('6');
		await expect(first.getByLabel('Đơn vị')).toHaveValue('buổi');
		await expect(first.getByLabel('Ngày', { exact: true })).toHaveValue(`${year}-11-30`);

		await page.getByRole('button', { name: 'Gửi chi bộ duyệt' }).click();
		await expect(page).toHaveURL(`${url}?submitted=1`);
		await expect(page.getByRole('status')).toHaveText(
			'Đã gửi bản đăng ký (lần 1) để chi bộ duyệt.'
		);
		await expect(badge(page)).toHaveText(STATE.submitted);
		// What was sent is shown read-only: the three actions, the first as adapted.
		const sent = page.getByRole('region', { name: 'Việc làm cụ thể' }).getByRole('listitem');
		await expect(sent).toHaveCount(3);
		for (const [i, title] of titles.entries()) await expect(sent.nth(i)).toContainText(title);
		await expect(sent.first()).toContainText('6 buổi');
		await expect(sent.first()).toContainText(`Hoàn thành trước ngày 30/11/${year}`);
		await expect(page.getByRole('textbox')).toHaveCount(0);
		await expect(versionItem(page, 1)).toContainText(STATE.submitted);
		await expect(page.getByRole('button', { name: 'Sửa bản đăng ký' })).toBeVisible();
		await expectAccessible(page);
		await shot(page, 'submitted');
	});

	let cellUrl = '';
	await test.step('bithu filters the cell’s registrations and returns dangvien’s with a comment', async () => {
		await login(secretary, 'bithu');
		await expect(
			secretary
				.getByRole('region', { name: 'Việc cần làm' })
				.getByText(
					new RegExp(`^${UNITS.ownCell}: \\d+ bản đăng ký làm theo năm ${year} chờ duyệt$`)
				),
			'the home page says that registrations wait for the cell'
		).toBeVisible();
		await secretary
			.getByRole('region', { name: 'Vai trò của đồng chí' })
			.getByRole('link', { name: UNITS.ownCell, exact: true })
			.click();
		await secretary.getByRole('link', { name: 'Theo dõi đăng ký làm theo' }).click();
		await expect(secretary.getByRole('heading', { level: 1 })).toHaveText(
			`Theo dõi đăng ký làm theo năm ${year}`
		);
		const filters = secretary.getByRole('navigation', { name: 'Lọc theo trạng thái' });
		await filters
			.getByRole('link', { name: new RegExp(`^${STATE.submitted} \\(\\d+\\)$`) })
			.click();
		await expect(secretary).toHaveURL(/[?&]state=submitted/);
		await expect(
			filters.getByRole('link', { name: new RegExp(`^${STATE.submitted}`) })
		).toHaveAttribute('aria-current', 'page');
		cellUrl = secretary.url();
		const rows = secretary
			.getByRole('main')
			.getByRole('listitem')
			.filter({ has: secretary.locator('a[href^="/members/"]') });
		// Only submitted ones are listed, dangvien's among them.
		for (const row of await rows.all()) await expect(row).toContainText(STATE.submitted);
		const row = rows.filter({ has: secretary.getByRole('link', { name, exact: true }) });
		await expect(row).toHaveCount(1);
		await expect(row).toContainText('3 việc làm');
		await expectAccessible(secretary);
		await shot(secretary, 'cell');

		await row.getByRole('link', { name, exact: true }).click();
		await expect(secretary.getByRole('heading', { level: 1 })).toHaveText(
			`Bản đăng ký làm theo của ${name}`
		);
		await expect(badge(secretary)).toHaveText(STATE.submitted);
		await expect(secretary.getByRole('region', { name: 'Việc làm cụ thể' })).toContainText(
			'6 buổi'
		);
		await secretary.waitForLoadState('networkidle');

		// Returning needs a comment.
		await secretary.getByRole('button', { name: 'Trả lại để sửa' }).click();
		const comment = secretary.getByLabel('Nhận xét (bắt buộc khi trả lại)');
		await expect(comment).toHaveAttribute('aria-invalid', 'true');
		await expect(comment).toHaveAccessibleDescription(
			'Khi trả lại, vui lòng ghi rõ nội dung cần sửa.'
		);
		await expect(badge(secretary)).toHaveText(STATE.submitted);
		await expectAccessible(secretary);
		await shot(secretary, 'review');
		await comment.fill(COMMENT);
		await secretary.getByRole('button', { name: 'Trả lại để sửa' }).click();
		await expect(secretary.getByRole('status')).toHaveText(
			'Đã trả lại bản đăng ký; đảng viên đã được thông báo.'
		);
		await expect(badge(secretary)).toHaveText(STATE.returned);
		await expect(secretary.getByRole('button', { name: 'Duyệt', exact: true })).toHaveCount(0);
		await expect(versionItem(secretary, 1)).toContainText(`«${COMMENT}»`);
	});

	await test.step('dangvien sees the comment on the home page and on the registration', async () => {
		await page.goto('/', { waitUntil: 'networkidle' });
		const notice = page
			.getByRole('region', { name: 'Thông báo' })
			.getByRole('listitem')
			.filter({ hasText: `Chi bộ trả lại bản đăng ký làm theo năm ${year} để sửa.` });
		await expect(notice).toHaveCount(1);
		await expect(notice).toContainText(`Ý kiến của chi bộ: ${COMMENT}`);
		await expect(page.getByRole('region', { name: 'Việc cần làm' })).toContainText(
			'Cần sửa và gửi lại trước hết ngày'
		);
		await shot(page, 'home');
		await notice.locator(`a[href="${url}"]`).click();
		await expect(page).toHaveURL(url);
		const alert = page.getByRole('alert');
		await expect(alert).toContainText('Chi bộ đã trả lại bản đăng ký với nhận xét:');
		await expect(alert).toContainText(`«${COMMENT}»`);
		await expect(badge(page)).toHaveText(STATE.returned);
		await expect(versionItem(page, 1)).toContainText(STATE.returned);
		await expect(versionItem(page, 1)).toContainText(`«${COMMENT}»`);
		await shot(page, 'returned');
	});

	await test.step('edits the registration, fixes the third action and submits version 2', async () => {
		await page.waitForLoadState('networkidle');
		await page.getByRole('button', { name: 'Sửa bản đăng ký' }).click();
		await expect(badge(page)).toHaveText(STATE.draft);
		await expect(page.getByRole('button', { name: 'Bỏ bản đang sửa' })).toBeVisible();
		const third = action(page, 3);
		await expect(third.getByLabel('Nội dung việc làm')).toHaveValue(titles[2]);
		await third.getByLabel('Minh chứng').fill(FIXED_EVIDENCE);
		await page.getByRole('button', { name: 'Gửi chi bộ duyệt' }).click();
		await expect(page.getByRole('status')).toHaveText(
			'Đã gửi bản đăng ký (lần 2) để chi bộ duyệt.'
		);
		await expect(badge(page)).toHaveText(STATE.submitted);
		await expect(
			page.getByRole('region', { name: 'Việc làm cụ thể' }).getByRole('listitem').nth(2)
		).toContainText(FIXED_EVIDENCE);
		// Both versions are kept; the comment belongs to the first and is no longer an alert.
		await expect(
			page.getByRole('region', { name: 'Các lần gửi' }).getByRole('listitem')
		).toHaveCount(2);
		await expect(versionItem(page, 2)).toContainText(STATE.submitted);
		await expect(versionItem(page, 1)).toContainText(`«${COMMENT}»`);
		await expect(page.getByRole('alert')).toHaveCount(0);
	});

	await test.step('bithu approves version 2', async () => {
		await secretary.goto(cellUrl, { waitUntil: 'networkidle' });
		const row = secretary
			.getByRole('main')
			.getByRole('listitem')
			.filter({ has: secretary.locator('a[href^="/members/"]') })
			.filter({ has: secretary.getByRole('link', { name, exact: true }) });
		await expect(row).toContainText(STATE.submitted);
		await row.getByRole('link', { name, exact: true }).click();
		await expect(secretary.getByRole('region', { name: 'Việc làm cụ thể' })).toContainText(
			FIXED_EVIDENCE
		);
		await expect(versionItem(secretary, 2)).toContainText(STATE.submitted);
		await secretary.waitForLoadState('networkidle');
		await secretary.getByRole('button', { name: 'Duyệt', exact: true }).click();
		await expect(secretary.getByRole('status')).toHaveText('Đã duyệt bản đăng ký.');
		await expect(badge(secretary)).toHaveText(STATE.approved);
		await expect(versionItem(secretary, 2)).toContainText(STATE.approved);
		await expect(secretary.getByRole('button', { name: 'Duyệt', exact: true })).toHaveCount(0);
	});

	await test.step('dangvien sees it approved', async () => {
		await page.goto(url, { waitUntil: 'networkidle' });
		await expect(badge(page)).toHaveText(STATE.approved);
		await expect(versionItem(page, 2)).toContainText(STATE.approved);
		await expect(versionItem(page, 1)).toContainText(STATE.returned);
		// A later change would be a version 3 for the cell to approve again.
		await expect(page.getByRole('button', { name: 'Sửa bản đăng ký' })).toBeVisible();
		await expectAccessible(page);
		await shot(page, 'approved');
		await page.goto('/registrations', { waitUntil: 'networkidle' });
		const coming = page
			.getByRole('main')
			.getByRole('listitem')
			.filter({ hasText: String(year) });
		await expect(coming).toContainText(STATE.approved);
		await expect(coming).toContainText('3 việc làm');
	});

	await secretaryContext.close();
	expect(secretaryErrors, 'uncaught errors in the secretary’s browser').toEqual([]);
});

test('a target with a decimal comma goes through a second version and the changes since the approved one', async ({
	baseURL
}) => {
	const cell = REGISTRATION_CELLS.decimal;
	const cellId = await blocCellId(baseURL!, cell);
	const year = await registrationYear(baseURL!);
	const boss = await secretaryOf(baseURL!, cellId);
	const [m] = (await freshRegistrants(baseURL!, cell, 2)).filter((r) => r.card !== boss.card);
	const member = await apiLogin(baseURL!, m.card);
	const secretary = await apiLogin(baseURL!, boss.card);
	const url = `/registrations/${year}`;
	const title = 'Đọc tài liệu chuyên đề của năm';
	const form = (evidence: string, key?: string) =>
		actionForm(0, {
			key,
			title,
			area: 'thinking',
			target: { value: '12,5', unit: 'giờ' },
			due: { on: `${year}-10-31` },
			evidence
		});

	expect((await postForm(member, `${url}?/save`, form('Sổ tay học tập'))).status()).toBe(200);
	const first = await postForm(member, `${url}?/submit`, form('Sổ tay học tập'));
	expect(first.headers()['location']).toBe(`${url}?submitted=1`);
	expect(mainText(await getHtml(member, url))).toContain('12,5 giờ');

	// The cell approves version 1; a change is then a version 2 shown against it.
	const id = await registrationIdOf(secretary, m.memberId);
	expect(id, `${m.name}'s registration waits for ${boss.name}`).toBeGreaterThan(0);
	const review = await postForm(secretary, `/members/${m.memberId}/registrations?/review`, {
		registration_id: String(id),
		decision: 'approved',
		comment: ''
	});
	expect(review.status()).toBe(200);
	expect(mainText(await review.text())).toContain('Đã duyệt bản đăng ký.');
	expect((await postForm(member, `${url}?/edit`, {})).status()).toBe(303);
	// The draft is compared with the approved version on the member's page, and the form holds the
	// action's key, so that the action shows as changed rather than removed and added.
	const editing = await getRaw(member, url);
	expect(editing.status(), 'the page while editing').toBe(200);
	const key = /name="a0_key" value="(\w+)"/.exec(await editing.text())?.[1];
	expect(key, 'the key of the action being edited').toBeTruthy();
	const second = await postForm(member, `${url}?/submit`, form('Sổ tay học tập có xác nhận', key));
	expect(second.status(), 'submitting version 2').toBe(303);
	const shown = mainText(await getHtml(member, url));
	expect(shown).toContain('Đã gửi, chờ chi bộ duyệt');
	expect(shown).toContain(`Sửa việc làm “${title}”: minh chứng`);
	expect(shown).toContain('12,5 giờ');
	await Promise.all([member.dispose(), secretary.dispose()]);
});

// Journey (periodic reports), on a phone: dangvien opens the running year's reports (the year at a
// glance, where each period stands), reports the open period with a value written with a decimal
// comma and a photo that carries a GPS position, is refused a web page named like a photo, gets
// the photo back without its EXIF, sends a correction that keeps the photo; the cell secretary
// reads the report, comments on one line and downloads the photo; dangvien reads the comment on
// the home page and the year's page; a member of another cell and a visitor cannot download it.
// Then, without JavaScript, bithu reports their own open period with a PNG.
//
// The demo seeds the running year from October (beside the coming one, the demo year, which the
// registration journey and the access matrix use): everyone's registration approved in January,
// the ended quarters mostly reported, dangvien's last ended one not, the current one open. Before
// October no year has an open period for dangvien, and the journey is skipped. Nothing else
// reports in the running year: the access matrix's report posts are refused ones.
import type { APIRequestContext, BrowserContext, Locator, Page } from '@playwright/test';
import { request } from '@playwright/test';
import sharp from 'sharp';
import { discoverTargets } from './demo';
import {
	test,
	expect,
	apiAs,
	apiLogin,
	DEMO_PASSWORD,
	expectAccessible,
	expectAccessibleWithoutJs,
	getRaw,
	login
} from './helpers';
import {
	findOpenPeriod,
	GPS_DATUM,
	HTML_AS_JPG,
	LATITUDE_SECONDS,
	PERIOD_STATE,
	photoWithGps,
	screenshotPng,
	type OpenPeriod
} from './reports';
import { shoot } from './shots';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

const PHOTO = 'anh-hop-chi-bo.jpg';
const NOT_A_PHOTO = 'anh.jpg';
const NARRATIVE = 'Đã tổ chức sinh hoạt chuyên đề, có biên bản và ảnh kèm theo.';
const CORRECTED = 'Đã tổ chức sinh hoạt chuyên đề ngày 20/11, có biên bản và ảnh kèm theo.';
const COMMENT = 'Đề nghị đồng chí ghi rõ số người tham dự buổi sinh hoạt chuyên đề.';
const LINE_STATUS = ['Chưa bắt đầu', 'Đang thực hiện', 'Hoàn thành', 'Không đạt'];
const NO_OPEN_PERIOD =
	'no year has a period open for dangvien (the demo seeds a running year with reports from October only)';

/** The fieldsets of the report form that are lines (not the self-rating). */
/** Once a report is sent, its correction form waits folded under this summary. */
const CORRECTION = 'Gửi bản sửa báo cáo';

/** Unfolds the correction form (it stays open after a correction sent with JavaScript). */
async function openCorrection(page: Page): Promise<void> {
	const details = page.locator('details', { has: page.getByText(CORRECTION, { exact: true }) });
	if (!(await details.evaluate((d: HTMLDetailsElement) => d.open)))
		await page.getByText(CORRECTION, { exact: true }).click();
}

function lineGroups(page: Page): Locator {
	return page
		.locator('form#report fieldset')
		.filter({ has: page.getByLabel('Tình trạng', { exact: true }) });
}

function versions(page: Page): Locator {
	return page.getByRole('region', { name: 'Các lần gửi' });
}

/** The success message of a sent report (not the "sending…" one a submit shows meanwhile). */
function sentMessage(page: Page): Locator {
	return page
		.getByRole('main')
		.getByRole('status')
		.filter({ hasText: /^Đã gửi báo cáo/ });
}

function version(page: Page, n: number): Locator {
	return versions(page).getByRole('article', { name: new RegExp(`^Lần ${n}, gửi `) });
}

function photoLink(scope: Locator): Locator {
	return scope.getByRole('link', {
		name: new RegExp(`^Tải ${PHOTO.replace(/[.-]/g, '\\$&')} \\(\\d+(,\\d)? (KB|MB)\\)$`)
	});
}

/** The line's name, as its fieldset's legend gives it. */
async function titleOf(group: Locator): Promise<string> {
	return (await group.locator('legend').innerText()).trim();
}

test.describe.serial('a member reports a quarter with a photo; the cell comments', () => {
	let open: OpenPeriod | undefined;
	let member: BrowserContext;
	let page: Page;
	let secretary: BrowserContext;
	let bithu: Page;
	const errors: string[] = [];
	let yearUrl = '';
	let periodUrl = '';
	let titles: string[] = [];
	/** The line the photo goes with, and the line the cell comments on. */
	let photoLine = '';
	let evidenceUrl = '';
	let original: Buffer;

	test.beforeAll(async ({ browser, baseURL }) => {
		open = await findOpenPeriod(await apiAs(baseURL!, 'dangvien'));
		if (!open) return;
		yearUrl = `/registrations/${open.year}/reports`;
		periodUrl = `${yearUrl}/${open.period}`;
		original = await photoWithGps();
		member = await browser.newContext({ viewport: PHONE });
		secretary = await browser.newContext({ viewport: PHONE });
		for (const c of [member, secretary])
			c.on('weberror', (e) => errors.push(`${e.page()?.url()}: ${e.error().message}`));
		page = await member.newPage();
		bithu = await secretary.newPage();
	});

	test.afterAll(async () => {
		await member?.close();
		await secretary?.close();
		expect(errors, 'uncaught errors in the member’s or the secretary’s browser').toEqual([]);
	});

	test.beforeEach(() => {
		// From January to September the demo's only year is the current one and dangvien, kept
		// unregistered for the registration journey, has nothing to report: the journey needs the
		// running year seeded from October (demo/seed.ts).
		test.skip(!open, NO_OPEN_PERIOD);
		test.setTimeout(60_000);
	});

	test('dangvien opens the year’s reports: the actions at a glance and where each period stands', async () => {
		const { year } = open!;
		await login(page, 'dangvien');
		// From the year's registration, whose actions the reports follow.
		await page.goto(`/registrations/${year}`, { waitUntil: 'networkidle' });
		const actions = page.getByRole('region', { name: 'Việc làm cụ thể' }).getByRole('listitem');
		const registered = (await actions.locator('p.font-semibold').allInnerTexts()).map((t) =>
			t.replace(/^\d+\.\s*/, '').trim()
		);
		expect(registered.length, 'dangvien’s approved actions').toBeGreaterThan(0);
		await page.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
		await expect(page).toHaveURL(yearUrl);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			`Báo cáo kết quả thực hiện năm ${year}`
		);

		// The year at a glance: every registered action, with its target and latest status.
		const glance = page.getByRole('region', { name: 'Cả năm trong một trang' });
		const lines = glance.getByRole('listitem');
		titles = (await lines.locator('p.font-medium').allInnerTexts()).map((t) => t.trim());
		for (const t of registered) expect(titles, 'the glance lists each action').toContain(t);
		for (const line of await lines.all()) {
			await expect(line).toContainText('Chỉ tiêu');
			await expect(line).toContainText('Tình trạng');
		}

		// The periods: one open (the button's), the last ended one dangvien did not report overdue,
		// the earlier ones reported (or overdue: the demo member reported "at most" those).
		const periods = page.getByRole('region', { name: 'Các kỳ báo cáo' }).getByRole('listitem');
		const states = await periods.locator('.badge').allInnerTexts();
		expect(states.length).toBeGreaterThanOrEqual(4);
		for (const s of states) expect(Object.values(PERIOD_STATE)).toContain(s);
		expect(states[open!.period - 1]).toBe(PERIOD_STATE.open);
		expect(states, 'dangvien’s last ended period is overdue').toContain(PERIOD_STATE.overdue);
		const ended = states.slice(0, open!.period - 1);
		expect(ended.length, 'periods ended before the open one').toBeGreaterThan(0);
		for (const s of ended)
			expect([PERIOD_STATE.reported, PERIOD_STATE.reported_late, PERIOD_STATE.overdue]).toContain(
				s
			);
		// The open period is linked, from the list and from the button.
		await expect(periods.nth(open!.period - 1).getByRole('link')).toHaveAttribute(
			'href',
			periodUrl
		);
		await expect(page.getByRole('link', { name: open!.label, exact: true })).toHaveAttribute(
			'href',
			periodUrl
		);
		await expectAccessible(page);
		await shoot(page, 'report-year');
		await page.setViewportSize(PHONE);
	});

	test('a web page named like a photo is refused, and nothing is saved', async () => {
		await page.goto(yearUrl, { waitUntil: 'networkidle' });
		await page.getByRole('link', { name: open!.label, exact: true }).click();
		await expect(page).toHaveURL(periodUrl);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(
			open!.label.replace(/^Báo cáo /, '')
		);
		await expect(versions(page)).toHaveCount(0);
		await page.waitForLoadState('networkidle');

		const groups = lineGroups(page);
		const count = await groups.count();
		expect(count, 'lines to report on').toBe(titles.length);
		expect(await Promise.all((await groups.all()).map(titleOf))).toEqual(titles);
		// Each line: a status, a value for a number target (the first one with a decimal comma), what
		// was done. The photo goes with the first line, the bad file with another one if there is.
		let decimal = false;
		for (const [i, group] of (await groups.all()).entries()) {
			await expect(group.getByLabel('Tình trạng', { exact: true }).locator('option')).toHaveText(
				LINE_STATUS
			);
			await group
				.getByLabel('Tình trạng', { exact: true })
				.selectOption({ label: i === 0 ? 'Hoàn thành' : 'Đang thực hiện' });
			const value = group.getByLabel(/^Kết quả đạt được \(/);
			if ((await value.count()) > 0) {
				await value.fill(decimal ? String(i + 2) : '2,5');
				decimal = true;
			}
			await group.getByLabel('Tóm tắt việc đã làm').fill(i === 0 ? NARRATIVE : `Việc ${i + 1}`);
		}
		photoLine = titles[0];
		const badLine = groups.nth(count > 1 ? 1 : 0);
		const badInput = badLine.getByLabel('Minh chứng (ảnh, PDF, Word, Excel)');
		await badInput.setInputFiles({
			name: NOT_A_PHOTO,
			mimeType: 'image/jpeg',
			buffer: HTML_AS_JPG
		});
		await expectAccessible(page);
		await shoot(page, 'report-form');
		await page.setViewportSize(PHONE);

		await page.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();
		await expect(page.getByRole('alert')).toHaveText(
			'Báo cáo chưa gửi được: xem các ô được đánh dấu.'
		);
		const refusal = `Tệp "${NOT_A_PHOTO}" không phải ảnh (JPG, PNG, WebP), PDF hay văn bản Word, Excel, PowerPoint.`;
		await expect(badInput).toHaveAttribute('aria-invalid', 'true');
		await expect(badInput).toHaveAccessibleDescription(
			new RegExp(`${refusal.replace(/[().]/g, '\\$&')}$`)
		);
		await expect(badLine).toContainText(refusal);
		// What was typed stays in the form.
		await expect(groups.first().getByLabel('Tóm tắt việc đã làm')).toHaveValue(NARRATIVE);
		await expect(versions(page)).toHaveCount(0);
		await expectAccessible(page);
		await shoot(page, 'report-refused');
		await page.setViewportSize(PHONE);

		// Nothing was saved: a fresh load shows no version and an empty form.
		await page.reload({ waitUntil: 'networkidle' });
		await expect(versions(page)).toHaveCount(0);
		await expect(page.getByRole('alert')).toHaveCount(0);
		await expect(lineGroups(page).first().getByLabel('Tóm tắt việc đã làm')).toHaveValue('');
		await page.goto(yearUrl, { waitUntil: 'networkidle' });
		await expect(
			page
				.getByRole('region', { name: 'Các kỳ báo cáo' })
				.getByRole('listitem')
				.nth(open!.period - 1)
				.locator('.badge')
		).toHaveText(PERIOD_STATE.open);
	});

	test('the report is sent with the photo', async () => {
		await page.goto(periodUrl, { waitUntil: 'networkidle' });
		const groups = lineGroups(page);
		let decimalLine = '';
		for (const [i, group] of (await groups.all()).entries()) {
			await group
				.getByLabel('Tình trạng', { exact: true })
				.selectOption({ label: i === 0 ? 'Hoàn thành' : 'Đang thực hiện' });
			const value = group.getByLabel(/^Kết quả đạt được \(/);
			if ((await value.count()) > 0) {
				await value.fill(decimalLine ? String(i + 2) : '2,5');
				decimalLine ||= titles[i];
			}
			await group.getByLabel('Tóm tắt việc đã làm').fill(i === 0 ? NARRATIVE : `Việc ${i + 1}`);
		}
		await groups
			.first()
			.getByLabel('Minh chứng (ảnh, PDF, Word, Excel)')
			.setInputFiles({ name: PHOTO, mimeType: 'image/jpeg', buffer: original });
		await page.getByRole('button', { name: 'Gửi báo cáo', exact: true }).click();

		await expect(page).toHaveURL(`${periodUrl}?sent=1`);
		await expect(sentMessage(page)).toHaveText('Đã gửi báo cáo (lần 1).');
		const v1 = version(page, 1);
		await expect(v1).toHaveCount(1);
		const first = v1.getByRole('listitem').filter({ hasText: photoLine }).first();
		await expect(first).toContainText('Hoàn thành');
		await expect(first).toContainText(NARRATIVE);
		await expect(photoLink(first)).toHaveCount(1);
		if (decimalLine)
			await expect(v1.getByRole('listitem').filter({ hasText: decimalLine }).first()).toContainText(
				'Đạt được: 2,5'
			);
		// Now a correction: the same form, folded under its summary so the version shows first.
		await expect(page.getByText(CORRECTION, { exact: true })).toBeVisible();
		await expectAccessible(page);
		await shoot(page, 'report-sent');
		await page.setViewportSize(PHONE);

		evidenceUrl = (await photoLink(first).getAttribute('href')) ?? '';
		expect(evidenceUrl).toMatch(/^\/evidence\/\d+$/);
		await page.goto(yearUrl, { waitUntil: 'networkidle' });
		await expect(
			page
				.getByRole('region', { name: 'Các kỳ báo cáo' })
				.getByRole('listitem')
				.nth(open!.period - 1)
				.locator('.badge')
		).toHaveText(PERIOD_STATE.reported);
		const glanced = page
			.getByRole('region', { name: 'Cả năm trong một trang' })
			.getByRole('listitem')
			.filter({ hasText: photoLine })
			.first();
		await expect(glanced).toContainText('Hoàn thành');
	});

	test('the photo downloads without its EXIF and GPS position', async () => {
		// The test's own photo carries them.
		expect((await sharp(original).metadata()).exif).toBeDefined();
		expect(original.includes(LATITUDE_SECONDS)).toBe(true);
		expect(original.includes(Buffer.from(GPS_DATUM))).toBe(true);

		const res = await page.request.get(evidenceUrl, { maxRedirects: 0 });
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe('image/jpeg');
		expect(res.headers()['content-disposition']).toContain(`filename*=UTF-8''${PHOTO}`);
		const body = await res.body();
		const meta = await sharp(body).metadata();
		expect(meta.format).toBe('jpeg');
		expect(meta.exif, 'EXIF of the stored photo').toBeUndefined();
		expect(body.includes(LATITUDE_SECONDS), 'the GPS latitude').toBe(false);
		expect(body.includes(Buffer.from(GPS_DATUM)), 'the GPS block').toBe(false);
		expect(body.includes(Buffer.from('CamketPhone')), 'the camera’s make').toBe(false);
		expect(meta.width).toBe(480);
	});

	test('a correction keeps the photo and replaces version 1', async () => {
		await page.goto(periodUrl, { waitUntil: 'networkidle' });
		await openCorrection(page);
		await expect(page.getByText('Báo cáo đã gửi được giữ nguyên;')).toBeVisible();
		const first = lineGroups(page).first();
		const keep = first.getByRole('checkbox', {
			name: new RegExp(`^Giữ ${PHOTO.replace(/[.-]/g, '\\$&')} \\(\\d+ KB\\)$`)
		});
		await expect(keep).toBeChecked();
		// The form starts from what was sent.
		await expect(first.getByLabel('Tóm tắt việc đã làm')).toHaveValue(NARRATIVE);
		await expect(first.getByLabel('Tình trạng', { exact: true })).toHaveValue('done');
		await first.getByLabel('Tóm tắt việc đã làm').fill(CORRECTED);
		await page.getByRole('button', { name: 'Gửi bản sửa', exact: true }).click();

		await expect(page).toHaveURL(`${periodUrl}?sent=1`);
		await expect(sentMessage(page)).toHaveText('Đã gửi báo cáo (lần 2).');
		await expect(versions(page).getByRole('article')).toHaveCount(2);
		const v2 = version(page, 2);
		const v1 = version(page, 1);
		await expect(v2).not.toContainText('đã được thay bằng lần sau');
		await expect(v1).toContainText('đã được thay bằng lần sau');
		await expect(v2).toContainText(CORRECTED);
		await expect(v1).toContainText(NARRATIVE);
		// The photo was kept: the same file, linked from both versions.
		await expect(photoLink(v2)).toHaveAttribute('href', evidenceUrl);
		await expect(photoLink(v1)).toHaveAttribute('href', evidenceUrl);
		await expectAccessible(page);
		await shoot(page, 'report-corrected');
		await page.setViewportSize(PHONE);
	});

	test('bithu reads the report through the cell, comments on a line and downloads the photo', async ({
		baseURL
	}) => {
		const { self } = (await discoverTargets(baseURL!)).members;
		await login(bithu, 'bithu');
		await bithu.goto(`/members/${self.id}/reports?year=${open!.year}`, {
			waitUntil: 'networkidle'
		});
		await expect(bithu.getByRole('heading', { level: 1 })).toHaveText(
			`Báo cáo định kỳ của ${self.name}`
		);
		const periods = bithu.getByRole('region', { name: 'Các kỳ báo cáo' }).getByRole('listitem');
		await expect(periods.nth(open!.period - 1).locator('.badge')).toHaveText(PERIOD_STATE.reported);
		await expectAccessible(bithu);
		await shoot(bithu, 'report-cell-year');
		await bithu.setViewportSize(PHONE);

		await periods
			.nth(open!.period - 1)
			.getByRole('link')
			.click();
		await expect(bithu).toHaveURL(`/members/${self.id}/reports/${open!.period}?year=${open!.year}`);
		await expect(bithu.getByRole('main')).toContainText(self.name);
		await expect(version(bithu, 2)).toContainText(CORRECTED);
		await expect(version(bithu, 1)).toContainText('đã được thay bằng lần sau');
		await bithu.waitForLoadState('networkidle');

		await bithu.getByLabel('Nhận xét về').selectOption({ label: photoLine });
		await bithu.getByLabel('Nội dung nhận xét').fill(COMMENT);
		await bithu.getByRole('button', { name: 'Gửi nhận xét' }).click();
		await expect(bithu.getByRole('main').getByRole('status')).toHaveText(
			'Đã gửi nhận xét cho đảng viên.'
		);
		const comments = bithu.getByRole('region', { name: 'Nhận xét của chi bộ' });
		const comment = comments.getByRole('listitem').filter({ hasText: COMMENT });
		await expect(comment).toHaveCount(1);
		await expect(comment).toContainText(`về việc “${photoLine}”`);
		await expectAccessible(bithu);
		await shoot(bithu, 'report-cell-period');
		await bithu.setViewportSize(PHONE);

		const href = await photoLink(version(bithu, 2)).getAttribute('href');
		expect(href).toBe(evidenceUrl);
		const res = await bithu.request.get(evidenceUrl, { maxRedirects: 0 });
		expect(res.status()).toBe(200);
		expect(res.headers()['content-type']).toBe('image/jpeg');
	});

	test('dangvien sees the comment on the home page and on the year’s page', async () => {
		await page.goto('/', { waitUntil: 'networkidle' });
		const notice = page
			.getByRole('region', { name: 'Thông báo' })
			.getByRole('listitem')
			.filter({ hasText: `Chi bộ có nhận xét về báo cáo năm ${open!.year} của đồng chí.` })
			// Other journeys (the cell meeting's) may leave the member comments of their own.
			.filter({ hasText: COMMENT });
		await expect(notice).toHaveCount(1);
		const link = notice.getByRole('link', { name: 'Xem nhận xét' });
		await expect(link).toHaveAttribute('href', yearUrl);
		await expectAccessible(page);
		await shoot(page, 'report-home');
		await page.setViewportSize(PHONE);
		await link.click();
		await expect(page).toHaveURL(yearUrl);
		const comment = page
			.getByRole('region', { name: 'Nhận xét của chi bộ' })
			.getByRole('listitem')
			.filter({ hasText: COMMENT });
		await expect(comment).toHaveCount(1);
		await expect(comment).toContainText(`về việc “${photoLine}”`);
		// And on the period's page, under the versions.
		await page.goto(periodUrl, { waitUntil: 'networkidle' });
		await expect(
			page.getByRole('region', { name: 'Nhận xét của chi bộ' }).getByRole('listitem')
		).toContainText([COMMENT]);
	});

	test('a member of another cell cannot download the photo, nor can a visitor', async ({
		baseURL
	}) => {
		const { ownCellMember, otherMember } = (await discoverTargets(baseURL!)).members;
		const refused: [string, APIRequestContext][] = [
			[
				`a plain member of dangvien’s cell (${ownCellMember.name})`,
				await apiLogin(baseURL!, ownCellMember.card)
			],
			[
				`a member of another đảng bộ (${otherMember.name})`,
				await apiLogin(baseURL!, otherMember.card)
			],
			['the administrator', await apiAs(baseURL!, 'quantri')]
		];
		for (const [who, ctx] of refused) {
			const res = await getRaw(ctx, evidenceUrl);
			expect(res.status(), who).toBe(404);
			expect(res.headers()['content-type'], who).not.toBe('image/jpeg');
		}
		await Promise.all(refused.slice(0, 2).map(([, ctx]) => ctx.dispose()));

		const visitor = await request.newContext({ baseURL });
		const res = await getRaw(visitor, evidenceUrl);
		expect(res.status()).toBe(303);
		expect(res.headers()['location']).toBe(`/login?next=${encodeURIComponent(evidenceUrl)}`);
		await visitor.dispose();
	});

	// With JavaScript the form is updated in place (use:enhance, reset: false): the files just sent
	// must not stay chosen, or a correction sent right away would upload them a second time (another
	// /evidence/<id>, counted against the member's quota). This one does not reload the page.
	test('a correction sent right after a report does not send its files again', async () => {
		await page.goto(periodUrl, { waitUntil: 'networkidle' });
		await openCorrection(page);
		const before = await versions(page).getByRole('article').count();
		const first = lineGroups(page).first();
		const input = first.getByLabel('Minh chứng (ảnh, PDF, Word, Excel)');
		await input.setInputFiles({
			name: 'bien-ban.png',
			mimeType: 'image/png',
			buffer: await screenshotPng()
		});
		await page.getByRole('button', { name: 'Gửi bản sửa', exact: true }).click();
		await expect(sentMessage(page)).toHaveText(`Đã gửi báo cáo (lần ${before + 1}).`);
		const sent = await version(page, before + 1)
			.getByRole('link')
			.count();
		await page.waitForLoadState('networkidle');

		await openCorrection(page);
		await first.getByLabel('Tóm tắt việc đã làm').fill(`${CORRECTED} Bổ sung biên bản.`);
		await page.getByRole('button', { name: 'Gửi bản sửa', exact: true }).click();
		await expect(sentMessage(page)).toHaveText(`Đã gửi báo cáo (lần ${before + 2}).`);
		await expect(
			version(page, before + 2).getByRole('link'),
			'the files of the correction: the same as the version it replaces'
		).toHaveCount(sent, { timeout: 2_000 });
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('bithu reports their own open period with a PNG', async ({ page, baseURL }) => {
		const bithuOpen = await findOpenPeriod(await apiAs(baseURL!, 'bithu'));
		// As above: only a demo seeded from October has a running year with an open period.
		test.skip(!bithuOpen, 'no year has a period open for bithu');
		const url = `/registrations/${bithuOpen!.year}/reports/${bithuOpen!.period}`;
		await page.goto(`/login?next=${encodeURIComponent(url)}`);
		await page.getByLabel('Tên đăng nhập').fill('bithu');
		await page.getByLabel('Mật khẩu', { exact: true }).fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: 'Đăng nhập' }).click();
		await expect(page).toHaveURL(url);
		const before = await versions(page).getByRole('article').count();

		const groups = lineGroups(page);
		expect(await groups.count(), 'lines bithu reports on').toBeGreaterThan(0);
		for (const [i, group] of (await groups.all()).entries()) {
			await group
				.getByLabel('Tình trạng', { exact: true })
				.selectOption({ label: 'Đang thực hiện' });
			const value = group.getByLabel(/^Kết quả đạt được \(/);
			if ((await value.count()) > 0) await value.fill('1,5');
			await group
				.getByLabel('Tóm tắt việc đã làm')
				.fill(`Báo cáo không dùng JavaScript, việc ${i + 1}`);
		}
		await groups
			.first()
			.getByLabel('Minh chứng (ảnh, PDF, Word, Excel)')
			.setInputFiles({
				name: 'chup-man-hinh.png',
				mimeType: 'image/png',
				buffer: await screenshotPng()
			});
		await page.getByRole('button', { name: /^Gửi (báo cáo|bản sửa)$/ }).click();

		await expect(page).toHaveURL(`${url}?sent=1`);
		await expect(sentMessage(page)).toHaveText(`Đã gửi báo cáo (lần ${before + 1}).`);
		const latest = version(page, before + 1);
		await expect(latest).toContainText('Báo cáo không dùng JavaScript, việc 1');
		await expect(
			latest.getByRole('link', { name: /^Tải chup-man-hinh\.png \(\d+ KB\)$/ })
		).toHaveCount(1);
		await expectAccessibleWithoutJs(page);
	});
});

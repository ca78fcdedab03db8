// Screenshots of the commitment screens (issue 3) at 390 and 1280 px, for people to look at (and
// an axe check of each, independent of the journey's):
// the member's form with a draft, the cell's follow-up page, the bloc's rates, the secretary's
// review page, a verification result, the review years and a catalog version. The PDF's first
// page is rendered by commitment-journey.spec.ts.
import {
	blocCellId,
	COMMITMENT_CELLS,
	demoYear,
	freshMembers,
	saveDraft,
	STATE
} from './commitments';
import { discoverTargets } from './demo';
import { test, expect, apiAs, apiLogin, expectAccessible, getHtml, login } from './helpers';
import { shoot } from './shots';

const DRAFT = {
	political: [
		'Mỗi quý viết một bài thu hoạch về chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
		'Không chia sẻ thông tin chưa được kiểm chứng trên mạng xã hội.'
	].join('\n'),
	ethics: 'Tiết kiệm điện, nước, văn phòng phẩm tại cơ quan.',
	discipline: '',
	duties: 'Hoàn thành 100% chỉ tiêu chuyên môn năm; không để hồ sơ quá hạn.'
};

/** A member of the own cell whose signed commitment waits for bithu, from bithu's cell page. */
async function pendingInOwnCell(baseURL: string): Promise<number> {
	const { units } = await discoverTargets(baseURL);
	const html = await getHtml(await apiAs(baseURL, 'bithu'), `/units/${units.ownCell}/commitments`);
	const id = /name="ids" value="\d+"[\s\S]*?href="\/members\/(\d+)\/commitments\?/.exec(html)?.[1];
	if (!id) throw new Error('no commitment awaiting review on bithu’s cell page');
	return Number(id);
}

test('the commitment form with a draft', async ({ page, baseURL }) => {
	const year = await demoYear(baseURL!);
	const [m] = await freshMembers(baseURL!, await blocCellId(baseURL!, COMMITMENT_CELLS.drafts), 1);
	await saveDraft(await apiLogin(baseURL!, m.card), year, DRAFT);
	await login(page, m.card);
	await page.goto(`/commitments/${year}`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('main').getByText(STATE.draft, { exact: true })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Ký bản cam kết' })).toBeVisible();
	await expectAccessible(page);
	await shoot(page, 'commitment-form');
});

test('the cell’s follow-up page as its secretary', async ({ page, baseURL }) => {
	const { units } = await discoverTargets(baseURL!);
	await login(page, 'bithu');
	await page.goto(`/units/${units.ownCell}/commitments`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('button', { name: 'Xác nhận các bản đã chọn' })).toBeVisible();
	await expectAccessible(page);
	await shoot(page, 'commitment-cell');
});

test('the bloc’s signing rates as the organization department', async ({ page, baseURL }) => {
	const { units } = await discoverTargets(baseURL!);
	await login(page, 'bantochuc');
	await page.goto(`/units/${units.bloc}/commitments`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('table')).toBeVisible();
	await expectAccessible(page);
	await shoot(page, 'commitment-bloc');
});

test('the review page and the verification of its code', async ({ page, baseURL }) => {
	const member = await pendingInOwnCell(baseURL!);
	await login(page, 'bithu');
	await page.goto(`/members/${member}/commitments`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('button', { name: 'Trả lại để sửa' })).toBeVisible();
	await expectAccessible(page);
	await shoot(page, 'commitment-review');

	const code = await page
		.getByRole('region', { name: 'Các phiên bản đã ký' })
		.locator('code')
		.first()
		.innerText();
	await page.goto(`/verify?code=${encodeURIComponent(code)}`, { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 2, name: /hợp lệ/ })).toBeVisible();
	await expectAccessible(page);
	await shoot(page, 'verify-result');
});

test('the review years, a year and a catalog version', async ({ page }) => {
	await login(page, 'bantochuc');
	await page.goto('/admin/years', { waitUntil: 'networkidle' });
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	await expectAccessible(page);
	await shoot(page, 'admin-years');

	await page.getByRole('main').locator('a[href^="/admin/years/"]').first().click();
	await expect(page).toHaveURL(/\/admin\/years\/\d+$/);
	await page.waitForLoadState('networkidle');
	await expectAccessible(page);
	await shoot(page, 'admin-year');

	await page.goto('/admin/catalogs', { waitUntil: 'networkidle' });
	await page.getByRole('main').locator('a[href^="/admin/catalogs/"]').first().click();
	await expect(page).toHaveURL(/\/admin\/catalogs\/\d+$/);
	await page.waitForLoadState('networkidle');
	await expectAccessible(page);
	await shoot(page, 'catalog-version');
});

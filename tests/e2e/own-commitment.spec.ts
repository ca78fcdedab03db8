// Journey: nobody confirms their own commitment. In a cell without a deputy secretary, the
// secretary signs; the signed commitment waits for the grassroots committee above it: danguy finds
// it on the home page and confirms it from the cell's follow-up page, where it is the only one
// offered.
import { demoYear, postSign, previewOf, saveDraft, secretaryOf, signForm } from './commitments';
import { RESERVED_CELLS, stcCellId } from './demo';
import { test, expect, expectAccessible, login, apiLogin, DEMO_PASSWORD } from './helpers';

test('a lone secretary’s commitment is confirmed by the committee above', async ({
	page,
	baseURL
}) => {
	// The transfer journey's target cell has no deputy, and no other journey signs or reviews there.
	const cell = RESERVED_CELLS.transferTo;
	const cellId = await stcCellId(baseURL!, cell);
	const secretary = await secretaryOf(baseURL!, cellId);
	const asSecretary = await apiLogin(baseURL!, secretary.card);
	const year = await demoYear(baseURL!);
	const item = 'Giữ mối liên hệ thường xuyên với đảng viên trong chi bộ.';
	await saveDraft(asSecretary, year, { political: item });
	const signed = await postSign(
		asSecretary,
		year,
		signForm({
			typedName: secretary.name,
			password: DEMO_PASSWORD,
			political: item,
			extra: await previewOf(asSecretary, year)
		})
	);
	expect(signed.status, signed.messages.join('; ')).toBe(303);

	await login(page, 'danguy');
	const waiting = page
		.getByRole('listitem')
		.filter({ hasText: new RegExp(`^${cell}: 1 bản cam kết năm \\d{4}`) });
	await expect(waiting).toBeVisible();
	await waiting.getByRole('link', { name: 'Xem và xác nhận' }).click();
	await expect(page).toHaveURL(new RegExp(`/units/${cellId}/commitments\\?`));

	// Only the secretary's commitment is the committee's to confirm; the rest are the cell's.
	const offered = page.getByRole('checkbox', { name: /^Chọn bản cam kết của / });
	await expect(offered).toHaveCount(1);
	await expectAccessible(page);
	await offered.check();
	await page.getByRole('button', { name: 'Xác nhận các bản đã chọn' }).click();
	await expect(page.getByRole('status')).toContainText('Đã xác nhận 1 bản cam kết.');
	await expect(offered).toHaveCount(0);
	await page.goto('/', { waitUntil: 'networkidle' });
	await expect(waiting).toHaveCount(0);
});

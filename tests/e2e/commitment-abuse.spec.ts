// Bad input and abuse around signing and reviewing (issue 3): each is refused with a clear
// message and changes nothing. The members are members of a cell directly under the bloc that only
// this file touches; each test takes members nobody has used yet, so any test runs alone.
import type { APIResponse, Page } from '@playwright/test';
import {
	blocCellId,
	cellRows,
	COMMITMENT_CELLS,
	demoYear,
	freshMembers,
	latestCommitmentId,
	memberIdOf,
	postSign,
	previewOf,
	rowOf,
	saveDraft,
	secretaryOf,
	signedCode,
	signedVersions,
	signForm,
	STATE
} from './commitments';
import {
	test,
	expect,
	apiLogin,
	DEMO_PASSWORD,
	expectAccessible,
	expectAccessibleWithoutJs,
	fold,
	getRaw,
	login,
	postForm,
	textOf
} from './helpers';

const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

interface Setting {
	year: number;
	cellId: number;
}

let setting: Promise<Setting> | undefined;

function settingOf(baseURL: string): Promise<Setting> {
	setting ??= (async () => ({
		year: await demoYear(baseURL),
		cellId: await blocCellId(baseURL, COMMITMENT_CELLS.abuse)
	}))();
	return setting;
}

async function fresh(baseURL: string, count: number) {
	const s = await settingOf(baseURL);
	return { ...s, members: await freshMembers(baseURL, s.cellId, count) };
}

async function member(baseURL: string) {
	const { members, ...s } = await fresh(baseURL, 1);
	return { ...s, member: members[0] };
}

/** What the organization department sees of a member: their state and signed versions. */
async function standing(baseURL: string, cellId: number, card: string) {
	const row = await rowOf(baseURL, cellId, card);
	return {
		state: row.state,
		versions: row.memberId ? await signedVersions(baseURL, row.memberId) : []
	};
}

const ITEM = 'Hoàn thành đúng hạn các bài viết được phân công.';

/**
 * The digest of the text the member's page shows, which the sign form carries in a hidden field:
 * a form posted without it (or with an old one) is answered with the current text, not signed.
 */
async function openOwnCommitment(page: Page, card: string, year: number): Promise<void> {
	await login(page, card);
	await page.goto(`/commitments/${year}`, { waitUntil: 'networkidle' });
}

async function fillSigning(page: Page, fields: { name: string; password: string }) {
	await page.getByLabel('Gõ họ và tên của đồng chí').fill(fields.name);
	await page.getByLabel('Mật khẩu đăng nhập (để xác nhận đúng là đồng chí)').fill(fields.password);
}

test('a wrong password on signing is refused next to the field and signs nothing', async ({
	page,
	baseURL
}) => {
	const { year, cellId, member: m } = await member(baseURL!);
	await saveDraft(await apiLogin(baseURL!, m.card), year, { political: ITEM });

	await openOwnCommitment(page, m.card, year);
	await expect(page.getByRole('region', { name: /^I\. / }).getByRole('textbox')).toHaveValue(ITEM);
	await fillSigning(page, { name: m.name, password: 'khong-phai-mat-khau' });
	await page.getByLabel('Tôi đã đọc toàn bộ nội dung trên và cam kết thực hiện.').check();
	await page.getByRole('button', { name: 'Ký bản cam kết' }).click();

	const password = page.getByLabel('Mật khẩu đăng nhập (để xác nhận đúng là đồng chí)');
	await expect(password).toHaveAttribute('aria-invalid', 'true');
	await expect(password).toHaveAccessibleDescription('Mật khẩu không đúng.');
	// What the member wrote is kept.
	await expect(page.getByLabel('Gõ họ và tên của đồng chí')).toHaveValue(m.name);
	await expect(page.getByRole('region', { name: /^I\. / }).getByRole('textbox')).toHaveValue(ITEM);
	await expect(page.getByRole('main').getByText(STATE.draft, { exact: true })).toBeVisible();
	await expectAccessible(page);

	expect(await standing(baseURL!, cellId, m.card)).toEqual({ state: STATE.draft, versions: [] });
});

test('a typed name that does not match the record is refused next to the field', async ({
	page,
	baseURL
}) => {
	const { year, cellId, member: m } = await member(baseURL!);
	await saveDraft(await apiLogin(baseURL!, m.card), year, { duties: ITEM });

	await openOwnCommitment(page, m.card, year);
	// The given name alone is not the full name.
	const given = m.name.split(' ').at(-1)!;
	await fillSigning(page, { name: given, password: DEMO_PASSWORD });
	await page.getByLabel('Tôi đã đọc toàn bộ nội dung trên và cam kết thực hiện.').check();
	await page.getByRole('button', { name: 'Ký bản cam kết' }).click();

	const typed = page.getByLabel('Gõ họ và tên của đồng chí');
	await expect(typed).toHaveAttribute('aria-invalid', 'true');
	await expect(typed).toHaveAccessibleDescription(
		new RegExp(`Họ tên gõ vào không khớp với hồ sơ\\.`)
	);
	await expect(
		page.getByLabel('Mật khẩu đăng nhập (để xác nhận đúng là đồng chí)')
	).not.toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByRole('main').getByText(STATE.draft, { exact: true })).toBeVisible();
	await expectAccessible(page);

	expect(await standing(baseURL!, cellId, m.card)).toEqual({ state: STATE.draft, versions: [] });
});

test('signing needs the affirmation ticked by the member: it starts unticked, and without it nothing is signed', async ({
	page,
	baseURL
}) => {
	const { year, cellId, member: m } = await member(baseURL!);
	await saveDraft(await apiLogin(baseURL!, m.card), year, { ethics: ITEM });

	await openOwnCommitment(page, m.card, year);
	const affirm = page.getByLabel('Tôi đã đọc toàn bộ nội dung trên và cam kết thực hiện.');
	await expect.soft(affirm, 'the affirmation is not ticked for the member').not.toBeChecked();
	await affirm.uncheck();
	await fillSigning(page, { name: m.name, password: DEMO_PASSWORD });
	await page.getByRole('button', { name: 'Ký bản cam kết' }).click();

	await expect(affirm).toHaveAttribute('aria-invalid', 'true');
	await expect(affirm).toHaveAccessibleDescription('Vui lòng đánh dấu ô xác nhận trước khi ký.');
	await expect(page.getByRole('main').getByText(STATE.draft, { exact: true })).toBeVisible();
	expect(await standing(baseURL!, cellId, m.card)).toEqual({ state: STATE.draft, versions: [] });
});

test('after five wrong passwords signing is blocked for a while, even with the right one', async ({
	baseURL
}) => {
	const { year, cellId, member: m } = await member(baseURL!);
	const ctx = await apiLogin(baseURL!, m.card);
	await saveDraft(ctx, year, { political: ITEM });
	for (let i = 1; i <= 5; i++) {
		const res = await postSign(ctx, year, signForm({ typedName: m.name, password: `sai-${i}` }));
		expect({ status: res.status, messages: res.messages }, `attempt ${i}`).toEqual({
			status: 400,
			messages: ['password: Mật khẩu không đúng.']
		});
	}
	const blocked = await postSign(
		ctx,
		year,
		signForm({ typedName: m.name, password: DEMO_PASSWORD })
	);
	// Too many attempts: 429 (domain/result.ts statusOf), with the wait in the form's message.
	expect(blocked.status).toBe(429);
	expect(blocked.messages).toEqual([
		expect.stringMatching(/^Đồng chí đã nhập sai quá nhiều lần\. Vui lòng thử lại sau \d+ phút\.$/)
	]);
	expect(await standing(baseURL!, cellId, m.card)).toEqual({ state: STATE.draft, versions: [] });
});

test('signing for someone else is impossible: a member signs only their own', async ({
	baseURL
}) => {
	const {
		year,
		cellId,
		members: [actor, victim]
	} = await fresh(baseURL!, 2);
	const victimId = await memberIdOf(baseURL!, victim.card);
	const ctx = await apiLogin(baseURL!, actor.card);
	await saveDraft(ctx, year, { political: ITEM });
	// Whatever names an other member in the form: their id, their card, their name.
	const forVictim = {
		member_id: String(victimId),
		memberId: String(victimId),
		card_no: victim.card
	};

	const asVictim = await postSign(
		ctx,
		year,
		signForm({ typedName: victim.name, password: DEMO_PASSWORD, political: ITEM, extra: forVictim })
	);
	expect({ status: asVictim.status, messages: asVictim.messages }, 'the victim’s name').toEqual({
		status: 400,
		messages: ['typed_name: Họ tên gõ vào không khớp với hồ sơ.']
	});

	const own = await postSign(
		ctx,
		year,
		signForm({
			typedName: actor.name,
			password: DEMO_PASSWORD,
			political: ITEM,
			extra: { ...forVictim, ...(await previewOf(ctx, year)) }
		})
	);
	expect(own.status).toBe(303);
	const code = signedCode(own.location);

	expect(await standing(baseURL!, cellId, victim.card)).toEqual({
		state: STATE.not_started,
		versions: []
	});
	expect(await standing(baseURL!, cellId, actor.card)).toEqual({
		state: STATE.signed,
		versions: ['1']
	});
	// The signed document is the actor's: the public check names them.
	const verified = textOf(await (await ctx.get(`/verify/${code.replaceAll('-', '')}`)).text());
	expect(verified).toContain('Bản cam kết hợp lệ, nguyên vẹn');
	expect(verified).toContain(actor.name);
	expect(verified).not.toContain(victim.name);
});

test('signing twice is refused with a message; the signed version cannot be edited', async ({
	baseURL
}) => {
	const { year, cellId, member: m } = await member(baseURL!);
	const ctx = await apiLogin(baseURL!, m.card);
	const shown = await previewOf(ctx, year);
	const first = await postSign(
		ctx,
		year,
		signForm({ typedName: m.name, password: DEMO_PASSWORD, political: ITEM, extra: shown })
	);
	expect(first.status).toBe(303);

	for (const political of [ITEM, 'Một nội dung khác ký lần hai.']) {
		const again = await postSign(
			ctx,
			year,
			signForm({ typedName: m.name, password: DEMO_PASSWORD, political, extra: shown })
		);
		expect(again.status, 'a second signature').toBe(409);
		// Refused, and the page says so (not merely shows the signed version again).
		expect
			.soft(again.messages, 'the message on the refused second signature')
			.toEqual([
				'Không thực hiện được: bản cam kết đã được ký hoặc vừa thay đổi. Muốn sửa bản đã ký, hãy bấm "Sửa đổi và ký lại".'
			]);
	}
	// Nor does saving a draft over the signed version change it.
	const save = await postForm(ctx, `/commitments/${year}?/save`, {
		political: 'Sửa sau khi ký.',
		ethics: '',
		discipline: '',
		duties: ''
	});
	expect(save.status()).toBe(409);

	expect(await standing(baseURL!, cellId, m.card)).toEqual({
		state: STATE.signed,
		versions: ['1']
	});
	const page = textOf(await (await getRaw(ctx, `/commitments/${year}`)).text());
	expect(page).toContain(ITEM);
	expect(page).not.toContain('Một nội dung khác ký lần hai.');
	expect(page).not.toContain('Sửa sau khi ký.');
});

test('two signatures sent at once make one version', async ({ baseURL }) => {
	const { year, cellId, member: m } = await member(baseURL!);
	const ctx = await apiLogin(baseURL!, m.card);
	const shown = await previewOf(ctx, year);
	const answers = await Promise.all(
		['Nội dung lần một.', 'Nội dung lần hai.'].map((political) =>
			postSign(
				ctx,
				year,
				signForm({ typedName: m.name, password: DEMO_PASSWORD, political, extra: shown })
			)
		)
	);
	expect(answers.map((a) => a.status).sort()).toEqual([303, 409]);
	expect(await standing(baseURL!, cellId, m.card)).toEqual({
		state: STATE.signed,
		versions: ['1']
	});
});

test('the secretary of another cell can neither open nor decide this cell’s commitments', async ({
	baseURL
}) => {
	const { cellId } = await settingOf(baseURL!);
	const [pending] = await cellRows(baseURL!, cellId, 'signed');
	expect(pending, `a commitment awaiting review in ${COMMITMENT_CELLS.abuse}`).toBeDefined();
	const commitmentId = String(await latestCommitmentId(baseURL!, pending.memberId!));
	const otherCellId = await blocCellId(baseURL!, COMMITMENT_CELLS.otherSecretary);
	const secretary = await apiLogin(baseURL!, (await secretaryOf(baseURL!, otherCellId)).card);
	const [ownMember] = await cellRows(baseURL!, otherCellId);
	const ownMemberId = await memberIdOf(baseURL!, ownMember.card);
	const before = await standing(baseURL!, cellId, pending.card);
	const status = async (res: Promise<APIResponse>) => (await res).status();
	const review = (decision: string) => ({
		commitment_id: commitmentId,
		decision,
		comment: 'Trả lại trái phép'
	});

	expect({
		open: await status(getRaw(secretary, `/members/${pending.memberId}/commitments`)),
		return: await status(
			postForm(secretary, `/members/${pending.memberId}/commitments?/review`, review('returned'))
		),
		confirm: await status(
			postForm(secretary, `/members/${pending.memberId}/commitments?/review`, review('confirmed'))
		),
		// Through the address of a member of its own cell, with this cell's commitment id.
		confirmViaOwnMember: await status(
			postForm(secretary, `/members/${ownMemberId}/commitments?/review`, review('confirmed'))
		),
		confirmOnThisCell: await status(
			postForm(secretary, `/units/${cellId}/commitments?/confirm`, { ids: commitmentId })
		)
	}).toEqual({
		open: 404,
		return: 404,
		confirm: 404,
		confirmViaOwnMember: 404,
		confirmOnThisCell: 404
	});

	// Bulk confirmation on its own cell's page confirms only its own cell's commitments.
	const bulk = await postForm(secretary, `/units/${otherCellId}/commitments?/confirm`, {
		ids: commitmentId
	});
	const text = textOf(await bulk.text());
	expect(text).toContain('Đã xác nhận 0 bản cam kết.');
	expect(text).toContain('1 bản không xác nhận được');

	expect(await standing(baseURL!, cellId, pending.card)).toEqual(before);
	expect(before.state).toBe(STATE.signed);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('a member saves a draft and signs', async ({ page, baseURL }) => {
		const { year, cellId, member: m } = await member(baseURL!);
		await login(page, m.card);
		await page.goto('/commitments');
		await page.getByRole('link', { name: `Bản cam kết năm ${year}` }).click();
		const box = page.getByRole('region', { name: /^IV\. / }).getByLabel('Cam kết của cá nhân');
		await expect(box, 'a member who has not started gets the form').toBeVisible();
		await box.fill(ITEM);
		await page.getByRole('button', { name: 'Lưu nháp' }).click();
		await expect(page.getByRole('status')).toHaveText('Đã lưu nháp.');
		await expect(box).toHaveValue(ITEM);

		await fillSigning(page, { name: fold(m.name).toUpperCase(), password: DEMO_PASSWORD });
		await page.getByLabel('Tôi đã đọc toàn bộ nội dung trên và cam kết thực hiện.').check();
		await page.getByRole('button', { name: 'Ký bản cam kết' }).click();
		await expect(page).toHaveURL(new RegExp(`/commitments/${year}\\?signed=[A-Z2-7-]{14}$`));
		await expect(page.getByRole('status')).toContainText('Đã ký bản cam kết (phiên bản 1).');
		await expect(page.getByRole('article')).toContainText(ITEM);
		await expectAccessibleWithoutJs(page);
		expect(await standing(baseURL!, cellId, m.card)).toEqual({
			state: STATE.signed,
			versions: ['1']
		});
	});
});

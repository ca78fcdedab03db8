// Journey: the system administrator resets a member's password; the member logs in with the
// temporary password and must choose a new one before reaching anything else.
import { membersOf, RESERVED_CELLS, stcCellId } from './demo';
import { test, expect, expectAccessible, login } from './helpers';

const NEW_PASSWORD = 'Trăng rằm sáng tỏ bên sông';

test('after a reset the member must change the temporary password first', async ({
	page,
	browser,
	baseURL
}) => {
	const [member] = await membersOf(
		baseURL!,
		await stcCellId(baseURL!, RESERVED_CELLS.forcedChange)
	);

	// The administrator finds the account by login (the card number) and resets its password.
	await login(page, 'quantri');
	await page
		.getByRole('navigation', { name: 'Điều hướng chính' })
		.getByRole('link', { name: 'Quản trị' })
		.click();
	await page.getByRole('main').getByRole('link', { name: 'Tài khoản' }).click();
	await page.getByLabel('Tên đăng nhập hoặc tên hiển thị').fill(member.card);
	await page.getByRole('button', { name: 'Lọc' }).click();
	await expect(page).toHaveURL((url) => url.searchParams.get('q') === member.card);
	await page.getByRole('link', { name: member.name, exact: true }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(member.name);
	await page.getByLabel('Tôi xác nhận đặt lại mật khẩu của tài khoản này.').check();
	await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
	const temporary = page.getByRole('textbox', { name: 'Mật khẩu tạm', exact: true });
	await expect(temporary).not.toHaveValue('');
	const password = await temporary.inputValue();
	await expectAccessible(page);

	const context = await browser.newContext();
	const member$ = await context.newPage();
	await login(member$, member.card, password);
	await expect(member$).toHaveURL('/me/password');
	await expect(member$.getByRole('status')).toContainText(
		'vui lòng đặt mật khẩu mới của riêng đồng chí'
	);
	await expectAccessible(member$);

	// Nothing else opens until the password is changed.
	for (const url of ['/', '/me', '/units']) {
		await member$.goto(url, { waitUntil: 'networkidle' });
		await expect(member$, `${url} leads back to the password change`).toHaveURL('/me/password');
	}

	await member$.getByLabel('Mật khẩu hiện tại').fill(password);
	await member$.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
	await member$.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
	await member$.getByRole('button', { name: 'Đổi mật khẩu' }).click();
	await expect(member$.getByRole('status')).toHaveText(
		'Đã đổi mật khẩu. Các phiên đăng nhập khác đã bị đăng xuất.'
	);

	await member$.goto('/');
	await expect(member$).toHaveURL('/');
	await expect(member$.getByRole('heading', { level: 1 })).toHaveText(`Xin chào, ${member.name}`);
	await context.close();
});

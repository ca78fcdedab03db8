// Journey: each demo login lands on the home page, is greeted, sees its roles and exactly the
// menu items its role opens (the access matrix checks that the hidden ones are refused too).
import { test, expect, expectAccessible, login, type DemoLogin } from './helpers';

const HOME = 'Trang chủ';
const ME = 'Hồ sơ của tôi';
const UNITS = 'Tổ chức đảng';
const MEMBERS = 'Đảng viên';
const IMPORT = 'Nhập dữ liệu';
const ACCOUNTS = 'Tài khoản';
const AUDIT = 'Nhật ký';

const EXPECTED: Record<DemoLogin, { menu: string[]; roles: RegExp[] }> = {
	dangvien: {
		menu: [HOME, ME],
		roles: [/Bạn là đảng viên; bạn xem và cập nhật hồ sơ của chính mình\./]
	},
	bithu: {
		menu: [HOME, ME, UNITS, MEMBERS, AUDIT],
		roles: [/Bí thư chi bộ — Chi bộ Phòng Ngân sách/]
	},
	danguy: {
		menu: [HOME, ME, UNITS, MEMBERS, IMPORT, AUDIT],
		roles: [/Đảng ủy viên — Đảng bộ Sở Tài chính/]
	},
	bantochuc: {
		menu: [HOME, ME, UNITS, MEMBERS, IMPORT, AUDIT],
		roles: [/Ban Tổ chức — Đảng bộ Khối Các cơ quan tỉnh/]
	},
	thuongvu: {
		menu: [HOME, ME, UNITS, MEMBERS, AUDIT],
		roles: [/Ban Thường vụ Đảng ủy Khối — Đảng bộ Khối Các cơ quan tỉnh/]
	},
	quantri: {
		menu: [HOME, ACCOUNTS],
		roles: [/Quản trị hệ thống/, /bạn không xem nội dung hồ sơ đảng viên/]
	}
};

for (const [who, expected] of Object.entries(EXPECTED) as [
	DemoLogin,
	(typeof EXPECTED)[DemoLogin]
][]) {
	test(`${who} logs in, lands on the home page and sees only its menu items`, async ({ page }) => {
		await login(page, who);
		await expect(page).toHaveURL('/');
		await expect(page).toHaveTitle('Trang chủ · Cam kết');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Xin chào, \S+/);

		const menu = page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link');
		await expect(menu).toHaveText(expected.menu);
		await expect(menu.filter({ hasText: HOME })).toHaveAttribute('aria-current', 'page');

		const roles = page.getByRole('region', { name: 'Vai trò của bạn' });
		for (const text of expected.roles) await expect(roles).toContainText(text);

		await expectAccessible(page);
	});
}

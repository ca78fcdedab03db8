// Journey: each demo login lands on the home page, is greeted, sees its roles and exactly the
// menu items its role opens, and under "Quản trị" exactly its admin tools (the access matrix
// checks that the hidden ones are refused too).
import { test, expect, expectAccessible, login, type DemoLogin } from './helpers';

const HOME = 'Trang chủ';
const COMMITMENTS = 'Cam kết';
const REGISTRATIONS = 'Đăng ký làm theo';
const ME = 'Hồ sơ của tôi';
const UNITS = 'Tổ chức đảng';
const MEMBERS = 'Đảng viên';
const ADMIN = 'Quản trị';
const AUDIT = 'Nhật ký';

/** The tools the "Quản trị" page lists for those who have any. */
const IMPORT = 'Nhập dữ liệu';
const YEARS = 'Năm đánh giá';
const CATALOGS = 'Danh mục';
const INTEGRITY = 'Kiểm tra toàn vẹn';
const ACCOUNTS = 'Tài khoản';

const EXPECTED: Record<DemoLogin, { menu: string[]; roles: RegExp[]; tools: string[] }> = {
	dangvien: {
		menu: [HOME, COMMITMENTS, REGISTRATIONS, ME],
		roles: [/Đồng chí là đảng viên: xem và cập nhật hồ sơ của chính mình\./],
		tools: []
	},
	bithu: {
		menu: [HOME, COMMITMENTS, REGISTRATIONS, ME, UNITS, MEMBERS, AUDIT],
		roles: [/Bí thư chi bộ — Chi bộ Phòng Ngân sách/],
		tools: []
	},
	danguy: {
		menu: [HOME, COMMITMENTS, REGISTRATIONS, ME, UNITS, MEMBERS, ADMIN, AUDIT],
		roles: [/Đảng ủy viên — Đảng bộ Sở Tài chính/],
		tools: [IMPORT]
	},
	bantochuc: {
		menu: [HOME, COMMITMENTS, REGISTRATIONS, ME, UNITS, MEMBERS, ADMIN, AUDIT],
		roles: [/Cán bộ Ban Tổ chức Đảng ủy Khối — Đảng bộ Khối các cơ quan tỉnh Lâm Đồng/],
		tools: [IMPORT, YEARS, CATALOGS, INTEGRITY]
	},
	thuongvu: {
		menu: [HOME, COMMITMENTS, REGISTRATIONS, ME, UNITS, MEMBERS, AUDIT],
		roles: [/Ủy viên Ban Thường vụ Đảng ủy Khối — Đảng bộ Khối các cơ quan tỉnh Lâm Đồng/],
		tools: []
	},
	quantri: {
		menu: [HOME, ADMIN, AUDIT],
		roles: [/Quản trị viên hệ thống/, /không xem nội dung hồ sơ đảng viên/],
		tools: [CATALOGS, ACCOUNTS]
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

		const roles = page.getByRole('region', { name: 'Vai trò của đồng chí' });
		for (const text of expected.roles) await expect(roles).toContainText(text);

		await expectAccessible(page);

		// "Quản trị" gathers exactly the admin tools the role has (the access matrix checks that
		// the others are refused).
		if (expected.tools.length === 0) return;
		await menu.filter({ hasText: ADMIN }).click();
		await expect(page).toHaveURL('/admin');
		await expect(menu.filter({ hasText: ADMIN })).toHaveAttribute('aria-current', 'page');
		await expect(page.getByRole('main').getByRole('listitem').getByRole('link')).toHaveText(
			expected.tools
		);
		await expectAccessible(page);
	});
}

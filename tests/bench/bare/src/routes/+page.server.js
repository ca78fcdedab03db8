// Twenty-five rows of data: with them the page weighs about what the app's login page does (~5 KB).
const logins = ['dangvien', 'bithu', 'danguy', 'bantochuc', 'thuongvu', 'quantri'];

/** @type {import('@sveltejs/kit').ServerLoad} */
export const load = () => ({
	accounts: Array.from({ length: 25 }, (_, i) => ({
		login: `${logins[i % logins.length]}${i + 1}`,
		label: `Tài khoản thử nghiệm số ${i + 1}`
	}))
});

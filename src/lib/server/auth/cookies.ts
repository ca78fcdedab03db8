import type { Cookies } from '@sveltejs/kit';

// Paraglide's cookie strategy reads this cookie (in the browser too, so it is not HttpOnly).
export function setLocaleCookie(cookies: Cookies, locale: string): void {
	cookies.set('PARAGLIDE_LOCALE', locale === 'en' ? 'en' : 'vi', {
		path: '/',
		httpOnly: false,
		sameSite: 'lax',
		maxAge: 60 * 60 * 24 * 400
	});
}

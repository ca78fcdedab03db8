import { redirect } from '@sveltejs/kit';
import { localeSchema } from '$lib/schemas/auth';
import { setLocale } from '$lib/server/auth/account';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { safeNext } from '$lib/server/http/next';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

// The language switch in the header and on the login page: a cookie for everyone, and the
// account's preference for a signed-in person so it follows them to other devices.
export const actions: Actions = {
	default: async ({ request, cookies, locals, url }) => {
		const data = await request.formData();
		const parsed = localeSchema.safeParse({ locale: data.get('locale') });
		const next = safeNext(data.get('next'), url);
		if (!parsed.success) redirect(303, next);
		setLocaleCookie(cookies, parsed.data.locale);
		if (locals.session) {
			await setLocale(
				locals.db,
				{ accountId: locals.session.accountId, requestId: locals.requestId },
				parsed.data.locale
			);
		}
		redirect(303, next);
	}
};

import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { loginSchema } from '$lib/schemas/auth';
import { safeNext, setLocaleCookie } from '$lib/server/auth/cookies';
import { authenticate } from '$lib/server/auth/login';
import { deleteSession, setSessionCookie } from '$lib/server/auth/session';
import { DEMO_PASSWORD, recentDemoLogins } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.session) redirect(303, '/');
	const demo = await recentDemoLogins(locals.db);
	return {
		form: await superValidate(zod4(loginSchema)),
		demo: demo.length ? { logins: demo, password: DEMO_PASSWORD } : null
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, cookies, url } = event;
		const form = await superValidate(event.request, zod4(loginSchema));
		const password = form.data.password;
		form.data.password = '';
		if (!form.valid) return fail(400, { form });

		const result = await authenticate(locals.db, {
			login: form.data.login,
			password,
			ip: event.getClientAddress(),
			requestId: locals.requestId
		});
		if (!result.ok) {
			const text =
				result.reason === 'throttled'
					? m.login_throttled({ minutes: String(result.minutes) })
					: result.reason === 'disabled'
						? m.login_disabled()
						: m.login_invalid();
			return message(
				form,
				{ type: 'error', text },
				{ status: result.reason === 'throttled' ? 429 : 400 }
			);
		}

		if (locals.session) await deleteSession(locals.db, locals.session.sessionId);
		setSessionCookie(cookies, url, result.token, result.expiresAt);
		setLocaleCookie(cookies, result.locale);
		redirect(
			303,
			result.mustChangePassword ? '/me/password' : safeNext(url.searchParams.get('next'))
		);
	}
};

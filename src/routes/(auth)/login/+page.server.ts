import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { loginSchema } from '$lib/schemas/auth';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { authenticate, type LoginResult } from '$lib/server/auth/login';
import { refuseForm } from '$lib/server/http/refuse';
import { deleteSession, setSessionCookie } from '$lib/server/auth/session';
import { safeNext } from '$lib/server/http/next';
import { demoMode } from '$lib/server/demo/mode';
import { DEMO_PASSWORD, recentDemoLogins } from '$lib/server/settings';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	if (locals.session) redirect(303, '/');
	// Outside demo mode the demo password is refused: the page does not offer it.
	const demo = demoMode() ? await recentDemoLogins(locals.db) : [];
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
		if (!result.ok) return refuseForm(form, result.problem, loginText(result.problem));

		const session = result.value;
		if (locals.session) await deleteSession(locals.db, locals.session.sessionId);
		setSessionCookie(cookies, url, session.token, session.expiresAt);
		setLocaleCookie(cookies, session.locale);
		redirect(
			303,
			session.mustChangePassword ? '/me/password' : safeNext(url.searchParams.get('next'), url)
		);
	}
};

function loginText(problem: Extract<LoginResult, { ok: false }>['problem']): string {
	switch (problem.code) {
		case 'throttled':
			return m.login_throttled({ minutes: String(problem.detail?.minutes) });
		case 'disabled':
			return m.login_disabled();
		case 'invalid':
			return m.login_invalid();
	}
}

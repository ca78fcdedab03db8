import { error, fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { activationSchema } from '$lib/schemas/auth';
import { activateAccount, findActivation } from '$lib/server/accounts/activation';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { isCommonPassword } from '$lib/server/auth/password';
import { createSession, deleteSession, setSessionCookie } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

// The token is in the URL: keep the page out of every cache.
const NO_STORE = { 'cache-control': 'no-store' };

export const load: PageServerLoad = async ({ params, locals, setHeaders }) => {
	setHeaders(NO_STORE);
	const found = await findActivation(locals.db, params.token);
	if (!found) error(404, m.activate_invalid());
	return {
		name: found.displayName,
		login: found.login,
		form: await superValidate(zod4(activationSchema))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { locals, cookies, url, params } = event;
		const form = await superValidate(event.request, zod4(activationSchema));
		const password = form.data.new_password;
		form.data = { new_password: '', confirm_password: '' };
		if (!form.valid) return fail(400, { form });
		if (isCommonPassword(password)) return setError(form, 'new_password', m.password_common());

		const result = await activateAccount(locals.db, {
			token: params.token,
			password,
			requestId: locals.requestId
		});
		if (!result) error(404, m.activate_invalid());

		if (locals.session) await deleteSession(locals.db, locals.session.sessionId);
		const { token, expiresAt } = await createSession(locals.db, result.accountId);
		setSessionCookie(cookies, url, token, expiresAt);
		setLocaleCookie(cookies, result.locale);
		redirect(303, '/');
	}
};

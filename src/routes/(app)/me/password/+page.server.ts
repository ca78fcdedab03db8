import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema } from '$lib/schemas/auth';
import { requireActor } from '$lib/server/access/guard';
import { changePassword } from '$lib/server/auth/account';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { session } = requireActor(event);
	return {
		form: await superValidate(zod4(changePasswordSchema)),
		forced: session.mustChangePassword
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { db, actor, session, requestId } = requireActor(event);
		const form = await superValidate(event.request, zod4(changePasswordSchema));
		const { current_password, new_password } = form.data;
		form.data = { current_password: '', new_password: '', confirm_password: '' };
		if (!form.valid) return fail(400, { form });
		const problem = await changePassword(
			db,
			{
				accountId: actor.accountId,
				sessionId: session.sessionId,
				requestId
			},
			current_password,
			new_password
		);
		if (problem === 'wrong_current')
			return setError(form, 'current_password', m.password_wrong_current());
		if (problem === 'common') return setError(form, 'new_password', m.password_common());
		if (problem === 'same') return setError(form, 'new_password', m.password_same());
		if (problem)
			return message(
				form,
				{ type: 'error', text: m.login_throttled({ minutes: String(problem.throttled) }) },
				{ status: 429 }
			);
		return message(form, { type: 'success', text: m.password_changed() });
	}
};

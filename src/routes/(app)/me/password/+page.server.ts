import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { changePasswordSchema } from '$lib/schemas/auth';
import { requireActor } from '$lib/server/access/guard';
import { changePassword, type PasswordProblem } from '$lib/server/auth/account';
import { refuseForm } from '$lib/server/http/refuse';
import type { Problem } from '$lib/domain/result';
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
		const result = await changePassword(
			db,
			{
				accountId: actor.accountId,
				sessionId: session.sessionId,
				requestId
			},
			current_password,
			new_password
		);
		if (!result.ok) return refuseForm(form, result.problem, passwordText(result.problem));
		return message(form, { type: 'success', text: m.password_changed() });
	}
};

function passwordText(problem: Problem<PasswordProblem>): string {
	switch (problem.code) {
		case 'wrong_current':
			return m.password_wrong_current();
		case 'common':
			return m.password_common();
		case 'same':
			return m.password_same();
		case 'throttled':
			return m.login_throttled({ minutes: String(problem.detail?.minutes) });
	}
}

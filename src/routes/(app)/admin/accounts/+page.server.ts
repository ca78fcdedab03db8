import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { createAccountSchema, parseAccountListQuery } from '$lib/schemas/accounts';
import { requireActor, requireSystemAdmin } from '$lib/server/access/guard';
import * as accounts from '$lib/server/accounts/admin';
import { listAccounts } from '$lib/server/accounts/read';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireSystemAdmin(ctx);
	const query = parseAccountListQuery(event.url.searchParams);
	const [list, form] = await Promise.all([
		// A refused search lists nothing: the box asks for a correction instead.
		query.search.error ? { rows: [], hasNext: false } : listAccounts(ctx, query),
		superValidate(zod4(createAccountSchema))
	]);
	return { query, ...list, form };
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = requireActor(event);
		requireSystemAdmin(ctx);
		const form = await superValidate(event.request, zod4(createAccountSchema));
		if (!form.valid) return fail(400, { form });
		const result = await accounts.createAccountForMember(ctx, {
			cardNo: form.data.card_no,
			login: form.data.login
		});
		if (!result.ok) {
			switch (result.problem) {
				case 'member_not_found':
					return setError(form, 'card_no', m.admin_create_member_not_found());
				case 'member_has_account':
					return setError(form, 'card_no', m.admin_create_member_has_account());
				case 'login_taken':
					return setError(form, 'login', m.admin_create_login_taken());
			}
		}
		redirect(303, `/admin/accounts/${result.id}?created`);
	}
};

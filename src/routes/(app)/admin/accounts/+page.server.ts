import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { createAccountSchema, parseAccountListQuery } from '$lib/schemas/accounts';
import { requireActor, requireSystemAdmin } from '$lib/server/access/guard';
import { refuseForm } from '$lib/server/http/refuse';
import * as accounts from '$lib/server/accounts/admin';
import { listAccounts } from '$lib/server/accounts/read';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireSystemAdmin(requireActor(event));
	const query = parseAccountListQuery(event.url.searchParams);
	const [list, form] = await Promise.all([
		// A refused search lists nothing: the box asks for a correction instead.
		query.search.error ? { rows: [], hasNext: false } : listAccounts(ctx, query),
		superValidate(zod4(createAccountSchema))
	]);
	return { query, ...list, form };
};

const CREATE_TEXT: Record<accounts.CreateProblem, () => string> = {
	member_not_found: m.admin_create_member_not_found,
	member_has_account: m.admin_create_member_has_account,
	login_taken: m.admin_create_login_taken
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = requireSystemAdmin(requireActor(event));
		const form = await superValidate(event.request, zod4(createAccountSchema));
		if (!form.valid) return fail(400, { form });
		const result = await accounts.createAccountForMember(ctx, {
			cardNo: form.data.card_no,
			login: form.data.login
		});
		if (!result.ok) return refuseForm(form, result.problem, CREATE_TEXT[result.problem.code]());
		redirect(303, `/admin/accounts/${result.value}?created`);
	}
};

import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { idParam, requireActor, requireSystemAdmin, type Ctx } from '$lib/server/access/guard';
import * as accounts from '$lib/server/accounts/admin';
import { findAccount } from '$lib/server/accounts/read';
import type { Actions, PageServerLoad } from './$types';

type Action = 'activation' | 'reset' | 'disable' | 'enable';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireSystemAdmin(ctx);
	const account = await findAccount(ctx, idParam(event.params.id));
	if (!account) error(404);
	return {
		account,
		isSelf: account.id === ctx.actor.accountId,
		created: event.url.searchParams.has('created')
	};
};

async function begin(
	event: RequestEvent,
	confirmRequired: boolean
): Promise<{ ctx: Ctx; id: number; confirmed: boolean }> {
	const ctx = requireActor(event);
	requireSystemAdmin(ctx);
	const id = idParam(event.params.id);
	const data = await event.request.formData();
	return { ctx, id, confirmed: !confirmRequired || data.get('confirm') === 'yes' };
}

function problem(action: Action, p: accounts.ChangeProblem) {
	if (p === 'not_found') error(404);
	const text =
		p === 'self'
			? m.admin_problem_self()
			: p === 'disabled'
				? m.admin_problem_disabled()
				: m.admin_problem_unchanged();
	return fail(p === 'unchanged' ? 409 : 400, { action, error: text });
}

const unconfirmed = (action: Action) => fail(400, { action, error: m.admin_confirm_required() });

export const actions: Actions = {
	activation: async (event) => {
		const { ctx, id } = await begin(event, false);
		const r = await accounts.issueActivation(ctx, id);
		if (!r.ok) return problem('activation', r.problem);
		return {
			action: 'activation' as const,
			link: `${event.url.origin}/activate/${r.token}`,
			expiresAt: r.expiresAt
		};
	},
	reset: async (event) => {
		const { ctx, id, confirmed } = await begin(event, true);
		if (!confirmed) return unconfirmed('reset');
		const r = await accounts.resetPassword(ctx, id);
		if (!r.ok) return problem('reset', r.problem);
		return { action: 'reset' as const, password: r.password };
	},
	disable: async (event) => {
		const { ctx, id, confirmed } = await begin(event, true);
		if (!confirmed) return unconfirmed('disable');
		const r = await accounts.disableAccount(ctx, id);
		if (!r.ok) return problem('disable', r.problem);
		return { action: 'disable' as const, done: m.admin_disabled_done() };
	},
	enable: async (event) => {
		const { ctx, id } = await begin(event, false);
		const r = await accounts.enableAccount(ctx, id);
		if (!r.ok) return problem('enable', r.problem);
		return { action: 'enable' as const, done: m.admin_enabled_done() };
	}
};

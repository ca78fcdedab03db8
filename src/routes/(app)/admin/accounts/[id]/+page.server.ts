import { error, fail, type RequestEvent } from '@sveltejs/kit';
import type { Problem } from '$lib/domain/result';
import { m } from '$lib/paraglide/messages';
import { idParam, requireActor, requireSystemAdmin, type AdminCtx } from '$lib/server/access/guard';
import { refuseAction } from '$lib/server/http/refuse';
import * as accounts from '$lib/server/accounts/admin';
import { findAccount } from '$lib/server/accounts/read';
import type { Actions, PageServerLoad } from './$types';

type Action = 'activation' | 'reset' | 'disable' | 'enable';

export const load: PageServerLoad = async (event) => {
	const ctx = requireSystemAdmin(requireActor(event));
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
): Promise<{ ctx: AdminCtx; id: number; confirmed: boolean }> {
	const ctx = requireSystemAdmin(requireActor(event));
	const id = idParam(event.params.id);
	const data = await event.request.formData();
	return { ctx, id, confirmed: !confirmRequired || data.get('confirm') === 'yes' };
}

function problem(action: Action, p: Problem<accounts.ChangeProblem>) {
	const text =
		p.code === 'self'
			? m.admin_problem_self()
			: p.code === 'disabled'
				? m.admin_problem_disabled()
				: m.admin_problem_unchanged();
	const refused = refuseAction(p, text);
	return fail(refused.status, { action, error: refused.data.error });
}

const unconfirmed = (action: Action) => fail(400, { action, error: m.admin_confirm_required() });

export const actions: Actions = {
	activation: async (event) => {
		const { ctx, id } = await begin(event, false);
		const r = await accounts.issueActivation(ctx, id);
		if (!r.ok) return problem('activation', r.problem);
		return {
			action: 'activation' as const,
			link: `${event.url.origin}/activate/${r.value.token}`,
			expiresAt: r.value.expiresAt
		};
	},
	reset: async (event) => {
		const { ctx, id, confirmed } = await begin(event, true);
		if (!confirmed) return unconfirmed('reset');
		const r = await accounts.resetPassword(ctx, id);
		if (!r.ok) return problem('reset', r.problem);
		return { action: 'reset' as const, password: r.value };
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

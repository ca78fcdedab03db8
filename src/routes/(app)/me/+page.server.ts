import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { localeSchema } from '$lib/schemas/auth';
import { ownMember, requireActor } from '$lib/server/access/guard';
import { countOtherSessions, logoutOtherSessions, setLocale } from '$lib/server/auth/account';
import { setLocaleCookie } from '$lib/server/auth/cookies';
import { getMemberDetail } from '$lib/server/members/read';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const { db, actor, session } = ctx;
	const own = ownMember(ctx);
	const [detail, otherSessions] = await Promise.all([
		own ? getMemberDetail(db, own) : undefined,
		countOtherSessions(db, actor.accountId, session.sessionId)
	]);
	return {
		// Paths stay on the server; the member's own page links to no unit pages.
		detail: detail && {
			...detail,
			account: undefined,
			ancestors: detail.ancestors.map(({ path: _p, ...a }) => a),
			memberships: detail.memberships.map(({ unit_path: _p, ...ms }) => ms)
		},
		otherSessions,
		login: session.login,
		localeForm: await superValidate({ locale: session.locale }, zod4(localeSchema), {
			id: 'locale'
		})
	};
};

export const actions: Actions = {
	locale: async (event) => {
		const { db, actor, requestId } = requireActor(event);
		const form = await superValidate(event.request, zod4(localeSchema), { id: 'locale' });
		if (!form.valid) return fail(400, { localeForm: form });
		await setLocale(db, { accountId: actor.accountId, requestId }, form.data.locale);
		setLocaleCookie(event.cookies, form.data.locale);
		return message(form, m.me_language_saved({}, { locale: form.data.locale }));
	},
	logoutOthers: async (event) => {
		const { db, actor, session, requestId } = requireActor(event);
		const ended = await logoutOtherSessions(db, {
			accountId: actor.accountId,
			sessionId: session.sessionId,
			requestId
		});
		return { loggedOut: ended };
	}
};

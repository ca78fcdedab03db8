import { redirect } from '@sveltejs/kit';
import { requireActor } from '$lib/server/access/guard';
import { safeNext } from '$lib/server/http/next';
import { listNotices, markRead } from '$lib/server/notifications/store';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	return {
		notices: await listNotices(ctx.db, ctx.actor.accountId, { unreadOnly: false, limit: 50 })
	};
};

export const actions: Actions = {
	read: async (event) => {
		const ctx = requireActor(event);
		const form = await event.request.formData();
		const id = form.get('id');
		// Someone else's notification id simply matches nothing.
		if (id === 'all' || (typeof id === 'string' && /^\d{1,18}$/.test(id))) await markRead(ctx, id);
		redirect(303, safeNext(form.get('next'), event.url, '/notifications'));
	}
};

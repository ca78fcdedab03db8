import { redirect } from '@sveltejs/kit';
import * as audit from '$lib/server/audit/log';
import { clearSessionCookie, deleteSession } from '$lib/server/auth/session';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		const session = locals.session;
		if (session) {
			await locals.db.transaction().execute(async (trx) => {
				await deleteSession(trx, session.sessionId);
				await audit.record(
					trx,
					{ accountId: session.accountId, requestId: locals.requestId },
					{ action: 'session.logout', entityType: 'account', entityId: session.accountId }
				);
			});
		}
		clearSessionCookie(cookies, url);
		redirect(303, '/login');
	}
};

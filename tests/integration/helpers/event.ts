// The one RequestEvent builder for calling loads and actions as SvelteKit would: the URL comes from
// the route id and its params, a form makes it a POST, and the locals are what hooks.server.ts
// sets for a signed-in person (a Ctx) or for an anonymous visitor (only the database).
import type { RequestEvent } from '@sveltejs/kit';
import type { Ctx } from '$lib/server/access/guard';
import type { Db } from '$lib/server/db/connect';

export interface EventOptions {
	params?: Record<string, string>;
	/** The query string, with its '?': '?year=2027', or '?/remind' for a named action. */
	search?: string;
	/** The posted form fields; without them the request is a GET. */
	form?: FormData | Record<string, string> | [string, string][];
	origin?: string;
}

/** A load or an action, called with the event above (their generated types want more than it has). */
export type Handler = (event: RequestEvent) => Promise<unknown>;

export const CLIENT_ADDRESS = '192.0.2.30';
export const USER_AGENT = 'vitest';

/** '/(app)/units/[id]/commitments' with { id: '3' } → '/units/3/commitments'. */
function pathOf(routeId: string, params: Record<string, string>): string {
	const path = routeId.replace(/\/\([^)]+\)/g, '').replace(/\[(\w+)\]/g, (_, name: string) => {
		if (!(name in params)) throw new Error(`${routeId}: no value for [${name}]`);
		return encodeURIComponent(params[name]);
	});
	return path || '/';
}

function formData(form: NonNullable<EventOptions['form']>): FormData {
	if (form instanceof FormData) return form;
	const body = new FormData();
	for (const [k, v] of Array.isArray(form) ? form : Object.entries(form)) body.append(k, v);
	return body;
}

export function requestEvent(
	who: Ctx | { db: Db },
	routeId: string,
	opts: EventOptions = {}
): RequestEvent {
	const params = opts.params ?? {};
	const url = new URL(
		pathOf(routeId, params) + (opts.search ?? ''),
		opts.origin ?? 'http://localhost'
	);
	const headers = { 'user-agent': USER_AGENT };
	const request = opts.form
		? new Request(url, { method: 'POST', body: formData(opts.form), headers })
		: new Request(url, { headers });
	const locals: App.Locals =
		'actor' in who
			? { db: who.db, actor: who.actor, session: who.session, requestId: who.requestId }
			: { db: who.db, actor: null, session: null, requestId: 'anonymous-request' };
	return {
		url,
		params,
		route: { id: routeId },
		request,
		locals,
		getClientAddress: () => CLIENT_ADDRESS
	} as unknown as RequestEvent;
}

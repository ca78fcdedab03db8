// Identifies the request (request id, locale, session → locals) and sets security headers.
// Authorization happens in every load and action through $lib/server/access, not here.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	baseLocale,
	cookieName,
	isLocale,
	overwriteServerAsyncLocalStorage,
	type Locale
} from '$lib/paraglide/runtime';
import { actorFrom, grantsJson } from '$lib/server/access/actor';
import {
	SESSION_COOKIE,
	clearSessionCookie,
	setSessionCookie,
	validateSessionTokenWith
} from '$lib/server/auth/session';
import { closeDb, db, openDb } from '$lib/server/db';
import { StartupError } from '$lib/server/db/connect';
import { startEvidenceSweep } from '$lib/server/evidence/sweep';
import { startHousekeeping } from '$lib/server/housekeeping';
import { startReportReminders } from '$lib/server/reports/reminders';
import { todayInVietnam } from '$lib/domain/dates';
import { errorFields, log } from '$lib/server/log';

export const init: ServerInit = async () => {
	try {
		await openDb();
	} catch (err) {
		// A configuration mistake gets one clear line, not a stack trace.
		if (!(err instanceof StartupError)) throw err;
		console.error(`camket cannot start: ${err.message}`);
		process.exit(1);
	}
	const stopHousekeeping = startHousekeeping(db());
	const stopReminders = startReportReminders(db(), () => todayInVietnam());
	const stopEvidenceSweep = startEvidenceSweep(db());
	process.once('sveltekit:shutdown', () => {
		stopHousekeeping();
		stopReminders();
		stopEvidenceSweep();
		void closeDb();
	});
};

const identify: Handle = async ({ event, resolve }) => {
	const began = Date.now();
	event.locals.requestId = crypto.randomUUID();
	event.locals.db = db();
	event.locals.session = null;
	event.locals.actor = null;

	const token = event.cookies.get(SESSION_COOKIE);
	if (token) {
		const db = event.locals.db;
		const found = await validateSessionTokenWith(db, token, (id) => grantsJson(db, id));
		if (found) {
			const { session, extra: grants } = found;
			event.locals.session = session;
			event.locals.actor = actorFrom(session, grants);
			setSessionCookie(event.cookies, event.url, token, session.expiresAt);
		} else {
			clearSessionCookie(event.cookies, event.url);
		}
	}

	const response = await resolve(event);
	response.headers.set('x-request-id', event.locals.requestId);
	log.info('request', {
		requestId: event.locals.requestId,
		method: event.request.method,
		route: event.route.id,
		status: response.status,
		accountId: event.locals.session?.accountId,
		ms: Date.now() - began
	});
	return response;
};

// Paraglide reads the request's locale from this store (what its paraglideMiddleware sets up). With
// our strategies (cookie, then the base locale) the middleware's other work, a copy of every
// Request and a record of every message call for locale splitting, buys nothing.
const localeStore = new AsyncLocalStorage<{ locale?: Locale; origin?: string }>();
overwriteServerAsyncLocalStorage(localeStore);

const i18n: Handle = ({ event, resolve }) => {
	const cookie = event.cookies.get(cookieName);
	const locale = cookie && isLocale(cookie) ? cookie : baseLocale;
	return localeStore.run({ locale, origin: event.url.origin }, () =>
		resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%paraglide.lang%', locale)
		})
	);
};

/**
 * Pages anyone may open whose address is itself a secret (a verification code, an activation
 * token) and whose answer names a person: kept out of shared caches and search engines, error
 * pages and refusals included (static/robots.txt asks crawlers to keep away as well).
 */
const PRIVATE_PUBLIC_PAGES = /^\/\(auth\)\/(verify|activate)(\/|$)/;

const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	const h = response.headers;
	h.set('x-content-type-options', 'nosniff');
	h.set('referrer-policy', 'same-origin');
	h.set('x-frame-options', 'DENY');
	h.set('permissions-policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
	h.set('cross-origin-opener-policy', 'same-origin');
	if (event.url.protocol === 'https:') {
		h.set('strict-transport-security', 'max-age=31536000; includeSubDomains');
	}
	if (PRIVATE_PUBLIC_PAGES.test(event.route.id ?? '')) {
		h.set('cache-control', 'no-store');
		h.set('x-robots-tag', 'noindex');
	} else if (event.locals.session && !h.has('cache-control')) {
		h.set('cache-control', 'private, no-store');
	}
	return response;
};

export const handle: Handle = sequence(securityHeaders, identify, i18n);

export const handleError: HandleServerError = ({ error, event, status }) => {
	const id = event.locals.requestId ?? crypto.randomUUID();
	if (status !== 404)
		log.error('unhandled error', { requestId: id, route: event.route.id, ...errorFields(error) });
	return { message: status === 404 ? 'Không tìm thấy' : 'Đã có lỗi xảy ra', id };
};

// File downloads (PDF, XLSX) are +server.ts endpoints, for which SvelteKit renders no +error.svelte:
// an error(404) there becomes its bare template reading "Error: 404" in English. These answer
// with the words of the app's error card instead, in the request's language.
import { isHttpError, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

const STYLE =
	'body{font-family:system-ui,sans-serif;color:#1c1917;background:#f5f5f4;margin:0;padding:4rem 1rem}' +
	'main{max-width:36rem;margin:auto;background:#fff;border:1px solid #e7e5e4;border-radius:.75rem;padding:1.5rem}' +
	'h1{font-size:1.25rem;margin:0 0 1rem}a{color:#b91c1c}';

/** `detail` is our own text (the database's "try again"), never a driver's message. */
export function errorPage(status: number, detail?: string): Response {
	const heading = status === 404 ? m.error_not_found() : m.error_title();
	const text = detail ? `<p>${detail.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>` : '';
	const html =
		`<!doctype html><html lang="${getLocale()}"><head><meta charset="utf-8">` +
		'<meta name="viewport" content="width=device-width, initial-scale=1">' +
		`<title>${m.error_title()} · ${m.app_name()}</title><style>${STYLE}</style></head>` +
		`<body><main><h1>${heading}</h1>${text}<p><a href="/">${m.nav_home()}</a></p></main></body></html>`;
	return new Response(html, {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }
	});
}

/** The handler, with its refusals (error(404) and the like) answered by errorPage. */
export function withErrorPage<E extends RequestEvent>(
	handler: (event: E) => Promise<Response>
): (event: E) => Promise<Response> {
	return async (event) => {
		try {
			return await handler(event);
		} catch (err) {
			// An unreachable database says "try again"; other refusals need no more than the heading.
			if (isHttpError(err))
				return errorPage(err.status, err.status === 503 ? err.body.message : '');
			throw err;
		}
	};
}

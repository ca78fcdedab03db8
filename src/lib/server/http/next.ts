// Where to go back to after a form (login, language switch, notifications): a path on this site,
// never another origin. Browsers drop tab, CR and LF inside URLs and read "\" as "/", so
// "/<TAB>/evil.example" and "/\evil.example" are "//evil.example" to them; a control character in
// a Location header also makes Node throw after the action has done its work.

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

/** Starts like a network-path reference ("//host" or "/\host") once a browser has read it. */
const toOtherHost = (path: string) => /^[/\\]{2}/.test(path);

function decoded(s: string): string | undefined {
	try {
		return decodeURIComponent(s);
	} catch {
		return undefined;
	}
}

/**
 * `raw` when it is a path on `origin` (same origin, one leading "/", no control characters, not
 * even percent-encoded ones), re-serialized by the URL parser; otherwise `fallback`.
 */
export function safeNext(raw: unknown, origin: URL | string, fallback = '/'): string {
	if (typeof raw !== 'string' || !raw.startsWith('/') || toOtherHost(raw) || CONTROL.test(raw))
		return fallback;
	const plain = decoded(raw);
	if (plain === undefined || toOtherHost(plain) || CONTROL.test(plain)) return fallback;
	let url: URL;
	try {
		url = new URL(raw, origin);
	} catch {
		return fallback;
	}
	// "/.//host" resolves to the path "//host" on this origin, which a browser would follow away.
	if (url.origin !== new URL(origin).origin || toOtherHost(url.pathname)) return fallback;
	const path = decoded(url.pathname);
	if (path === undefined || toOtherHost(path)) return fallback;
	return url.pathname + url.search + url.hash;
}

import {
	test as base,
	expect,
	request,
	type APIRequestContext,
	type APIResponse,
	type Page
} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export { expect };

/**
 * Playwright's test, failing when a page throws an uncaught error. Forms work without JavaScript,
 * so a page whose script dies (a failed hydration) would otherwise pass most journeys unnoticed.
 */
export const test = base.extend<{ noPageErrors: void }>({
	noPageErrors: [
		async ({ context }, use) => {
			const errors: string[] = [];
			context.on('weberror', (e) => errors.push(`${e.page()?.url()}: ${e.error().message}`));
			await use();
			expect(errors, 'uncaught errors in the browser').toEqual([]);
		},
		{ auto: true }
	]
});

export const DEMO_PASSWORD = 'camket-demo-2026';

/** The demo logins of the seeded bloc, plus nobody at all. */
export const ROLES = [
	'anonymous',
	'dangvien',
	'bithu',
	'danguy',
	'bantochuc',
	'thuongvu',
	'quantri'
] as const;
export type Role = (typeof ROLES)[number];
export type DemoLogin = Exclude<Role, 'anonymous'>;

/** Logs in through the form, after hydration so typed values are not reset. */
export async function login(page: Page, login: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/login', { waitUntil: 'networkidle' });
	await page.getByLabel('Tên đăng nhập').fill(login);
	await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
	await page.getByRole('button', { name: 'Đăng nhập' }).click();
	await expect(page).not.toHaveURL(/\/login/);
}

/** axe-core finds no WCAG 2.1 A/AA violations on the current page. */
export async function expectAccessible(page: Page): Promise<void> {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
		.analyze();
	expect(
		results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(', ')}`)
	).toEqual([]);
}

/**
 * axe needs JavaScript in the page. For a page loaded with JavaScript off, check the same HTML
 * (scripts removed, so nothing hydrates) served at the same URL in a JavaScript-enabled page.
 */
export async function expectAccessibleWithoutJs(page: Page): Promise<void> {
	const html = (await page.content()).replace(/<script[\s\S]*?<\/script>/g, '');
	const url = page.url();
	// Contexts made inside a test inherit its options, javaScriptEnabled: false included.
	const context = await page.context().browser()!.newContext({ javaScriptEnabled: true });
	try {
		const copy = await context.newPage();
		await copy.route(url, (route) => route.fulfill({ contentType: 'text/html', body: html }));
		await copy.goto(url, { waitUntil: 'networkidle' });
		await expectAccessible(copy);
	} finally {
		await context.close();
	}
}

/** The server's "today" (it validates dates against its UTC date), as YYYY-MM-DD. */
export function serverToday(): string {
	return new Date().toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// HTTP sessions without a browser: one API context per role, logged in through the login form.

const sessions = new Map<string, Promise<APIRequestContext>>();

/**
 * A request context that is logged in as `role` (or not at all for 'anonymous'), cached per
 * worker. It sends the Origin header a browser sends, so SvelteKit's CSRF check lets form
 * posts through to the authorization under test.
 */
export function apiAs(baseURL: string, role: Role): Promise<APIRequestContext> {
	let ctx = sessions.get(role);
	if (!ctx) {
		ctx = role === 'anonymous' ? newApiContext(baseURL) : apiLogin(baseURL, role);
		sessions.set(role, ctx);
	}
	return ctx;
}

export async function disposeSessions(): Promise<void> {
	const all = [...sessions.values()];
	sessions.clear();
	await Promise.all(all.map(async (c) => (await c).dispose()));
}

function newApiContext(baseURL: string): Promise<APIRequestContext> {
	return request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL } });
}

/** Logs in through the form action (no JavaScript): a 303 to the home page sets the cookie. */
export async function apiLogin(
	baseURL: string,
	loginName: string,
	password = DEMO_PASSWORD
): Promise<APIRequestContext> {
	const ctx = await newApiContext(baseURL);
	const res = await postForm(ctx, '/login', { login: loginName, password });
	expect(res.status(), `login as ${loginName}`).toBe(303);
	expect(res.headers()['location']).toBe('/');
	return ctx;
}

/** A GET that does not follow redirects, so 303s stay visible. */
export function getRaw(ctx: APIRequestContext, url: string): Promise<APIResponse> {
	return ctx.get(url, { maxRedirects: 0 });
}

/** A form post as a browser without JavaScript sends it (HTML answer, redirects not followed). */
export function postForm(
	ctx: APIRequestContext,
	url: string,
	form: Record<string, string>
): Promise<APIResponse> {
	return ctx.post(url, { form, maxRedirects: 0, headers: { accept: 'text/html' } });
}

/** GET that must succeed; returns the HTML. */
export async function getHtml(ctx: APIRequestContext, url: string): Promise<string> {
	const res = await getRaw(ctx, url);
	expect(res.status(), `GET ${url}`).toBe(200);
	return res.text();
}

// ---------------------------------------------------------------------------------------------
// Reading server-rendered HTML.

const ENTITIES: Record<string, string> = {
	amp: '&',
	lt: '<',
	gt: '>',
	quot: '"',
	'#39': "'",
	nbsp: ' '
};

export function decodeEntities(s: string): string {
	return s.replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, e: string) => ENTITIES[e]);
}

/** Visible text of an HTML fragment: no comments, scripts or tags, whitespace collapsed. */
export function textOf(html: string): string {
	return decodeEntities(
		html
			.replace(/<!--[\s\S]*?-->/g, '')
			.replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
			.replace(/<[^>]+>/g, ' ')
	)
		.replace(/\s+/g, ' ')
		.trim();
}

/** The text of the <main> element (what a page shows, without the header and its menu). */
export function mainText(html: string): string {
	const m = /<main[\s\S]*?<\/main>/.exec(html);
	return textOf(m ? m[0] : html);
}

export interface Link {
	id: number;
	text: string;
}

/**
 * Links to records of one kind (`units`, `members`, `admin/accounts`), in page order, first
 * occurrence of each id only. Hrefs may be absolute or relative ("../admin/accounts/7").
 */
export function recordLinks(html: string, kind: 'units' | 'members' | 'admin/accounts'): Link[] {
	const re = new RegExp(`<a[^>]*href="(?:\\.\\./)*/?${kind}/(\\d+)"[^>]*>([\\s\\S]*?)</a>`, 'g');
	const seen = new Set<number>();
	const links: Link[] = [];
	for (const m of html.matchAll(re)) {
		const id = Number(m[1]);
		if (seen.has(id)) continue;
		seen.add(id);
		links.push({ id, text: textOf(m[2]) });
	}
	return links;
}

/** The id of the record link whose text is exactly `text`; fails with the links it saw. */
export function linkId(html: string, kind: 'units' | 'members' | 'admin/accounts', text: string) {
	const links = recordLinks(html, kind);
	const found = links.find((l) => l.text === text);
	if (!found)
		throw new Error(
			`no link to ${kind} named "${text}" among: ${links.map((l) => l.text).join(' | ')}`
		);
	return found.id;
}

export interface MemberRow {
	id: number;
	name: string;
	card: string;
}

/** Rows of the member list table (/members): id, name and card number. */
export function memberRows(html: string): MemberRow[] {
	const re =
		/<a href="\/members\/(\d+)" class="font-medium">([^<]*)<\/a><\/td>\s*<td class="tabular-nums">([^<]*)<\/td>/g;
	return [...html.matchAll(re)].map((m) => ({
		id: Number(m[1]),
		name: decodeEntities(m[2]).trim(),
		card: m[3].trim()
	}));
}

/** Lower-case ASCII, as the app folds Vietnamese for search ("Nguyễn Đức" → "nguyen duc"). */
export function fold(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase();
}

// Account administration forms and the account list's query string.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { optionalText, searchText, type SearchText } from './fields';
import { cardNo } from './member';

export const ACCOUNT_STATUSES = ['active', 'disabled', 'pending'] as const;
/** pending: the person has never set a password of their own (not activated yet). */
export type AccountStatus = (typeof ACCOUNT_STATUSES)[number];

// Mirrors the database check accounts_login_check to answer in words.
const LOGIN = /^[A-Za-z0-9._@-]{3,64}$/;

export const createAccountSchema = z.object({
	card_no: cardNo(),
	login: optionalText(64).refine((s) => s === null || LOGIN.test(s), {
		error: () => m.admin_login_invalid()
	})
});

export interface AccountListQuery {
	q: string;
	status: AccountStatus | null;
	page: number;
}

const MAX_PAGE = 10_000;

/**
 * Lenient on purpose: a hand-edited or stale URL falls back to defaults instead of an error; only
 * a bad search text is refused (see searchText), so the list never shows what was not asked for.
 */
export function parseAccountListQuery(
	params: URLSearchParams
): AccountListQuery & { search: SearchText } {
	const search = searchText(params.get('q'));
	const s = params.get('status');
	const status = ACCOUNT_STATUSES.find((x) => x === s) ?? null;
	const n = Number(params.get('page'));
	const page = Number.isInteger(n) && n >= 1 && n <= MAX_PAGE ? n : 1;
	return { q: search.q, search, status, page };
}

/** The query string (without "?") for a list page, leaving out defaults so URLs stay short. */
export function accountListSearch(query: AccountListQuery, page = query.page): string {
	const p = new URLSearchParams();
	if (query.q) p.set('q', query.q);
	if (query.status) p.set('status', query.status);
	if (page > 1) p.set('page', String(page));
	return p.toString();
}

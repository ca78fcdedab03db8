// What the registration tests (Chỉ thị 05: a member's concrete actions for the year) know about the
// demo year, found through the app's own pages: the year, a cell's members and the state of their
// registrations, a registration waiting for its reviewer, the actions a cell proposed.
import { expect, type APIRequestContext } from '@playwright/test';
import { blocCellId } from './commitments';
import { apiAs, decodeEntities, getHtml, memberRows } from './helpers';

/**
 * Cells directly under the bloc that one registration spec each may change. The journey itself
 * works on dangvien (who has not registered in the demo) and bithu, its secretary.
 */
export const REGISTRATION_CELLS = {
	/** no-javascript.spec.ts saves and submits a registration for a member here. */
	noJavaScript: 'Chi bộ Thư viện tỉnh',
	/** registration-journey.spec.ts: a decimal target through two versions, approved by the cell. */
	decimal: 'Chi bộ Hội Khuyến học tỉnh'
} as const;

/** State labels as the badges show them. */
export const REGISTRATION_STATE = {
	not_started: 'Chưa đăng ký',
	draft: 'Đang soạn',
	submitted: 'Đã gửi, chờ chi bộ duyệt',
	returned: 'Chi bộ trả lại để sửa',
	approved: 'Chi bộ đã duyệt'
} as const;
export type RegistrationStateKey = keyof typeof REGISTRATION_STATE;

/** The demo review year, from the organization department's own registrations page. */
export async function registrationYear(baseURL: string): Promise<number> {
	const html = await getHtml(await apiAs(baseURL, 'bantochuc'), '/registrations');
	const year = /href="\/registrations\/(\d{4})"/.exec(html)?.[1];
	if (!year) throw new Error('no review year on /registrations');
	return Number(year);
}

export interface RegistrationRow {
	memberId: number;
	name: string;
	state: string;
}

/** Rows of a cell's registrations page (`/units/{id}/registrations`), as `ctx` reads it. */
export async function registrationRows(
	ctx: APIRequestContext,
	cellId: number,
	state?: RegistrationStateKey
): Promise<RegistrationRow[]> {
	const html = await getHtml(
		ctx,
		`/units/${cellId}/registrations${state ? `?state=${state}` : ''}`
	);
	return [...html.matchAll(/<li class="card[\s\S]*?<\/li>/g)].map(([li]) => {
		const link = /href="\/members\/(\d+)\/registrations\?[^"]*"[^>]*>([^<]*)<\/a>/.exec(li);
		const badge = /<span class="badge[^"]*">([^<]*)<\/span>/.exec(li);
		if (!link || !badge) throw new Error(`unreadable row on unit ${cellId}: ${li}`);
		return {
			memberId: Number(link[1]),
			name: decodeEntities(link[2]).trim(),
			state: decodeEntities(badge[1]).trim()
		};
	});
}

/**
 * The first registration in a cell that waits for a decision `reviewer` may give: the member and
 * the id of the version (the review form's hidden field, shown only to whoever may decide).
 */
export async function pendingRegistration(
	reviewer: APIRequestContext,
	cellId: number
): Promise<{ memberId: number; registrationId: number }> {
	for (const row of await registrationRows(reviewer, cellId, 'submitted')) {
		const id = await registrationIdOf(reviewer, row.memberId);
		if (id > 0) return { memberId: row.memberId, registrationId: id };
	}
	throw new Error(`no registration waiting for this reviewer in unit ${cellId}`);
}

/** The id of a member's latest version, as their reviewer's review form holds it (0: none to decide). */
export async function registrationIdOf(
	reviewer: APIRequestContext,
	memberId: number
): Promise<number> {
	const html = await getHtml(reviewer, `/members/${memberId}/registrations`);
	return Number(/name="registration_id" value="(\d+)"/.exec(html)?.[1] ?? 0);
}

/** The id of an action a cell proposed, from its page as someone who may withdraw it. */
export async function proposedActionId(ctx: APIRequestContext, cellId: number): Promise<number> {
	const html = await getHtml(ctx, `/units/${cellId}/registrations`);
	const id = /name="template_id" value="(\d+)"/.exec(html)?.[1];
	if (!id) throw new Error(`no proposed action to withdraw on the registrations page of ${cellId}`);
	return Number(id);
}

/**
 * The first `count` members of a cell directly under the bloc who have not registered, with the
 * card number they log in with. A test takes them and leaves them registered (or at least with a
 * draft), so the next run of the list never offers them again.
 */
export async function freshRegistrants(
	baseURL: string,
	cellName: string,
	count: number
): Promise<{ memberId: number; name: string; card: string }[]> {
	const cellId = await blocCellId(baseURL, cellName);
	const btc = await apiAs(baseURL, 'bantochuc');
	const fresh = await registrationRows(btc, cellId, 'not_started');
	const cards = new Map(
		memberRows(await getHtml(btc, `/members?unit=${cellId}`)).map((r) => [r.id, r.card])
	);
	const found = fresh
		.filter((r) => cards.has(r.memberId))
		.map((r) => ({ memberId: r.memberId, name: r.name, card: cards.get(r.memberId)! }));
	expect(found.length, `members who have not registered in ${cellName}`).toBeGreaterThanOrEqual(
		count
	);
	return found.slice(0, count);
}

export interface ActionFields {
	/** The action's key as the form holds it (an edited action keeps it); none for a new one. */
	key?: string;
	title: string;
	area?: string;
	target?: { value: string; unit: string } | 'yes_no';
	due?: { on: string } | { every: 'weekly' | 'monthly' | 'quarterly' };
	evidence?: string;
}

/** One action row of the registration form (`a{i}_…`), as a browser without JavaScript posts it. */
export function actionForm(i: number, a: ActionFields): Record<string, string> {
	const target = a.target ?? 'yes_no';
	const due = a.due ?? { every: 'quarterly' };
	return {
		[`a${i}_key`]: a.key ?? '',
		[`a${i}_title`]: a.title,
		[`a${i}_area`]: a.area ?? 'duties',
		[`a${i}_target_kind`]: target === 'yes_no' ? 'yes_no' : 'number',
		[`a${i}_target_value`]: target === 'yes_no' ? '' : target.value,
		[`a${i}_target_unit`]: target === 'yes_no' ? '' : target.unit,
		[`a${i}_due_kind`]: 'on' in due ? 'deadline' : 'frequency',
		[`a${i}_due_on`]: 'on' in due ? due.on : '',
		[`a${i}_every`]: 'every' in due ? due.every : 'quarterly',
		[`a${i}_evidence`]: a.evidence ?? ''
	};
}

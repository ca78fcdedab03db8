// What the commitment tests know about the demo's review year, found through the app's own pages
// as the organization department: cells directly under the bloc, their members' states, their
// secretaries. Any member logs in with their card number and the demo password.
import { expect, type APIRequestContext } from '@playwright/test';
import { discoverTargets } from './demo';
import { apiAs, decodeEntities, getHtml, linkId, memberRows, postForm, textOf } from './helpers';

/**
 * Cells directly under the bloc that one commitment spec each may change (sign, review). No other
 * test reads them, and they are well away from the cells the access matrix probes.
 */
export const COMMITMENT_CELLS = {
	/** commitment-abuse.spec.ts signs (or fails to sign) for members here. */
	abuse: 'Chi bộ Quỹ Đầu tư phát triển tỉnh',
	/** commitment-abuse.spec.ts: the secretary here tries to decide on the cell above. */
	otherSecretary: 'Chi bộ Bảo tàng tỉnh',
	/** Drafts typed for screenshots and for the "Lưu nháp" button (commitment-journey.spec.ts). */
	drafts: 'Chi bộ Hội Người mù tỉnh'
} as const;

/** State labels as the badges show them. */
export const STATE = {
	not_started: 'Chưa ký',
	draft: 'Đang soạn',
	signed: 'Đã ký, chờ chi bộ xác nhận',
	returned: 'Chi bộ trả lại để sửa',
	confirmed: 'Chi bộ đã xác nhận'
} as const;
export type StateKey = keyof typeof STATE;

/** A cell directly under the bloc, by name. */
export async function blocCellId(baseURL: string, name: string): Promise<number> {
	const { units } = await discoverTargets(baseURL);
	return linkId(
		await getHtml(await apiAs(baseURL, 'bantochuc'), `/units/${units.bloc}`),
		'units',
		name
	);
}

/** The demo review year (a calendar year), from the organization department's own list. */
export async function demoYear(baseURL: string): Promise<number> {
	const html = await getHtml(await apiAs(baseURL, 'bantochuc'), '/commitments');
	const year = /href="\/commitments\/(\d{4})"/.exec(html)?.[1];
	if (!year) throw new Error('no review year on /commitments');
	return Number(year);
}

export interface ProgressRow {
	name: string;
	card: string;
	state: string;
	/** The member's id, when the row links to a signed commitment. */
	memberId: number | null;
}

/** Rows of a cell's follow-up page, as the organization department reads it. */
export async function cellRows(
	baseURL: string,
	cellId: number,
	state?: StateKey
): Promise<ProgressRow[]> {
	const html = await getHtml(
		await apiAs(baseURL, 'bantochuc'),
		`/units/${cellId}/commitments${state ? `?state=${state}` : ''}`
	);
	const items = html.split('<li class="card').slice(1);
	return items.map((li) => {
		const name = /<span class="font-semibold">([^<]*)<\/span>/.exec(li);
		const card = /<span class="text-sm text-stone-600 tabular-nums">([^<]*)<\/span>/.exec(li);
		const badge = /<span class="badge[^"]*">([^<]*)<\/span>/.exec(li);
		const member = /href="\/members\/(\d+)\/commitments\?/.exec(li);
		if (!name || !card || !badge) throw new Error(`unreadable row on unit ${cellId}: ${li}`);
		return {
			name: decodeEntities(name[1]).trim(),
			card: card[1].trim(),
			state: decodeEntities(badge[1]).trim(),
			memberId: member ? Number(member[1]) : null
		};
	});
}

/**
 * The first `count` members of a cell who have not started. Tests run one after another, and each
 * leaves the members it takes either untouched or no longer "not started" (a draft, a signature),
 * so the next test never gets a member someone has used (a throttled one included).
 */
export async function freshMembers(
	baseURL: string,
	cellId: number,
	count: number
): Promise<ProgressRow[]> {
	const members = await cellRows(baseURL, cellId, 'not_started');
	expect(members.length, `members who have not started in unit ${cellId}`).toBeGreaterThanOrEqual(
		count
	);
	return members.slice(0, count);
}

/** A member's row on their cell's follow-up page (by card number). */
export async function rowOf(baseURL: string, cellId: number, card: string): Promise<ProgressRow> {
	const row = (await cellRows(baseURL, cellId)).find((r) => r.card === card);
	if (!row) throw new Error(`card ${card} is not listed on the follow-up page of unit ${cellId}`);
	return row;
}

/** The member's id, from the organization department's member search by card number. */
export async function memberIdOf(baseURL: string, card: string): Promise<number> {
	const html = await getHtml(await apiAs(baseURL, 'bantochuc'), `/members?q=${card}`);
	const row = memberRows(html).find((r) => r.card === card);
	if (!row) throw new Error(`no member with card ${card} in the member list`);
	return row.id;
}

/** The signed versions of a member's commitment, as the organization department reads them. */
export async function signedVersions(baseURL: string, memberId: number): Promise<string[]> {
	const html = await getHtml(await apiAs(baseURL, 'bantochuc'), `/members/${memberId}/commitments`);
	return [...html.matchAll(/Phiên bản (\d+) ·/g)].map((m) => m[1]);
}

/** The secretary of a cell (name and card number), from the cell's page. */
export async function secretaryOf(
	baseURL: string,
	cellId: number
): Promise<{ name: string; card: string }> {
	const btc = await apiAs(baseURL, 'bantochuc');
	const html = await getHtml(btc, `/units/${cellId}`);
	const found =
		/<a href="\/members\/(\d+)">([^<]*)<\/a>(?:<!--[^>]*-->)*<\/span>\s*<span[^>]*>Bí thư chi bộ<\/span>/.exec(
			html
		);
	if (!found) throw new Error(`no secretary listed on the page of unit ${cellId}`);
	const member = await getHtml(btc, `/members/${found[1]}`);
	const card = /Số thẻ đảng viên<\/dt>\s*<dd[^>]*>([^<]+)</.exec(member)?.[1];
	if (!card) throw new Error(`no card number on the page of member ${found[1]}`);
	return { name: decodeEntities(found[2]).trim(), card: card.trim() };
}

/** The sign form, as a browser without JavaScript posts it. */
export function signForm(fields: {
	typedName: string;
	password: string;
	political?: string;
	affirm?: boolean;
	extra?: Record<string, string>;
}): Record<string, string> {
	return {
		political: fields.political ?? '',
		ethics: '',
		discipline: '',
		duties: '',
		typed_name: fields.typedName,
		password: fields.password,
		...(fields.affirm === false ? {} : { affirm: 'true' }),
		...fields.extra
	};
}

/**
 * What a page tells the person: the texts of its alerts, status messages and field errors (a
 * field error as "field: text"), without the rest of the page.
 */
export function messagesOf(html: string): string[] {
	const boxes = [
		...html.matchAll(/<(div|p)[^>]*role="(?:alert|status)"[^>]*>([\s\S]*?)<\/\1>/g)
	].map((m) => textOf(m[2]));
	const fields = [...html.matchAll(/<p id="(?:f-)?([\w-]+)-error"[^>]*>([\s\S]*?)<\/p>/g)].map(
		(m) => `${m[1]}: ${textOf(m[2])}`
	);
	return [...boxes, ...fields].filter((t) => t !== '' && !t.endsWith(': '));
}

/** POSTs ?/sign for the logged-in member of `ctx`: the status, redirect and messages shown. */
export async function postSign(
	ctx: APIRequestContext,
	year: number,
	form: Record<string, string>
): Promise<{ status: number; location: string | undefined; messages: string[] }> {
	const res = await postForm(ctx, `/commitments/${year}?/sign`, form);
	return {
		status: res.status(),
		location: res.headers()['location'],
		messages: messagesOf(await res.text())
	};
}

/** The verification code in a "signed" redirect (/commitments/2027?signed=ABCD-EFGH-IJKL). */
export function signedCode(location: string | undefined): string {
	const code = location && new URL(location, 'http://x').searchParams.get('signed');
	expect(code, `a code in the redirect ${location}`).toMatch(
		/^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/
	);
	return code!;
}

/** The id of a member's latest signed version, from the PDF links on their commitment page. */
export async function latestCommitmentId(baseURL: string, memberId: number): Promise<number> {
	const html = await getHtml(await apiAs(baseURL, 'bantochuc'), `/members/${memberId}/commitments`);
	const id = /href="\/members\/\d+\/commitments\/(\d+)\/pdf"/.exec(html)?.[1];
	if (!id) throw new Error(`member ${memberId} has no signed version`);
	return Number(id);
}

/** Saves the member's draft as the "Lưu nháp" button does (a precondition, not the test). */
export async function saveDraft(
	ctx: APIRequestContext,
	year: number,
	items: { political?: string; ethics?: string; discipline?: string; duties?: string }
): Promise<void> {
	const res = await postForm(ctx, `/commitments/${year}?/save`, {
		political: '',
		ethics: '',
		discipline: '',
		duties: '',
		...items
	});
	// Only the status: whether the page confirms the save is for the tests to check.
	expect(res.status(), 'saving the draft').toBe(200);
}

/** The digest of the text the sign form shows, which signing holds the signature to. */
export async function previewOf(
	ctx: APIRequestContext,
	year: number
): Promise<{ preview: string }> {
	const html = await getHtml(ctx, `/commitments/${year}`);
	const preview = /<input[^>]*name="preview"[^>]*value="([0-9a-f]{64})"/.exec(html)?.[1];
	expect(preview, 'the digest of the shown text in the sign form').toBeDefined();
	return { preview: preview! };
}

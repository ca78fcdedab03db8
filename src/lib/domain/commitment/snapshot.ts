// The signed commitment's content: every text the member saw, in the order they saw it. It is
// always Vietnamese whatever the UI language, because it is the document the cell files and
// checks conduct against at year end. Strings are NFC so that the same words typed on different
// keyboards (composed or combining diacritics) give the same hash.

import type { ItemWording } from './document';

// /2 added `version`, which the tamper check holds to the row's version column. /3 added each
// item's `wording` (official, summary or reference; a reference has no text). Earlier schemas
// still verify: a snapshot is checked against its own stored form, never rebuilt.
export const SNAPSHOT_SCHEMA = 'camket.commitment/3';

export type AreaCode = 'political' | 'ethics' | 'discipline' | 'duties';
export type CatalogName = 'manifestations' | 'prohibitions' | 'standards';

export interface SnapshotItem {
	catalog: CatalogName;
	code: string;
	group: string | null;
	/** Null for a reference (the article's number and regulation stand for it). */
	text: string | null;
	/** Absent before /3; null for an item shipped before wordings existed. */
	wording?: ItemWording | null;
}

export interface SnapshotArea {
	code: AreaCode;
	title: string;
	items: SnapshotItem[];
	personal: string[];
}

export interface SnapshotHeader {
	bloc: string;
	grassroots: string | null;
	cell: string;
	place: string;
	/** Signing date in Asia/Ho_Chi_Minh, YYYY-MM-DD. */
	date: string;
}

export interface SnapshotMember {
	full_name: string;
	card_no: string;
	birth_date: string | null;
	gender: 'male' | 'female' | null;
	joined_on: string | null;
	full_member_on: string | null;
	party_position: string | null;
	government_position: string | null;
	workplace: string | null;
}

export interface SnapshotCatalog {
	catalog: CatalogName;
	version: number;
	title: string;
	source: string | null;
}

export interface CommitmentSnapshot {
	/** What this code builds; a stored snapshot may carry an earlier schema. */
	schema: typeof SNAPSHOT_SCHEMA | 'camket.commitment/2' | 'camket.commitment/1';
	year: number;
	/**
	 * The version being signed (1, 2, …). Re-signing the words of an earlier version must not
	 * give that version's hash again (hashes and codes are unique); a preview has none.
	 */
	version?: number;
	header: SnapshotHeader;
	member: SnapshotMember;
	catalogs: SnapshotCatalog[];
	areas: SnapshotArea[];
	affirmation: string;
	typed_name: string;
}

export const AREA_ORDER: readonly AreaCode[] = ['political', 'ethics', 'discipline', 'duties'];
export const CATALOG_ORDER: readonly CatalogName[] = [
	'manifestations',
	'prohibitions',
	'standards'
];

export const AREA_TITLES_VI: Readonly<Record<AreaCode, string>> = {
	political: 'Về tư tưởng chính trị',
	ethics: 'Về phẩm chất đạo đức, lối sống',
	discipline: 'Về ý thức tổ chức kỷ luật',
	duties: 'Về thực hiện chức trách, nhiệm vụ được giao'
};

/** Changing this text changes what members sign: bump SNAPSHOT_SCHEMA with it. */
export const COMMITMENT_AFFIRMATION_VI =
	'Tôi xin cam kết thực hiện nghiêm túc những nội dung trên; nếu vi phạm, tôi xin chịu trách nhiệm và chịu hình thức kỷ luật theo quy định của Đảng.';

export const MAX_PERSONAL_ITEMS = 20;
/** In characters (code points), as PostgreSQL's length() counts them. */
export const MAX_PERSONAL_ITEM_LENGTH = 1000;

export type SnapshotErrorCode =
	| 'too_many_items'
	| 'item_too_long'
	| 'invalid_date'
	| 'invalid_year'
	| 'invalid_version'
	| 'invalid_commitment_version'
	| 'duplicate_catalog'
	| 'unknown_catalog'
	| 'unknown_area'
	| 'empty_typed_name';

export class SnapshotError extends Error {
	readonly code: SnapshotErrorCode;
	readonly area: AreaCode | undefined;
	/** Index of the offending personal item among the area's non-empty items. */
	readonly index: number | undefined;

	constructor(code: SnapshotErrorCode, detail: { area?: AreaCode; index?: number } = {}) {
		super(`invalid commitment snapshot: ${code}`);
		this.name = 'SnapshotError';
		this.code = code;
		this.area = detail.area;
		this.index = detail.index;
	}
}

export interface CatalogItemInput {
	code: string;
	position: number;
	group_title: string | null;
	area: AreaCode;
	text: string | null;
	wording: ItemWording | null;
}

export interface CatalogInput extends SnapshotCatalog {
	items: readonly CatalogItemInput[];
}

export interface SnapshotInput {
	year: number;
	/** Required when signing; omitted for a preview. */
	version?: number;
	header: SnapshotHeader;
	member: SnapshotMember;
	catalogs: readonly CatalogInput[];
	/** The draft's personal_items: free text the member adds under each area. */
	personal: Partial<Record<AreaCode, readonly string[]>>;
	typed_name: string;
}

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

const nfc = (s: string): string => s.normalize('NFC');
const nfcOrNull = (s: string | null): string | null => (s === null ? null : nfc(s));

function checkDate(value: string | null): string | null {
	if (value !== null && !ISO_DATE.test(value)) throw new SnapshotError('invalid_date');
	return value;
}

/**
 * Trims, drops empty items and unifies line breaks (a form posts CRLF, a script may send LF: the
 * same text must hash the same), then enforces the limits.
 */
export function normalizePersonalItems(
	personal: Partial<Record<AreaCode, readonly string[]>>
): Record<AreaCode, string[]> {
	const out = {} as Record<AreaCode, string[]>;
	for (const area of AREA_ORDER) {
		const items = (personal[area] ?? [])
			.map((s) => nfc(s.replace(/\r\n?/g, '\n')).trim())
			.filter((s) => s.length > 0);
		if (items.length > MAX_PERSONAL_ITEMS) throw new SnapshotError('too_many_items', { area });
		const long = items.findIndex((s) => [...s].length > MAX_PERSONAL_ITEM_LENGTH);
		if (long >= 0) throw new SnapshotError('item_too_long', { area, index: long });
		out[area] = items;
	}
	return out;
}

function normalizeMember(m: SnapshotMember): SnapshotMember {
	return {
		full_name: nfc(m.full_name),
		card_no: nfc(m.card_no),
		birth_date: checkDate(m.birth_date),
		gender: m.gender,
		joined_on: checkDate(m.joined_on),
		full_member_on: checkDate(m.full_member_on),
		party_position: nfcOrNull(m.party_position),
		government_position: nfcOrNull(m.government_position),
		workplace: nfcOrNull(m.workplace)
	};
}

function sortedCatalogs(catalogs: readonly CatalogInput[]): CatalogInput[] {
	const seen = new Set<CatalogName>();
	for (const c of catalogs) {
		if (!CATALOG_ORDER.includes(c.catalog)) throw new SnapshotError('unknown_catalog');
		if (seen.has(c.catalog)) throw new SnapshotError('duplicate_catalog');
		if (!Number.isSafeInteger(c.version) || c.version < 1) {
			throw new SnapshotError('invalid_version');
		}
		seen.add(c.catalog);
	}
	const rank = (c: CatalogInput) => CATALOG_ORDER.indexOf(c.catalog);
	return [...catalogs].sort((a, b) => rank(a) - rank(b));
}

// Position decides the order; code breaks ties so the order never depends on how rows arrived.
function byPosition(a: CatalogItemInput, b: CatalogItemInput): number {
	return a.position - b.position || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

export function buildSnapshot(input: SnapshotInput): CommitmentSnapshot {
	if (!Number.isSafeInteger(input.year)) throw new SnapshotError('invalid_year');
	if (input.version !== undefined && !(Number.isSafeInteger(input.version) && input.version >= 1))
		throw new SnapshotError('invalid_commitment_version');
	checkDate(input.header.date);
	const typedName = nfc(input.typed_name).trim().replace(/\s+/g, ' ');
	if (typedName === '') throw new SnapshotError('empty_typed_name');
	const personal = normalizePersonalItems(input.personal);
	const catalogs = sortedCatalogs(input.catalogs);

	const areaItems = new Map<AreaCode, SnapshotItem[]>(AREA_ORDER.map((a) => [a, []]));
	for (const c of catalogs) {
		for (const item of [...c.items].sort(byPosition)) {
			const list = areaItems.get(item.area);
			// Rows come from the database typed as plain strings: an area outside the four would
			// silently vanish from the document, so refuse it.
			if (!list) throw new SnapshotError('unknown_area');
			list.push({
				catalog: c.catalog,
				code: nfc(item.code),
				group: nfcOrNull(item.group_title),
				text: nfcOrNull(item.text),
				wording: item.wording
			});
		}
	}

	return {
		schema: SNAPSHOT_SCHEMA,
		year: input.year,
		...(input.version === undefined ? {} : { version: input.version }),
		header: {
			bloc: nfc(input.header.bloc),
			grassroots: nfcOrNull(input.header.grassroots),
			cell: nfc(input.header.cell),
			place: nfc(input.header.place),
			date: input.header.date
		},
		member: normalizeMember(input.member),
		catalogs: catalogs.map((c) => ({
			catalog: c.catalog,
			version: c.version,
			title: nfc(c.title),
			source: nfcOrNull(c.source)
		})),
		areas: AREA_ORDER.map((code) => ({
			code,
			title: AREA_TITLES_VI[code],
			items: areaItems.get(code) ?? [],
			personal: personal[code]
		})),
		affirmation: COMMITMENT_AFFIRMATION_VI,
		typed_name: typedName
	};
}

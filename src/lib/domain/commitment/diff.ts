// What changed between two signed versions, for the amendment view and for the secretary who
// reviews the new one. `a` is the earlier version, `b` the later.
import type {
	AreaCode,
	CatalogName,
	CommitmentSnapshot,
	SnapshotCatalog,
	SnapshotItem
} from './snapshot';
import { AREA_ORDER, AREA_TITLES_VI, CATALOG_ORDER } from './snapshot';

export type FieldPath =
	| 'schema'
	| 'year'
	| `header.${keyof CommitmentSnapshot['header']}`
	| `member.${keyof CommitmentSnapshot['member']}`
	| 'affirmation'
	| 'typed_name';

export interface FieldChange {
	field: FieldPath;
	before: string | number | null;
	after: string | number | null;
}

export interface CatalogChange {
	catalog: CatalogName;
	before: SnapshotCatalog | null;
	after: SnapshotCatalog | null;
}

export interface AreaDiff {
	code: AreaCode;
	title: string;
	added: SnapshotItem[];
	removed: SnapshotItem[];
	/** Same catalog and code, different text or group heading. */
	changed: { before: SnapshotItem; after: SnapshotItem }[];
	personalAdded: string[];
	personalRemoved: string[];
}

export interface SnapshotDiff {
	fields: FieldChange[];
	catalogs: CatalogChange[];
	/** Only the areas where something changed, in AREA_ORDER. */
	areas: AreaDiff[];
}

type Header = CommitmentSnapshot['header'];
type Member = CommitmentSnapshot['member'];
type AreaContent = Pick<CommitmentSnapshot['areas'][number], 'title' | 'items' | 'personal'>;

// Fixed lists rather than Object.keys, so a field missing on one side still shows as a change.
const HEADER_FIELDS: readonly (keyof Header)[] = ['bloc', 'grassroots', 'cell', 'place', 'date'];
const MEMBER_FIELDS: readonly (keyof Member)[] = [
	'full_name',
	'card_no',
	'birth_date',
	'gender',
	'joined_on',
	'full_member_on',
	'party_position',
	'government_position',
	'workplace'
];
const EMPTY_AREA: AreaContent = { title: '', items: [], personal: [] };

function fieldChanges(a: CommitmentSnapshot, b: CommitmentSnapshot): FieldChange[] {
	const out: FieldChange[] = [];
	const push = (
		field: FieldPath,
		before: string | number | null,
		after: string | number | null
	) => {
		if (before !== after) out.push({ field, before, after });
	};
	push('schema', a.schema, b.schema);
	push('year', a.year, b.year);
	for (const k of HEADER_FIELDS) push(`header.${k}`, a.header[k] ?? null, b.header[k] ?? null);
	for (const k of MEMBER_FIELDS) push(`member.${k}`, a.member[k] ?? null, b.member[k] ?? null);
	push('affirmation', a.affirmation, b.affirmation);
	push('typed_name', a.typed_name, b.typed_name);
	return out;
}

function catalogChanges(a: SnapshotCatalog[], b: SnapshotCatalog[]): CatalogChange[] {
	const out: CatalogChange[] = [];
	for (const catalog of CATALOG_ORDER) {
		const before = a.find((c) => c.catalog === catalog) ?? null;
		const after = b.find((c) => c.catalog === catalog) ?? null;
		if (!before && !after) continue;
		const same =
			before?.version === after?.version &&
			before?.title === after?.title &&
			before?.source === after?.source;
		if (!same) out.push({ catalog, before, after });
	}
	return out;
}

const itemKey = (i: SnapshotItem) => `${i.catalog}\u0000${i.code}`;

/** Items of `from` beyond their count in `than`, in `from`'s order (personal items may repeat). */
function multisetMinus(from: string[], than: string[]): string[] {
	const left = new Map<string, number>();
	for (const s of than) left.set(s, (left.get(s) ?? 0) + 1);
	return from.filter((s) => {
		const n = left.get(s) ?? 0;
		if (n > 0) left.set(s, n - 1);
		return n === 0;
	});
}

function areaDiff(code: AreaCode, a: AreaContent, b: AreaContent): AreaDiff {
	const before = new Map(a.items.map((i) => [itemKey(i), i]));
	const after = new Map(b.items.map((i) => [itemKey(i), i]));
	const changed: AreaDiff['changed'] = [];
	for (const [key, item] of after) {
		const old = before.get(key);
		const reworded = old?.wording !== undefined && old.wording !== item.wording;
		if (old && (old.text !== item.text || old.group !== item.group || reworded)) {
			changed.push({ before: old, after: item });
		}
	}
	return {
		code,
		title: b.title || a.title || AREA_TITLES_VI[code],
		added: b.items.filter((i) => !before.has(itemKey(i))),
		removed: a.items.filter((i) => !after.has(itemKey(i))),
		changed,
		personalAdded: multisetMinus(b.personal, a.personal),
		personalRemoved: multisetMinus(a.personal, b.personal)
	};
}

export function diffSnapshots(a: CommitmentSnapshot, b: CommitmentSnapshot): SnapshotDiff {
	const areas: AreaDiff[] = [];
	for (const code of AREA_ORDER) {
		const d = areaDiff(
			code,
			a.areas.find((x) => x.code === code) ?? EMPTY_AREA,
			b.areas.find((x) => x.code === code) ?? EMPTY_AREA
		);
		const n =
			d.added.length +
			d.removed.length +
			d.changed.length +
			d.personalAdded.length +
			d.personalRemoved.length;
		if (n > 0) areas.push(d);
	}
	return { fields: fieldChanges(a, b), catalogs: catalogChanges(a.catalogs, b.catalogs), areas };
}

export function isEmptyDiff(d: SnapshotDiff): boolean {
	return d.fields.length === 0 && d.catalogs.length === 0 && d.areas.length === 0;
}

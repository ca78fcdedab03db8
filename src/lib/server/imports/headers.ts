// Finds each sheet's header row, decides whether it holds units or members, and maps columns.
import { m } from '$lib/paraglide/messages';
import { COLUMNS, findColumn, kindFromSheetName, SHEET_NAMES, type Column } from './columns';
import type { Issue, RawCell, RawRow, RawSheet, SheetKind } from './types';

/** National exports put a title block above the table: look for the header a few rows down. */
const HEADER_SEARCH_ROWS = 10;

export interface Placed {
	column: Column;
	index: number;
	header: string;
	letter: string;
}

export interface MappedSheet {
	kind: SheetKind;
	name: string;
	headerRow: number;
	columns: Map<string, Placed>;
	rows: RawRow[];
}

export interface Mapping {
	sheets: MappedSheet[];
	issues: Issue[];
	notes: string[];
}

export function columnLetter(index: number): string {
	let s = '';
	for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
		s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
	return s;
}

export const isBlank = (c: RawCell | undefined): boolean =>
	c === null || c === undefined || (typeof c === 'string' && c.trim() === '');

const required = (kind: SheetKind) =>
	COLUMNS[kind]
		.filter((c) => c.required)
		.map((c) => c.header)
		.join(', ');

function matches(row: RawRow, kind: SheetKind): number {
	const keys = new Set<string>();
	for (const c of row.cells)
		if (typeof c === 'string') {
			const col = findColumn(kind, c);
			if (col) keys.add(col.key);
		}
	return keys.size;
}

function findHeader(sheet: RawSheet, hint: SheetKind | undefined) {
	const kinds: SheetKind[] = hint ? [hint] : ['members', 'units'];
	for (const row of sheet.rows.slice(0, HEADER_SEARCH_ROWS)) {
		const scored = kinds.map((kind) => ({ kind, n: matches(row, kind) }));
		const best = scored.reduce((a, b) => (b.n > a.n ? b : a));
		if (best.n >= 2) return { row, kind: best.kind };
	}
	return undefined;
}

function mapHeader(sheet: RawSheet, header: RawRow, kind: SheetKind, out: Mapping): MappedSheet {
	const columns = new Map<string, Placed>();
	const ignored: string[] = [];
	header.cells.forEach((cell, index) => {
		if (isBlank(cell)) return;
		const text = String(cell).trim();
		const column = typeof cell === 'string' ? findColumn(kind, cell) : undefined;
		if (!column) return void ignored.push(text);
		const letter = columnLetter(index);
		const seen = columns.get(column.key);
		if (seen)
			out.issues.push({
				sheet: sheet.name,
				row: header.number,
				column: `${text} (${letter})`,
				message: m.import_duplicate_column({ other: seen.letter })
			});
		else columns.set(column.key, { column, index, header: text, letter });
	});
	const missing = COLUMNS[kind]
		.filter((c) => c.required && !columns.has(c.key))
		.map((c) => c.header);
	if (missing.length)
		out.issues.push({
			sheet: sheet.name,
			row: header.number,
			column: null,
			message: m.import_missing_columns({ columns: missing.join(', ') })
		});
	if (ignored.length)
		out.notes.push(m.import_ignored_columns({ sheet: sheet.name, columns: ignored.join(', ') }));
	const rows = sheet.rows.filter(
		(r) => r.number > header.number && r.cells.some((c) => !isBlank(c))
	);
	return { kind, name: sheet.name, headerRow: header.number, columns, rows };
}

export function mapSheets(raw: RawSheet[]): Mapping {
	const out: Mapping = { sheets: [], issues: [], notes: [] };
	for (const sheet of raw) {
		const hint = kindFromSheetName(sheet.name);
		if (hint === 'guide' || sheet.rows.length === 0) continue;
		const found = findHeader(sheet, hint);
		if (found) {
			out.sheets.push(mapHeader(sheet, found.row, found.kind, out));
		} else if (hint || raw.length === 1) {
			out.issues.push({
				sheet: sheet.name,
				row: null,
				column: null,
				message: hint
					? m.import_no_header_kind({ sheet: SHEET_NAMES[hint], columns: required(hint) })
					: m.import_no_header({ units: required('units'), members: required('members') })
			});
		} else {
			out.notes.push(m.import_ignored_sheet({ sheet: sheet.name }));
		}
	}
	for (const kind of ['units', 'members'] as const) {
		const same = out.sheets.filter((s) => s.kind === kind);
		if (same.length > 1)
			out.issues.push({
				sheet: same[1].name,
				row: null,
				column: null,
				message: m.import_two_sheets({ sheet: same[0].name })
			});
	}
	return out;
}

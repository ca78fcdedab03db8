// Row-by-row validation: every cell through the same zod fields the forms use. Nothing here
// looks at the database; that is the planner's job.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { UNIT_KINDS, type UnitKind } from '$lib/domain/roles';
import { text, textProblem, textProblemMessage } from '$lib/schemas/fields';
import { memberSchema, type MemberStatus } from '$lib/schemas/member';
import { cellText } from './cells';
import { CHOICES, fold } from './columns';
import type { MappedSheet, Placed } from './headers';
import type { Issue, RawRow } from './types';

export type MemberValues = z.output<typeof memberSchema>;
export type MemberKey = keyof MemberValues;

export interface UnitRow {
	sheet: string;
	row: number;
	code: string;
	name: string;
	kind: UnitKind;
	parent_code: string | null;
}

export interface MemberRow {
	sheet: string;
	row: number;
	card_no: string;
	/** Only the columns present in the file: an absent column leaves the stored value alone. */
	values: Partial<MemberValues>;
	status: MemberStatus;
	cell_code: string;
}

const UNIT_CODE = /^[A-Za-z0-9._-]{1,32}$/;
const unitCode = () =>
	z
		.string()
		.transform((s) => s.trim())
		.pipe(
			z
				.string()
				.min(1)
				.regex(UNIT_CODE, { error: () => m.import_invalid_code() })
		);

const unitRowSchema = z.object({
	code: unitCode(),
	name: text(2, 200),
	kind: z.enum(UNIT_KINDS),
	parent_code: z
		.string()
		.transform((s) => s.trim())
		.refine((s) => s === '' || UNIT_CODE.test(s), { error: () => m.import_invalid_code() })
		.transform((s) => (s === '' ? null : s))
});

const cellRowSchema = z.object({ cell_code: unitCode() });

const MEMBER_KEYS = Object.keys(memberSchema.shape) as MemberKey[];

interface RowTexts {
	texts: Record<string, string>;
	/** Columns whose cell already has a reported problem: zod would only repeat it. */
	reported: Set<string>;
}

const where = (sheet: MappedSheet, key: string): string | null => {
	const p: Placed | undefined = sheet.columns.get(key);
	return p ? `${p.header} (${p.letter})` : null;
};

/** Reads a row into strings keyed by column, turning choice labels into codes. */
function rowTexts(sheet: MappedSheet, row: RawRow, issues: Issue[]): RowTexts {
	const texts: Record<string, string> = {};
	const reported = new Set<string>();
	const report = (key: string, message: string) => {
		reported.add(key);
		issues.push({ sheet: sheet.name, row: row.number, column: where(sheet, key), message });
	};
	for (const [key, place] of sheet.columns) {
		const r = cellText(row.cells[place.index], place.column.type);
		texts[key] = r.ok ? r.text : '';
		if (!r.ok) report(key, r.message);
		// The forms' text rule for every cell, whatever its column: codes, dates and choices too,
		// so that what the dry run lets through the database also takes.
		const problem = r.ok ? textProblem(r.text.normalize('NFC').trim()) : null;
		if (problem) report(key, textProblemMessage(problem));
		const choice = CHOICES[key];
		if (r.ok && !problem && choice && r.text.trim() !== '') {
			const code = choice.map.get(fold(r.text));
			texts[key] = code ?? '';
			if (!code) report(key, m.import_invalid_choice({ allowed: choice.labels.join('; ') }));
		}
	}
	return { texts, reported };
}

function zodIssues(
	sheet: MappedSheet,
	row: RawRow,
	error: z.ZodError,
	reported: Set<string>,
	issues: Issue[]
): void {
	for (const i of error.issues) {
		const key = String(i.path[0] ?? '');
		if (reported.has(key)) continue;
		reported.add(key);
		issues.push({
			sheet: sheet.name,
			row: row.number,
			column: where(sheet, key),
			message: i.message
		});
	}
}

export interface Validated<T> {
	rows: T[];
	/** Keys (unit codes) of rows that failed: references to them are not reported again. */
	failedKeys: Set<string>;
}

export function validateUnits(sheet: MappedSheet, issues: Issue[]): Validated<UnitRow> {
	const rows: UnitRow[] = [];
	const keys: Keyed[] = [];
	const failedKeys = new Set<string>();
	for (const row of sheet.rows) {
		const { texts, reported } = rowTexts(sheet, row, issues);
		const parsed = unitRowSchema.safeParse(texts);
		if (!parsed.success) zodIssues(sheet, row, parsed.error, reported, issues);
		const code = (texts.code ?? '').trim();
		if (code) keys.push({ row: row.number, key: code });
		if (parsed.success && reported.size === 0)
			rows.push({ sheet: sheet.name, row: row.number, ...parsed.data });
		else if (code) failedKeys.add(code);
	}
	const repeated = flagDuplicates(keys, sheet, m.import_duplicate_code, issues);
	return { rows: rows.filter((r) => !repeated.has(r.row)), failedKeys };
}

export function validateMembers(sheet: MappedSheet, issues: Issue[]): MemberRow[] {
	const rows: MemberRow[] = [];
	const keys: Keyed[] = [];
	const present = MEMBER_KEYS.filter((k) => sheet.columns.has(k));
	for (const row of sheet.rows) {
		const { texts, reported } = rowTexts(sheet, row, issues);
		const card = (texts.card_no ?? '').trim();
		// Login names are compared without case, so card numbers are too.
		if (card) keys.push({ row: row.number, key: card.toUpperCase() });
		const parsed = memberSchema.safeParse(
			Object.fromEntries(MEMBER_KEYS.map((k) => [k, texts[k] ?? '']))
		);
		if (!parsed.success) zodIssues(sheet, row, parsed.error, reported, issues);
		const cell = cellRowSchema.safeParse({ cell_code: texts.cell_code ?? '' });
		if (!cell.success) zodIssues(sheet, row, cell.error, reported, issues);
		const status = (texts.status ?? '') as MemberStatus | '';
		if (!status && !reported.has('status')) {
			reported.add('status');
			issues.push({
				sheet: sheet.name,
				row: row.number,
				column: where(sheet, 'status'),
				message: m.v_required()
			});
		}
		if (reported.size > 0 || !parsed.success || !cell.success || !status) continue;
		rows.push({
			sheet: sheet.name,
			row: row.number,
			card_no: parsed.data.card_no,
			values: Object.fromEntries(present.map((k) => [k, parsed.data[k]])) as Partial<MemberValues>,
			status,
			cell_code: cell.data.cell_code
		});
	}
	const repeated = flagDuplicates(keys, sheet, m.import_duplicate_card, issues);
	return rows.filter((r) => !repeated.has(r.row));
}

interface Keyed {
	row: number;
	key: string;
}

/** Reports every repeat of a key at its row; returns those rows. */
function flagDuplicates(
	keys: Keyed[],
	sheet: MappedSheet,
	message: (p: { row: string }) => string,
	issues: Issue[]
): Set<number> {
	const first = new Map<string, number>();
	const repeated = new Set<number>();
	const column = where(sheet, sheet.kind === 'units' ? 'code' : 'card_no');
	for (const { row, key } of keys) {
		const seen = first.get(key);
		if (seen === undefined) first.set(key, row);
		else {
			repeated.add(row);
			issues.push({ sheet: sheet.name, row, column, message: message({ row: String(seen) }) });
		}
	}
	return repeated;
}

// Turns a raw cell into the text a column's zod field expects, or a problem with the cell itself.
import { m } from '$lib/paraglide/messages';
import type { CellType } from './columns';
import type { RawCell } from './types';

export type CellResult = { ok: true; text: string } | { ok: false; message: string };

const ok = (text: string): CellResult => ({ ok: true, text });
const pad = (n: string) => n.padStart(2, '0');
// Excel's day 0 is 1899-12-30 in the 1900 date system; 2958465 is 9999-12-31.
const EXCEL_EPOCH_OFFSET = 25569;
const EXCEL_MAX_SERIAL = 2958465;

/**
 * A date as 'YYYY-MM-DD'. exceljs gives a Date at UTC midnight for a date cell, so the UTC parts
 * are the calendar date whatever the server's time zone (local parts would shift it by a day
 * west of Greenwich). Rounded to the second first: some writers store 23:59:59.999 for midnight.
 */
export function isoFromDate(d: Date): string | undefined {
	// A crafted date cell (t="d" with a bad value) reads as an invalid Date.
	if (Number.isNaN(d.getTime())) return undefined;
	return new Date(Math.round(d.getTime() / 1000) * 1000).toISOString().slice(0, 10);
}

/**
 * Spreadsheet programs take a cell that starts with = + - or @ (blanks and tabs before it
 * included) for a formula when the data is opened again, saved as CSV or pasted: a formula
 * that was typed as text, or planted ("CSV injection"). A phone column may start with +
 * (+84 …): the phone rule decides there.
 */
const FORMULA_START = /^\s*([=+\-@])/;
const PHONE_FORMULA_START = /^\s*([=\-@])/;

function formulaLike(s: string, type: CellType): string | undefined {
	return (type === 'phone' ? PHONE_FORMULA_START : FORMULA_START).exec(s)?.[1];
}

/** dd/mm/yyyy (also with - or .), yyyy-mm-dd, yyyy/mm/dd → 'YYYY-MM-DD'; anything else unchanged. */
export function isoFromText(s: string): string {
	const t = s.trim();
	let r = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
	if (r) return `${r[3]}-${pad(r[2])}-${pad(r[1])}`;
	r = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?Z?)?$/.exec(t);
	if (r) return `${r[1]}-${pad(r[2])}-${pad(r[3])}`;
	return t;
}

function fromSerial(n: number): string | undefined {
	if (!(n >= 1 && n <= EXCEL_MAX_SERIAL)) return undefined;
	return isoFromDate(new Date((n - EXCEL_EPOCH_OFFSET) * 86_400_000));
}

const plainNumber = (n: number) => (Number.isInteger(n) ? n.toFixed(0) : String(n));

export function cellText(cell: RawCell | undefined, type: CellType): CellResult {
	if (cell === null || cell === undefined) return ok('');
	if (typeof cell === 'object' && 'formula' in cell)
		return { ok: false, message: m.import_formula() };
	if (typeof cell === 'object' && 'error' in cell)
		return { ok: false, message: m.import_cell_error({ value: cell.error }) };
	if (cell instanceof Date) {
		const iso = isoFromDate(cell);
		if (!iso) return { ok: false, message: m.v_invalid_date() };
		if (type === 'date') return ok(iso);
		const [y, mo, d] = iso.split('-');
		return ok(`${d}/${mo}/${y}`);
	}
	if (typeof cell === 'boolean') return ok(cell ? 'TRUE' : 'FALSE');
	if (typeof cell === 'number') {
		if (type === 'date') return ok(fromSerial(cell) ?? String(cell));
		// A phone column stored as a number lost its leading 0 (Vietnamese numbers have 10 digits).
		if (type === 'phone' && /^\d{9}$/.test(plainNumber(cell))) return ok(`0${plainNumber(cell)}`);
		return ok(plainNumber(cell));
	}
	const sign = formulaLike(cell, type);
	if (sign) return { ok: false, message: m.import_formula_like({ sign }) };
	return ok(type === 'date' ? isoFromText(cell) : cell);
}

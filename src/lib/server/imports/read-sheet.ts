// Reads an XLSX workbook or a CSV file into plain rows of raw cells (exceljs for both).
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { m } from '$lib/paraglide/messages';
import { decodeCsv, fmt, type Format } from './sniff';
import { FileError, MAX_ROWS, type RawCell, type RawRow, type RawSheet } from './types';
import { checkZip } from './zip';

export const CSV_SHEET = 'CSV';
const MAX_COLS = 200;
// Header rows and a few blank lines on top of the data-row limit, checked exactly later.
const ROW_ALLOWANCE = 20;

export async function readSheets(bytes: Uint8Array, format: Format): Promise<RawSheet[]> {
	return format === 'xlsx' ? readXlsx(bytes) : readCsv(bytes);
}

async function readXlsx(bytes: Uint8Array): Promise<RawSheet[]> {
	await checkZip(bytes);
	const wb = new ExcelJS.Workbook();
	try {
		// exceljs types its input as an ArrayBuffer-like Buffer; a Node Buffer is what it reads best.
		const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
		await wb.xlsx.load(
			data as unknown as Parameters<typeof wb.xlsx.load>[0],
			{
				maxRows: MAX_ROWS + ROW_ALLOWANCE,
				maxCols: MAX_COLS,
				// Whole-column validations are expanded cell by cell by exceljs: skip what we never read.
				ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst', 'drawing', 'picture']
			} as Parameters<typeof wb.xlsx.load>[1]
		);
	} catch (err) {
		const text = err instanceof Error ? err.message : '';
		if (/Max row count/i.test(text))
			throw new FileError(m.import_too_many_rows({ max: fmt(MAX_ROWS) }));
		if (/Max c count/i.test(text))
			throw new FileError(m.import_too_many_columns({ max: String(MAX_COLS) }));
		throw new FileError(m.import_file_unreadable());
	}
	return wb.worksheets.map((ws) => {
		const rows: RawRow[] = [];
		ws.eachRow({ includeEmpty: false }, (row, number) => {
			const cells: RawCell[] = [];
			row.eachCell({ includeEmpty: false }, (cell, col) => {
				cells[col - 1] = toRaw(cell.value);
			});
			rows.push({ number, cells });
		});
		return { name: ws.name.normalize('NFC'), rows };
	});
}

function toRaw(value: ExcelJS.CellValue): RawCell {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string') return value.normalize('NFC');
	if (typeof value === 'number' || typeof value === 'boolean' || value instanceof Date)
		return value;
	if ('formula' in value || 'sharedFormula' in value) return { formula: true };
	if ('error' in value) return { error: String(value.error) };
	if ('richText' in value)
		return value.richText
			.map((r) => r.text)
			.join('')
			.normalize('NFC');
	if ('hyperlink' in value) {
		const text: unknown = value.text;
		if (typeof text === 'string') return text.normalize('NFC');
		if (text && typeof text === 'object' && 'richText' in text)
			return (text as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join('');
	}
	return null;
}

async function readCsv(bytes: Uint8Array): Promise<RawSheet[]> {
	const text = decodeCsv(bytes);
	const delimiter = guessDelimiter(text);
	const wb = new ExcelJS.Workbook();
	let ws: ExcelJS.Worksheet;
	try {
		ws = await wb.csv.read(Readable.from([text]), {
			// Keep every value as typed: exceljs would turn "012345" into 12345 and guess dates.
			map: (v: unknown) => (typeof v === 'string' ? v : null),
			parserOptions: { delimiter, trim: false }
		});
	} catch {
		// The parser's own message quotes the file's text: say where instead.
		const line = badQuoteLine(text, delimiter);
		throw new FileError(
			line ? m.import_csv_bad_quote({ row: String(line) }) : m.import_csv_unreadable()
		);
	}
	const rows: RawRow[] = [];
	ws.eachRow({ includeEmpty: false }, (row, number) => {
		const cells: RawCell[] = [];
		row.eachCell({ includeEmpty: false }, (cell, col) => {
			const v = cell.value;
			cells[col - 1] = typeof v === 'string' ? v : null;
		});
		rows.push({ number, cells });
	});
	return [{ name: CSV_SHEET, rows }];
}

/**
 * The line (from 1) where a quoted CSV field goes wrong: a quote never closed, or text right
 * after a closing quote. Blanks may follow a closing quote, as the parser allows.
 */
function badQuoteLine(text: string, delimiter: string): number | null {
	let line = 1;
	let fieldStart = true;
	for (let i = 0; i < text.length; i++) {
		const c = text[i];
		if (c === '\n') line++;
		if (!(fieldStart && c === '"')) {
			fieldStart = c === delimiter || c === '\n' || c === '\r';
			continue;
		}
		const opened = line;
		for (i++; ; i++) {
			if (i >= text.length) return opened;
			if (text[i] === '\n') line++;
			if (text[i] !== '"') continue;
			if (text[i + 1] === '"') i++;
			else break;
		}
		while (text[i + 1] === ' ') i++;
		const next = text[i + 1];
		if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') return line;
		fieldStart = false;
	}
	return null;
}

/** Excel in locales with a decimal comma saves CSV with semicolons. */
function guessDelimiter(text: string): string {
	const first = text.slice(0, text.indexOf('\n') === -1 ? text.length : text.indexOf('\n'));
	const count = (c: string) => first.split(c).length - 1;
	const candidates = [',', ';', '\t'].map((c) => [c, count(c)] as const);
	return candidates.reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

// What kind of file was uploaded, judged by its bytes (the name and MIME type are only hints).
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { FileError, MAX_BYTES, MAX_ROWS } from './types';

export type Format = 'xlsx' | 'csv';

const ZIP = [0x50, 0x4b, 0x03, 0x04];
// OLE2 compound file: the Excel 97–2003 .xls format.
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);
const mb = (n: number) => String(Math.round(n / 1024 / 1024));

export function sniff(bytes: Uint8Array, fileName: string): Format {
	if (bytes.length === 0) throw new FileError(m.import_file_empty());
	if (bytes.length > MAX_BYTES)
		throw new FileError(m.import_file_too_large({ max: mb(MAX_BYTES) }));
	const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
	if (startsWith(bytes, OLE2)) throw new FileError(m.import_file_xls());
	// What is inside the archive is checked before it is unzipped (zip.ts).
	if (startsWith(bytes, ZIP)) return 'xlsx';
	if (ext === 'xlsx') throw new FileError(m.import_file_not_xlsx());
	if (looksLikeText(bytes)) return 'csv';
	throw new FileError(m.import_file_not_spreadsheet());
}

/** CSV is text: binary garbage has NUL bytes; the UTF-8 check comes with decoding. */
function looksLikeText(bytes: Uint8Array): boolean {
	return !bytes.includes(0);
}

/** The CSV text without its BOM, or a FileError when it is not UTF-8 or has too many lines. */
export function decodeCsv(bytes: Uint8Array): string {
	let text: string;
	try {
		text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
	} catch {
		throw new FileError(m.import_csv_not_utf8());
	}
	let lines = 0;
	for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
	// Header + data rows; a few spare lines for blank ones at the end.
	if (lines > MAX_ROWS + 10) throw new FileError(m.import_too_many_rows({ max: fmt(MAX_ROWS) }));
	return text.normalize('NFC');
}

export const fmt = (n: number) => n.toLocaleString(getLocale() === 'en' ? 'en-US' : 'vi-VN');

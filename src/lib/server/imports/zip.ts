// An XLSX file is a ZIP archive, and a small archive can unzip to gigabytes ("zip bomb"). The
// sizes an archive declares are its own claims, and exceljs's unzipper (JSZip) inflates a whole
// entry before it compares: so every entry is inflated here first, as a stream whose output is
// counted and thrown away, and stopped as soon as it passes what the entry declared. Only an
// archive whose every entry is as large as it says, all together within MAX_UNZIPPED, reaches
// exceljs.
import { createInflateRaw } from 'node:zlib';
import { m } from '$lib/paraglide/messages';
import { FileError } from './types';

/** Uncompressed size allowed: the largest import (50,000 rows) unzips to about 35 MB. */
const MAX_UNZIPPED = 100 * 1024 * 1024;
/** A workbook has a few dozen entries; tens of thousands are an attack on the unzipper. */
const MAX_ENTRIES = 2000;

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
	method: number;
	encrypted: boolean;
	compressedSize: number;
	size: number;
	localOffset: number;
}

const unreadable = () => new FileError(m.import_file_unreadable());
const mb = (n: number) => String(Math.round(n / 1024 / 1024));

/** The central directory's entries, as JSZip reads them (from the last end record). */
function entries(bytes: Uint8Array): Entry[] {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	let eocd = -1;
	for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--)
		if (view.getUint32(i, true) === EOCD) {
			eocd = i;
			break;
		}
	if (eocd < 0) throw unreadable();
	const count = view.getUint16(eocd + 10, true);
	let p = view.getUint32(eocd + 16, true);
	// ZIP64 markers: never needed for a 10 MB spreadsheet.
	if (count === 0xffff || p === 0xffffffff || count > MAX_ENTRIES) throw unreadable();
	const out: Entry[] = [];
	for (let n = 0; n < count; n++) {
		if (p + 46 > bytes.length || view.getUint32(p, true) !== CENTRAL) throw unreadable();
		out.push({
			method: view.getUint16(p + 10, true),
			encrypted: (view.getUint16(p + 8, true) & 1) === 1,
			compressedSize: view.getUint32(p + 20, true),
			size: view.getUint32(p + 24, true),
			localOffset: view.getUint32(p + 42, true)
		});
		p +=
			46 +
			view.getUint16(p + 28, true) +
			view.getUint16(p + 30, true) +
			view.getUint16(p + 32, true);
	}
	return out;
}

/** The entry's compressed bytes, found through its local header as JSZip finds them. */
function dataOf(bytes: Uint8Array, e: Entry): Uint8Array {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const at = e.localOffset;
	if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL) throw unreadable();
	const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
	if (start + e.compressedSize > bytes.length) throw unreadable();
	return bytes.subarray(start, start + e.compressedSize);
}

/** Inflates and counts, stopping past `limit`: memory stays at one output chunk. */
function inflatedSize(data: Uint8Array, limit: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const inflate = createInflateRaw();
		let size = 0;
		inflate.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				inflate.destroy();
				resolve(size);
			}
		});
		inflate.on('end', () => resolve(size));
		inflate.on('error', () => reject(unreadable()));
		inflate.end(data);
	});
}

/** Refuses an archive that unzips to more than it declares, or to more than MAX_UNZIPPED. */
export async function checkZip(bytes: Uint8Array): Promise<void> {
	const list = entries(bytes);
	const declared = list.reduce((sum, e) => sum + e.size, 0);
	if (declared > MAX_UNZIPPED)
		throw new FileError(m.import_file_unzipped_too_large({ max: mb(MAX_UNZIPPED) }));
	for (const e of list) {
		// Excel never encrypts entries (a password-protected workbook is not a ZIP at all).
		if (e.encrypted || (e.method !== STORED && e.method !== DEFLATED)) throw unreadable();
		const data = dataOf(bytes, e);
		const size = e.method === STORED ? data.length : await inflatedSize(data, e.size);
		if (size !== e.size) throw new FileError(m.import_file_size_lies());
	}
}

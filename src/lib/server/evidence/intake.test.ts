import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import ExcelJS from 'exceljs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_EVIDENCE_BYTES } from '$lib/domain/evidence';
import { intake, type CleanFile, type IntakeProblem } from './intake';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const text = (s: string) => new TextEncoder().encode(s);

async function accepted(name: string, bytes: Uint8Array): Promise<CleanFile> {
	const result = await intake(name, bytes);
	if (!result.ok) throw new Error(`refused: ${result.problem.code}`);
	expect(result.value.sha256).toBe(createHash('sha256').update(result.value.bytes).digest('hex'));
	return result.value;
}

async function expectRefused(name: string, bytes: Uint8Array, code: IntakeProblem) {
	expect(await intake(name, bytes)).toEqual({ ok: false, problem: { code, detail: { name } } });
}

/** Left half red, right half blue, so a rotation shows in the pixels. */
function halves(width: number, height: number) {
	const raw = Buffer.alloc(width * height * 3);
	for (let i = 0; i < width * height; i++) {
		raw.set(i % width < width / 2 ? [255, 0, 0] : [0, 0, 255], i * 3);
	}
	return sharp(raw, { raw: { width, height, channels: 3 } });
}

function solid(width: number, height: number, channels: 3 | 4 = 3) {
	const background = { r: 40, g: 120, b: 200, alpha: channels === 4 ? 0 : 1 };
	return sharp({ create: { width, height, channels, background } });
}

async function firstPixel(bytes: Uint8Array): Promise<number[]> {
	return [...(await sharp(bytes).raw().toBuffer()).subarray(0, 3)];
}

// GPSLatitude 4567/100 as the little-endian rational it is stored as.
const LATITUDE_SECONDS = Buffer.from([0xd7, 0x11, 0, 0, 0x64, 0, 0, 0]);
const CAMERA_EXIF = {
	IFD0: { Make: 'CamketPhone', Model: 'X1' },
	IFD2: { BodySerialNumber: 'SN-123456789' },
	IFD3: {
		GPSLatitudeRef: 'N',
		GPSLatitude: '21/1 1/1 4567/100',
		GPSLongitudeRef: 'E',
		GPSLongitude: '105/1 51/1 0/1',
		GPSMapDatum: 'WGS-84-CAMKET'
	}
};
const XMP =
	'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
	'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Nguyen Van An</dc:creator>' +
	'</rdf:Description></rdf:RDF></x:xmpmeta>';

/** A stored (uncompressed) ZIP: enough for file-type to read the entries of an OOXML package. */
function zip(entries: Record<string, string>): Uint8Array {
	const local: Buffer[] = [];
	const central: Buffer[] = [];
	let offset = 0;
	for (const [name, content] of Object.entries(entries)) {
		const fileName = Buffer.from(name);
		const data = Buffer.from(content);
		const crc = crc32(data);
		const header = Buffer.alloc(30);
		header.writeUInt32LE(0x04034b50, 0);
		header.writeUInt16LE(20, 4);
		header.writeUInt32LE(crc, 14);
		header.writeUInt32LE(data.length, 18);
		header.writeUInt32LE(data.length, 22);
		header.writeUInt16LE(fileName.length, 26);
		local.push(header, fileName, data);

		const entry = Buffer.alloc(46);
		entry.writeUInt32LE(0x02014b50, 0);
		entry.writeUInt16LE(20, 4);
		entry.writeUInt16LE(20, 6);
		entry.writeUInt32LE(crc, 16);
		entry.writeUInt32LE(data.length, 20);
		entry.writeUInt32LE(data.length, 24);
		entry.writeUInt16LE(fileName.length, 28);
		entry.writeUInt32LE(offset, 42);
		central.push(entry, fileName);
		offset += header.length + fileName.length + data.length;
	}
	const directory = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(entries).length, 8);
	end.writeUInt16LE(Object.keys(entries).length, 10);
	end.writeUInt32LE(directory.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...local, directory, end]);
}

const docx = zip({
	'[Content_Types].xml':
		'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
		'<Default Extension="xml" ContentType="application/xml"/>' +
		`<Override PartName="/word/document.xml" ContentType="${DOCX}.main+xml"/></Types>`,
	'word/document.xml': '<w:document/>'
});

/** The OLE compound file signature the old .doc/.xls/.ppt formats start with. */
const compoundFile = Buffer.concat([
	Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
	Buffer.alloc(504)
]);

const pdf = text('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

describe('intake of images', () => {
	it('re-encodes a camera JPEG without its EXIF, GPS position, serial number or XMP', async () => {
		const input = await halves(80, 40)
			.jpeg()
			.withExif(CAMERA_EXIF)
			.withXmp(XMP)
			.withIccProfile('p3')
			.toBuffer();
		const before = await sharp(input).metadata();
		expect(before.exif).toBeDefined();
		expect(before.xmp).toBeDefined();
		expect(input.includes(LATITUDE_SECONDS)).toBe(true);

		const file = await accepted('Ảnh sinh hoạt chi bộ.jpeg', input);
		const out = Buffer.from(file.bytes);
		const after = await sharp(out).metadata();
		expect(after.format).toBe('jpeg');
		expect(after.exif).toBeUndefined();
		expect(after.xmp).toBeUndefined();
		expect(after.iptc).toBeUndefined();
		expect(after.icc).toBeUndefined();
		for (const secret of ['WGS-84-CAMKET', 'SN-123456789', 'CamketPhone', 'Nguyen Van An']) {
			expect(out.includes(secret)).toBe(false);
		}
		expect(out.includes(LATITUDE_SECONDS)).toBe(false);
		expect(file).toMatchObject({ name: 'Ảnh sinh hoạt chi bộ.jpg', mediaType: 'image/jpeg' });
	});

	it('applies the EXIF orientation, so a sideways photo comes out upright', async () => {
		const input = await halves(80, 40).jpeg().withMetadata({ orientation: 6 }).toBuffer();
		expect((await sharp(input).metadata()).orientation).toBe(6);

		const file = await accepted('dung.jpg', input);
		const after = await sharp(file.bytes).metadata();
		expect([after.width, after.height, after.orientation]).toEqual([40, 80, undefined]);
		// Orientation 6 turns the picture clockwise: its left half (red) ends up on top.
		const [r, g, b] = await firstPixel(file.bytes);
		expect(r).toBeGreaterThan(200);
		expect(g + b).toBeLessThan(80);
	});

	it('keeps a PNG a PNG, without its metadata', async () => {
		const input = await halves(60, 30).png().withExif(CAMERA_EXIF).withXmp(XMP).toBuffer();
		expect((await sharp(input).metadata()).exif).toBeDefined();

		const file = await accepted('chup man hinh.png', input);
		const after = await sharp(file.bytes).metadata();
		expect([after.format, after.width, after.height]).toEqual(['png', 60, 30]);
		expect(after.exif).toBeUndefined();
		expect(after.xmp).toBeUndefined();
		expect(Buffer.from(file.bytes).includes('Nguyen Van An')).toBe(false);
		expect(file).toMatchObject({ name: 'chup man hinh.png', mediaType: 'image/png' });
	});

	it('stores a WebP as JPEG, transparency turned white', async () => {
		const file = await accepted('anh.webp', await solid(30, 20, 4).webp().toBuffer());
		expect(file).toMatchObject({ name: 'anh.jpg', mediaType: 'image/jpeg' });
		expect((await sharp(file.bytes).metadata()).format).toBe('jpeg');
		for (const channel of await firstPixel(file.bytes)) expect(channel).toBeGreaterThan(245);
	});

	it('shrinks a large photo to fit 2560 pixels and never enlarges a small one', async () => {
		const large = await accepted('lon.jpg', await solid(4000, 3000).jpeg().toBuffer());
		const size = await sharp(large.bytes).metadata();
		expect([size.width, size.height]).toEqual([2560, 1920]);

		const small = await accepted('nho.png', await solid(10, 5).png().toBuffer());
		const smallSize = await sharp(small.bytes).metadata();
		expect([smallSize.width, smallSize.height]).toEqual([10, 5]);
	});

	it('takes a PNG named as a JPEG: same family, stored under its real extension', async () => {
		const file = await accepted('anh.jpg', await solid(10, 10).png().toBuffer());
		expect(file).toMatchObject({ name: 'anh.png', mediaType: 'image/png' });
	});
});

describe('intake of documents', () => {
	it('stores a PDF as given', async () => {
		const file = await accepted('Báo cáo.pdf', pdf);
		expect(file).toMatchObject({ name: 'Báo cáo.pdf', mediaType: 'application/pdf' });
		expect(file.bytes).toEqual(pdf);
	});

	it('takes a real XLSX and a DOCX by their content', async () => {
		const workbook = new ExcelJS.Workbook();
		workbook.addWorksheet('Đảng viên').addRow(['Nguyễn Văn An']);
		const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());
		const sheet = await accepted('danh sach.xlsx', xlsx);
		expect(sheet).toMatchObject({ name: 'danh sach.xlsx', mediaType: XLSX });
		expect(sheet.bytes).toEqual(xlsx);

		expect(await accepted('bien ban', docx)).toMatchObject({
			name: 'bien ban.docx',
			mediaType: DOCX
		});
		expect(await accepted('bien ban.doc', docx)).toMatchObject({ name: 'bien ban.docx' });
	});

	it('takes the old binary Office formats only when the name says which one', async () => {
		expect(await accepted('bien ban.DOC', compoundFile)).toMatchObject({
			name: 'bien ban.doc',
			mediaType: 'application/msword'
		});
		expect(await accepted('bang.xls', compoundFile)).toMatchObject({
			mediaType: 'application/vnd.ms-excel'
		});
		expect(await accepted('trinh chieu.ppt', compoundFile)).toMatchObject({
			mediaType: 'application/vnd.ms-powerpoint'
		});
		await expectRefused('cai dat.msi', compoundFile, 'evidence_type');
		await expectRefused('bien ban.docx', compoundFile, 'evidence_type');
		await expectRefused('bien ban', compoundFile, 'evidence_type');
	});
});

describe('intake refuses', () => {
	it('an empty file', async () => {
		await expectRefused('rong.pdf', new Uint8Array(), 'evidence_empty');
	});

	it('a file over the limit, before looking inside', async () => {
		const big = new Uint8Array(MAX_EVIDENCE_BYTES + 1);
		big.set([0xff, 0xd8, 0xff, 0xe0]);
		await expectRefused('lon.jpg', big, 'evidence_too_large');
	});

	it('content that is not an allowed kind, whatever the name says', async () => {
		await expectRefused(
			'anh.jpg',
			text('<!doctype html><html><body>hi</body></html>'),
			'evidence_type'
		);
		await expectRefused(
			'anh.png',
			text('<svg xmlns="http://www.w3.org/2000/svg"/>'),
			'evidence_type'
		);
		const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]);
		await expectRefused('tai lieu.pdf', exe, 'evidence_type');
		await expectRefused('ghi chu.pdf', text('chỉ là chữ'), 'evidence_type');
		await expectRefused('anh.gif', await solid(8, 8).gif().toBuffer(), 'evidence_type');
		await expectRefused('anh.jpg', await solid(8, 8).avif().toBuffer(), 'evidence_type');
		await expectRefused('nen.zip', zip({ 'a.txt': 'a' }), 'evidence_type');
		await expectRefused('bao-cao.pdf', text('%PDF without a version'), 'evidence_type');
	});

	it('allowed content under a name of another family', async () => {
		await expectRefused('bao-cao.pdf', await solid(8, 8).png().toBuffer(), 'evidence_mismatch');
		await expectRefused('anh.jpg', docx, 'evidence_mismatch');
		await expectRefused('bang.xlsx', docx, 'evidence_mismatch');
		await expectRefused('anh.png', pdf, 'evidence_mismatch');
	});

	it('an image that cannot be decoded', async () => {
		const jpeg = await halves(400, 300).jpeg().toBuffer();
		await expectRefused('cut.jpg', jpeg.subarray(0, jpeg.length * 0.6), 'evidence_unreadable');
		const png = await halves(400, 300).png().toBuffer();
		await expectRefused('cut.png', png.subarray(0, png.length * 0.6), 'evidence_unreadable');
	});

	it('a small file that claims 100 megapixels, without decoding it', async () => {
		const bomb = await solid(10_000, 10_000).png({ compressionLevel: 9 }).toBuffer();
		expect(bomb.length).toBeLessThan(MAX_EVIDENCE_BYTES);
		const rssBefore = process.memoryUsage().rss;
		await expectRefused('bom.png', bomb, 'evidence_unreadable');
		// Decoding 10000×10000 RGB would need 300 MB.
		expect(process.memoryUsage().rss - rssBefore).toBeLessThan(100 * 1024 * 1024);
	});
});

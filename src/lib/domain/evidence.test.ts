import { describe, expect, it } from 'vitest';
import {
	EVIDENCE_ACCEPT,
	EVIDENCE_MEDIA_TYPES,
	evidenceExtension,
	isImage,
	nameExtension,
	nameFitsType,
	safeFileName
} from './evidence';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

describe('the evidence kinds', () => {
	it('gives every stored type an extension, and only JPEG and PNG count as images', () => {
		expect(EVIDENCE_MEDIA_TYPES.map(evidenceExtension)).toEqual([
			'jpg',
			'png',
			'pdf',
			'docx',
			'xlsx',
			'pptx',
			'doc',
			'xls',
			'ppt'
		]);
		expect(EVIDENCE_MEDIA_TYPES.filter(isImage)).toEqual(['image/jpeg', 'image/png']);
		expect(isImage('image/webp')).toBe(false);
	});

	it('offers the file picker the extensions and the MIME types, WebP included', () => {
		const accepted = EVIDENCE_ACCEPT.split(',');
		expect(accepted).toEqual(expect.arrayContaining(['.jpg', '.webp', '.pdf', '.doc', '.pptx']));
		expect(accepted).toEqual(expect.arrayContaining(['image/webp', ...EVIDENCE_MEDIA_TYPES]));
		expect(EVIDENCE_ACCEPT).not.toMatch(/\s/);
	});
});

describe('nameExtension', () => {
	it('reads a short suffix with a letter, in lower case', () => {
		expect(nameExtension('Ảnh.JPEG')).toBe('jpeg');
		expect(nameExtension('bao-cao.tar.gz')).toBe('gz');
		expect(nameExtension('C:\\tai lieu.v2\\bao cao')).toBeUndefined();
	});

	it('does not take version numbers or sentences for an extension', () => {
		expect(nameExtension('Báo cáo v1.2')).toBeUndefined();
		expect(nameExtension('BC 2025. Chi bộ 3')).toBeUndefined();
		expect(nameExtension('Báo cáo.Tổng')).toBeUndefined();
		expect(nameExtension('bao cao.docxxx')).toBeUndefined();
		expect(nameExtension('bao cao')).toBeUndefined();
	});
});

describe('nameFitsType', () => {
	it('accepts any extension of the same family, and no extension at all', () => {
		expect(nameFitsType('anh.jpg', 'image/png')).toBe(true);
		expect(nameFitsType('anh.webp', 'image/jpeg')).toBe(true);
		expect(nameFitsType('bien-ban.doc', DOCX)).toBe(true);
		expect(nameFitsType('bien ban', 'application/pdf')).toBe(true);
	});

	it('refuses an extension from another family or an unknown one', () => {
		expect(nameFitsType('bao-cao.pdf', 'image/png')).toBe(false);
		expect(nameFitsType('anh.jpg', DOCX)).toBe(false);
		expect(nameFitsType('bang.xlsx', DOCX)).toBe(false);
		expect(nameFitsType('setup.exe', 'image/png')).toBe(false);
	});
});

describe('safeFileName', () => {
	it('keeps the Vietnamese base name in NFC and forces the real extension', () => {
		const decomposed = 'Ảnh sinh hoạt chi bộ.jpeg'.normalize('NFD');
		expect(safeFileName(decomposed, 'image/jpeg')).toBe('Ảnh sinh hoạt chi bộ.jpg');
		expect(safeFileName('Ảnh họp.webp', 'image/jpeg')).toBe('Ảnh họp.jpg');
		expect(safeFileName('bien ban.DOC', DOCX)).toBe('bien ban.docx');
		expect(safeFileName('Báo cáo v1.2', 'application/pdf')).toBe('Báo cáo v1.2.pdf');
	});

	it('keeps only the last path segment', () => {
		expect(safeFileName('C:\\Users\\An\\Tài liệu\\bao cao.pdf', 'application/pdf')).toBe(
			'bao cao.pdf'
		);
		expect(safeFileName('../../etc/passwd', 'application/pdf')).toBe('passwd.pdf');
	});

	it('removes control and bidi characters, quotes and characters Windows forbids', () => {
		expect(safeFileName('anh\u202Egpj.exe', 'image/png')).toBe('anhgpj.png');
		expect(safeFileName('a\u0000b\r\nc\td.pdf', 'application/pdf')).toBe('abcd.pdf');
		expect(safeFileName(`"Báo" 'cáo' \`x\` <1>|2?*:3.pdf`, 'application/pdf')).toBe(
			'Báo cáo x 123.pdf'
		);
	});

	it('collapses spaces and drops leading dots and trailing dots or spaces', () => {
		expect(safeFileName('  .hidden   file  . .pdf', 'application/pdf')).toBe('hidden file.pdf');
	});

	it('falls back to "tep" when nothing of the name is left', () => {
		expect(safeFileName('', 'image/jpeg')).toBe('tep.jpg');
		expect(safeFileName('.pdf', 'application/pdf')).toBe('tep.pdf');
		expect(safeFileName('..', 'application/pdf')).toBe('tep.pdf');
		expect(safeFileName('dir/', 'application/pdf')).toBe('tep.pdf');
		expect(safeFileName('\u200B"\u0007.png', 'image/png')).toBe('tep.png');
	});

	it('shortens to 120 characters, extension included, without splitting a character', () => {
		const long = safeFileName(`${'ệ'.repeat(200)}.pdf`, 'application/pdf');
		expect(long).toHaveLength(120);
		expect(long).toBe(`${'ệ'.repeat(116)}.pdf`);

		const emoji = safeFileName(`a${'😀'.repeat(100)}.png`, 'image/png');
		expect(emoji.length).toBeLessThanOrEqual(120);
		expect(emoji).toBe(`a${'😀'.repeat(57)}.png`);
		expect(emoji.isWellFormed()).toBe(true);

		expect(safeFileName(`${'a'.repeat(115)} b.pdf`, 'application/pdf')).toBe(
			`${'a'.repeat(115)}.pdf`
		);
	});
});

// What every PDF of a Party document here shares (HD 36-HD/VPTW): the Tinos fonts (metric-
// compatible with Times New Roman, full Vietnamese), millimetres, the margins, the two-column
// header, the body's blocks (domain/document/blocks.ts) and the page numbers.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { dateLine } from '$lib/domain/commitment/document';
import type { DocBlock } from '$lib/domain/document/blocks';

export const FONT = { regular: 'serif', bold: 'serif-bold', italic: 'serif-italic' } as const;
/** HD 36 sets the body of a Party document at 13–14 pt. */
export const BODY_SIZE = 13;
export const MM = 72 / 25.4;
/**
 * Margins of Party documents (HD 36-HD/VPTW): top and bottom 20 mm, left 30 mm, right 15 mm; the
 * page numbers sit in the bottom one.
 */
export const PARTY_MARGINS = { top: 20 * MM, left: 30 * MM, right: 15 * MM, bottom: 20 * MM };
/** The first line of a paragraph of typed text is indented, as in a typed document. */
const INDENT = 10 * MM;
/** Where the text of a dashed item starts, after its dash. */
const DASH_W = 5 * MM;

/** Where the text column is: the left margin and its width. */
export interface Column {
	doc: PDFKit.PDFDocument;
	x: number;
	w: number;
}

const FONT_FILES = {
	[FONT.regular]: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
	[FONT.bold]: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
	[FONT.italic]: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf'
};

let fonts: Promise<Record<string, Buffer>> | undefined;

/** The font files, read once per process. */
export function loadPdfFonts(): Promise<Record<string, Buffer>> {
	if (fonts) return fonts;
	const require = createRequire(import.meta.url);
	fonts = Promise.all(
		Object.entries(FONT_FILES).map(
			async ([name, file]) => [name, await readFile(require.resolve(file))] as const
		)
	).then(Object.fromEntries);
	// A failed read (a broken deployment) is retried on the next request rather than cached.
	fonts.catch(() => (fonts = undefined));
	return fonts;
}

const upper = (s: string) => s.toLocaleUpperCase('vi');

/**
 * Left: the direct superior and, in bold, the issuing body, with a star under them. Right: the
 * Party's name, underlined, and the date line in italics.
 */
export function drawPartyHeader(
	{ doc, x, w }: Column,
	h: { superior: string; issuer: string; place: string; date: string }
): void {
	const top = doc.y;
	const leftW = w * 0.46;
	const rightX = x + leftW + 6;
	const rightW = w - leftW - 6;
	const center = { align: 'center' as const, width: leftW };
	doc.font(FONT.regular).fontSize(BODY_SIZE);
	doc.text(upper(h.superior), x, top, center);
	doc.font(FONT.bold).text(upper(h.issuer), x, doc.y, center);
	doc.font(FONT.regular).text('*', x, doc.y + 1, center);
	const leftBottom = doc.y;

	doc.font(FONT.bold).fontSize(14);
	const party = 'ĐẢNG CỘNG SẢN VIỆT NAM';
	doc.text(party, rightX, top, { align: 'center', width: rightW });
	const lineW = doc.widthOfString(party);
	const lineX = rightX + (rightW - lineW) / 2;
	doc
		.moveTo(lineX, doc.y + 1)
		.lineTo(lineX + lineW, doc.y + 1)
		.lineWidth(0.8)
		.stroke();
	doc.font(FONT.italic).fontSize(BODY_SIZE);
	doc.text(dateLine(h.place, h.date), rightX, doc.y + 12, { align: 'center', width: rightW });
	doc.x = x;
	doc.y = Math.max(leftBottom, doc.y) + 22;
}

/** Keeps at least `height` points on the page for what follows, else starts a new page. */
export function ensureSpace(doc: PDFKit.PDFDocument, height: number): void {
	if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

/**
 * An A4 Party document with the fonts registered, and the promise of its bytes once `doc.end()`
 * is called. `info` is the PDF's own metadata (title, subject).
 */
export async function openPartyPdf(
	margins: { top: number; left: number; right: number; bottom: number },
	info: { Title: string; Subject?: string }
): Promise<{ doc: PDFKit.PDFDocument; done: Promise<Buffer> }> {
	const files = await loadPdfFonts();
	const doc = new PDFDocument({
		size: 'A4',
		margins,
		bufferPages: true,
		lang: 'vi-VN',
		displayTitle: true,
		// The default font, instead of Helvetica (which has no Vietnamese). pdfkit accepts the
		// font's bytes here; its types only name a path.
		font: files[FONT.regular] as unknown as string,
		info: { ...info, Creator: 'camket' }
	});
	for (const [name, data] of Object.entries(files)) doc.registerFont(name, data);
	// Stacked Vietnamese diacritics (Ễ, Ậ) need air between lines.
	doc.lineGap(1.5);
	const chunks: Buffer[] = [];
	doc.on('data', (c: Buffer) => chunks.push(c));
	const done = new Promise<Buffer>((resolve, reject) => {
		doc.on('end', () => resolve(Buffer.concat(chunks)));
		doc.on('error', reject);
	});
	return { doc, done };
}

/** A bold run-in label, then the text, from `at` across `width`. */
export function runIn(
	doc: PDFKit.PDFDocument,
	label: string,
	text: string,
	at: number,
	width: number
) {
	doc.font(FONT.bold).fontSize(BODY_SIZE);
	if (!text) {
		doc.text(label, at, doc.y, { width });
		return;
	}
	// Left-aligned: pdfkit justifies the pieces of a continued text apart.
	doc.text(`${label} `, at, doc.y, { width, continued: true }).font(FONT.regular).text(text);
}

/**
 * One block of a document's body at the column's left edge. `keepWithClosing`: the height of what
 * must follow the closing sentence on its page (the signature blocks it introduces).
 */
export function drawBlock(col: Column, block: DocBlock, keepWithClosing = 0): void {
	const { doc, x, w } = col;
	doc.font(FONT.regular).fontSize(BODY_SIZE);
	switch (block.kind) {
		case 'field':
			ensureSpace(doc, BODY_SIZE * 1.5);
			runIn(doc, block.label, block.text, x, w);
			doc.y += 3;
			break;
		case 'heading':
			// A heading keeps its first lines with it.
			ensureSpace(doc, 4 * BODY_SIZE * 1.3);
			doc.y += 6;
			doc.font(FONT.bold).text(block.text, x, doc.y, { width: w });
			doc.y += 3;
			break;
		case 'paragraph':
			ensureSpace(doc, BODY_SIZE * 1.5);
			doc.text(block.text, x, doc.y, { width: w, align: 'justify', indent: INDENT });
			doc.y += 3;
			break;
		case 'item': {
			ensureSpace(doc, BODY_SIZE * 1.5);
			const at = x + INDENT;
			const y = doc.y;
			doc.text('-', at, y, { width: DASH_W, lineBreak: false });
			doc.y = y;
			const [first, ...rest] = block.lines;
			if (block.label) runIn(doc, block.label, first, at + DASH_W, w - INDENT - DASH_W);
			else doc.text(first, at + DASH_W, doc.y, { width: w - INDENT - DASH_W });
			for (const line of rest)
				doc.font(FONT.regular).text(line, at + DASH_W, doc.y, {
					width: w - INDENT - DASH_W,
					align: 'justify'
				});
			doc.y += 3;
			break;
		}
		case 'closing':
			// The closing sentence stays on the page of what it introduces.
			doc.font(FONT.italic);
			ensureSpace(
				doc,
				6 + doc.heightOfString(block.text, { width: w, indent: INDENT }) + keepWithClosing
			);
			doc.y += 6;
			doc.font(FONT.italic).text(block.text, x, doc.y, { width: w, indent: INDENT });
			break;
	}
	doc.x = x;
}

/** The page number, centred in the bottom margin, from the second page on. */
export function drawPageNumbers(doc: PDFKit.PDFDocument): void {
	const range = doc.bufferedPageRange();
	if (range.count < 2) return;
	for (let i = range.start + 1; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		// Writing below the bottom margin would otherwise start a new page.
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		doc
			.font(FONT.regular)
			.fontSize(11)
			.text(String(i - range.start + 1), 0, doc.page.height - 12 * MM, {
				width: doc.page.width,
				align: 'center',
				lineBreak: false
			});
		doc.page.margins.bottom = bottom;
	}
}

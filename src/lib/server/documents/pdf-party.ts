// What every PDF of a Party document here shares (HD 36-HD/VPTW): the Tinos fonts (metric-
// compatible with Times New Roman, full Vietnamese), millimetres, and the two-column header.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { dateLine } from '$lib/domain/commitment/document';

export const FONT = { regular: 'serif', bold: 'serif-bold', italic: 'serif-italic' } as const;
/** HD 36 sets the body of a Party document at 13–14 pt. */
export const BODY_SIZE = 13;
export const MM = 72 / 25.4;

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

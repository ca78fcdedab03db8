// The PDF of a cell meeting's minutes (biên bản sinh hoạt chi bộ), laid out as HD 36-HD/VPTW sets
// Party documents: the two-column header, the title, the body (domain/meeting/minutes.ts gathers
// it, the DOCX prints the same blocks) and the signature blocks of the clerk and the chair.
import {
	minutesBody,
	minutesTitle,
	oneLine,
	textLines,
	type MinutesBlock,
	type MinutesDocument
} from '$lib/domain/meeting/minutes';
import {
	BODY_SIZE,
	drawPartyHeader,
	ensureSpace,
	FONT,
	MM,
	openPartyPdf,
	type Column
} from '../documents/pdf-party';

// The font files of the commitment PDF (server/commitments/pdf.ts): Tinos, metrically Times New
// Roman, with Vietnamese. TODO: share one loader with it.
// Margins of Party documents (HD 36-HD/VPTW): top and bottom 20 mm, left 30 mm, right 15 mm; the
// page numbers sit in the bottom one.
const MARGINS = { top: 20 * MM, left: 30 * MM, right: 15 * MM, bottom: 20 * MM };
/** The first line of a paragraph of the cell's text is indented, as in a typed document. */
const INDENT = 10 * MM;
/** Where the text of a dashed item starts, after its dash. */
const DASH_W = 5 * MM;
/** The space left for a handwritten signature. */
const SIGNATURE_SPACE = 48;
/** The gap above the signature blocks. */
const SIGNATURES_GAP = 16;

/** The height of the signature blocks: the gap above, three lines, the signature space. */
function signaturesHeight(doc: PDFKit.PDFDocument): number {
	doc.font(FONT.bold).fontSize(BODY_SIZE);
	return SIGNATURES_GAP + 3 * doc.heightOfString('Ư') + SIGNATURE_SPACE + 2;
}

function drawHeader(col: Column, m: MinutesDocument): void {
	drawPartyHeader(col, {
		superior: oneLine(m.header.superior),
		issuer: oneLine(m.header.cell),
		place: oneLine(m.header.place),
		date: m.heldOn
	});
}

function drawTitle({ doc, x, w }: Column, m: MinutesDocument): void {
	const { title, subtitle } = minutesTitle(m);
	doc.font(FONT.bold).fontSize(15).text(title, x, doc.y, { align: 'center', width: w });
	doc.fontSize(14).text(textLines(subtitle).join(' '), x, doc.y + 2, { align: 'center', width: w });
	doc.moveDown(1.2);
}

/** A bold run-in label, then the text, from `at` across `width`. */
function runIn(doc: PDFKit.PDFDocument, label: string, text: string, at: number, width: number) {
	doc.font(FONT.bold).fontSize(BODY_SIZE);
	if (!text) {
		doc.text(label, at, doc.y, { width });
		return;
	}
	// Left-aligned: pdfkit justifies the pieces of a continued text apart.
	doc.text(`${label} `, at, doc.y, { width, continued: true }).font(FONT.regular).text(text);
}

function drawBlock(col: Column, block: MinutesBlock): void {
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
			// The closing sentence stays on the page of the signatures it introduces.
			doc.font(FONT.italic);
			ensureSpace(
				doc,
				6 + doc.heightOfString(block.text, { width: w, indent: INDENT }) + signaturesHeight(doc)
			);
			doc.y += 6;
			doc.font(FONT.italic).text(block.text, x, doc.y, { width: w, indent: INDENT });
			break;
	}
	doc.x = x;
}

/** Left: the clerk. Right: on behalf of the committee (or cell), the chair's post. */
function drawSignatures({ doc, x, w }: Column, m: MinutesDocument): void {
	ensureSpace(doc, signaturesHeight(doc));
	doc.y += SIGNATURES_GAP;
	const top = doc.y;
	const half = w / 2;
	const head = (bx: number, lines: string[]) => {
		doc.font(FONT.bold).fontSize(BODY_SIZE);
		lines.forEach((line, i) =>
			doc.text(line, bx, i === 0 ? top : doc.y, { width: half, align: 'center' })
		);
		return doc.y;
	};
	const left = head(x, ['THƯ KÝ']);
	const right = head(x + half, [m.onBehalf, m.chairPost]);
	// The two names on one line, below the space a signature takes.
	const nameY = Math.max(left, right) + SIGNATURE_SPACE;
	doc.font(FONT.bold).fontSize(BODY_SIZE);
	doc.text(oneLine(m.clerk), x, nameY, { width: half, align: 'center' });
	const leftEnd = doc.y;
	doc.text(oneLine(m.chair), x + half, nameY, { width: half, align: 'center' });
	doc.x = x;
	doc.y = Math.max(leftEnd, doc.y);
}

/** The page number, centred in the bottom margin, from the second page on. */
function drawPageNumbers(doc: PDFKit.PDFDocument): void {
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

export async function renderMinutesPdf(m: MinutesDocument): Promise<Buffer> {
	const { title, subtitle } = minutesTitle(m);
	const { doc, done } = await openPartyPdf(MARGINS, {
		Title: `${title} – ${oneLine(m.header.cell)} – ${textLines(subtitle).join(' ')}`
	});

	const col: Column = { doc, x: MARGINS.left, w: doc.page.width - MARGINS.left - MARGINS.right };
	drawHeader(col, m);
	drawTitle(col, m);
	for (const block of minutesBody(m)) drawBlock(col, block);
	drawSignatures(col, m);
	drawPageNumbers(doc);
	doc.end();
	return done;
}

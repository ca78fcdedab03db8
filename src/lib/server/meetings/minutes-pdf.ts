// The PDF of a cell meeting's minutes (biên bản sinh hoạt chi bộ), laid out as HD 36-HD/VPTW sets
// Party documents: the two-column header, the title, the body (domain/meeting/minutes.ts gathers
// it, the DOCX prints the same blocks) and the signature blocks of the clerk and the chair.
import { oneLine, textLines } from '$lib/domain/document/blocks';
import { minutesBody, minutesTitle, type MinutesDocument } from '$lib/domain/meeting/minutes';
import {
	BODY_SIZE,
	drawBlock,
	drawPageNumbers,
	drawPartyHeader,
	ensureSpace,
	FONT,
	openPartyPdf,
	PARTY_MARGINS,
	type Column
} from '../documents/pdf-party';

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

export async function renderMinutesPdf(m: MinutesDocument): Promise<Buffer> {
	const { title, subtitle } = minutesTitle(m);
	const { doc, done } = await openPartyPdf(PARTY_MARGINS, {
		Title: `${title} – ${oneLine(m.header.cell)} – ${textLines(subtitle).join(' ')}`
	});

	const col: Column = {
		doc,
		x: PARTY_MARGINS.left,
		w: doc.page.width - PARTY_MARGINS.left - PARTY_MARGINS.right
	};
	drawHeader(col, m);
	drawTitle(col, m);
	const signatures = signaturesHeight(doc);
	for (const block of minutesBody(m)) drawBlock(col, block, signatures);
	drawSignatures(col, m);
	drawPageNumbers(doc);
	doc.end();
	return done;
}

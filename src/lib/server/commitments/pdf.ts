// The PDF of a signed commitment, rendered from its stored snapshot (never from live records, so
// the document shows exactly what was signed), with the verification code and a QR code that
// opens the public verification page.
import QRCode from 'qrcode';
import { formatCode } from '$lib/domain/commitment/canonical';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import {
	drawAffirmation,
	drawArea,
	drawHeader,
	drawIdentity,
	drawSignatures,
	drawTitle,
	type PdfReview
} from './pdf-layout';
import { ensureSpace, FONT, MM, openPartyPdf, type Column } from '../documents/pdf-party';

export type { PdfReview } from './pdf-layout';

export interface CommitmentPdfInput {
	snapshot: CommitmentSnapshot;
	version: number;
	signedAt: Date;
	/** The stored verification code (12 characters, no dashes). */
	code: string;
	/** The public page the QR code opens. */
	verifyUrl: string;
	review: PdfReview | null;
}

// Built-in PDF fonts have no Vietnamese. Tinos is metrically compatible with Times New Roman, the
// face HD 36-HD/VPTW asks of Party documents, and covers Vietnamese; it is embedded (subset).
// Resolved through node's resolver from this module's location, which also works from the bundled
// server: the font package is a runtime dependency, so it stays in node_modules beside the build.
// Margins of Party documents (HD 36-HD/VPTW): left 30 mm, right 15–20 mm, top and bottom 20 mm;
// the bottom one also holds the footer.
const MARGINS = { top: 20 * MM, left: 30 * MM, right: 18 * MM, bottom: 26 * MM };

/** The QR code as vector squares: sharp at any zoom and in print, and no image to embed. */
function drawQr(doc: PDFKit.PDFDocument, text: string, x: number, y: number, size: number): void {
	const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
	const n = qr.modules.size;
	const cell = size / n;
	for (let r = 0; r < n; r++) {
		// One rectangle per run of dark modules keeps the page's content stream small.
		for (let c = 0; c < n;) {
			if (!qr.modules.get(r, c)) {
				c++;
				continue;
			}
			let end = c;
			while (end < n && qr.modules.get(r, end)) end++;
			doc.rect(x + c * cell, y + r * cell, (end - c) * cell, cell);
			c = end;
		}
	}
	doc.fillColor('black').fill();
}

function drawVerification({ doc, x, w }: Column, input: CommitmentPdfInput): void {
	const size = 72;
	ensureSpace(doc, size + 10);
	const top = doc.y;
	drawQr(doc, input.verifyUrl, x, top, size);
	const tx = x + size + 12;
	doc
		.font(FONT.bold)
		.fontSize(10)
		.text(`Mã xác thực: ${formatCode(input.code)}`, tx, top + 8, {
			width: w - size - 12
		});
	doc
		.font(FONT.regular)
		.fontSize(9.5)
		.text(
			'Bản cam kết được ký điện tử. Quét mã QR hoặc mở địa chỉ dưới đây để kiểm tra ' +
				'bản này còn nguyên vẹn, đúng với bản đã ký:',
			tx,
			doc.y + 3,
			{ width: w - size - 12 }
		)
		.fillColor('#1d4ed8')
		.text(input.verifyUrl, tx, doc.y + 1, { width: w - size - 12, link: input.verifyUrl })
		.fillColor('black');
	doc.x = x;
	doc.y = Math.max(doc.y, top + size);
}

/** The code, the address and "Trang i/n" at the foot of every page. */
function drawFooters(doc: PDFKit.PDFDocument, input: CommitmentPdfInput, col: Column): void {
	const range = doc.bufferedPageRange();
	const left = `Mã xác thực: ${formatCode(input.code)} · ${input.verifyUrl}`;
	for (let i = range.start; i < range.start + range.count; i++) {
		doc.switchToPage(i);
		// Writing below the bottom margin would otherwise start a new page.
		const bottom = doc.page.margins.bottom;
		doc.page.margins.bottom = 0;
		const y = doc.page.height - bottom + 16;
		doc
			.moveTo(col.x, y - 5)
			.lineTo(col.x + col.w, y - 5)
			.lineWidth(0.4)
			.strokeColor('#888888')
			.stroke()
			.strokeColor('black');
		doc.font(FONT.regular).fontSize(8).fillColor('#444444');
		doc.text(left, col.x, y, { width: col.w - 70, lineBreak: false });
		doc.text(`Trang ${i - range.start + 1}/${range.count}`, col.x + col.w - 70, y, {
			width: 70,
			align: 'right',
			lineBreak: false
		});
		doc.fillColor('black');
		doc.page.margins.bottom = bottom;
	}
}

export async function renderCommitmentPdf(input: CommitmentPdfInput): Promise<Buffer> {
	const s = input.snapshot;
	const { doc, done } = await openPartyPdf(MARGINS, {
		Title: `Bản cam kết tu dưỡng, rèn luyện, phấn đấu năm ${s.year} – ${s.member.full_name}`,
		Subject: `Mã xác thực ${formatCode(input.code)}`
	});

	const col: Column = {
		doc,
		x: MARGINS.left,
		w: doc.page.width - MARGINS.left - MARGINS.right
	};
	drawHeader(col, s);
	drawTitle(col, s, input.version);
	drawIdentity(col, s);
	s.areas.forEach((area, i) => drawArea(col, s, area, i));
	drawAffirmation(col, s);
	drawSignatures(col, s, input.signedAt, input.review);
	drawVerification(col, input);
	drawFooters(doc, input, col);
	doc.end();
	return done;
}

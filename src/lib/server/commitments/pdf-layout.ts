// The parts of the commitment PDF, laid out like the paper form members used to hand in (domain
// §2.1): the two-column header of a Party document, title, identity block, the four areas with
// the catalog texts and the member's own items, the affirmation and the signature blocks. The
// document is always Vietnamese: it is what the cell files, whatever language the reader uses.
import {
	catalogHeading,
	CONFIRMATION_TITLE,
	confirmationLines,
	headerUnits,
	itemText,
	PERSONAL_HEADING,
	positions,
	SUMMARY_MARK,
	type OnBehalfOf,
	type ReviewerPost
} from '$lib/domain/commitment/document';
import { BODY_SIZE, drawPartyHeader, ensureSpace, FONT, type Column } from '../documents/pdf-party';
import type {
	CommitmentSnapshot,
	SnapshotArea,
	SnapshotItem
} from '$lib/domain/commitment/snapshot';

export interface PdfReview {
	decision: 'confirmed' | 'returned';
	reviewerName: string | null;
	reviewedAt: Date;
	/** Recorded with confirmations since migration 0014; null on earlier ones and on returns. */
	post: ReviewerPost | null;
	onBehalfOf: OnBehalfOf | null;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI'];

/** 'YYYY-MM-DD' → 'dd/mm/yyyy'; an unknown date is a dotted blank as on the paper form. */
function dmy(iso: string | null): string {
	if (!iso) return '……………';
	const [y, m, d] = iso.split('-');
	return `${d}/${m}/${y}`;
}

const VN_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Asia/Ho_Chi_Minh',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

/** 'hh:mm dd/mm/yyyy' in Vietnam time, as written on the signature blocks. */
export function vnTime(d: Date): string {
	const parts = Object.fromEntries(VN_TIME.formatToParts(d).map((p) => [p.type, p.value]));
	return `${parts.hour}:${parts.minute} ${parts.day}/${parts.month}/${parts.year}`;
}

/** The header of the commitment: its cell under its superior, dated the day it was signed. */
export function drawHeader(col: Column, s: CommitmentSnapshot): void {
	const units = headerUnits(s.header);
	drawPartyHeader(col, { ...units, place: s.header.place, date: s.header.date });
}

export function drawTitle({ doc, x, w }: Column, s: CommitmentSnapshot, version: number): void {
	doc.font(FONT.bold).fontSize(15).text('BẢN CAM KẾT', x, doc.y, { align: 'center', width: w });
	doc.fontSize(14).text(`TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU NĂM ${s.year}`, x, doc.y + 2, {
		align: 'center',
		width: w
	});
	if (version > 1)
		doc
			.font(FONT.italic)
			.fontSize(BODY_SIZE)
			.text(`(Bản sửa đổi, phiên bản ${version})`, x, doc.y + 2, { align: 'center', width: w });
	doc.moveDown(1.2);
}

function field(col: Column, label: string, value: string, at: number, width: number): void {
	const { doc } = col;
	doc.font(FONT.regular).fontSize(BODY_SIZE);
	doc.text(`${label}: `, at, doc.y, { continued: true, width }).font(FONT.bold).text(value);
}

/** Two fields on one line (dates), each in its half of the column. */
function fieldPair(col: Column, a: [string, string], b: [string, string]): void {
	const { doc, x, w } = col;
	const y = doc.y;
	field(col, a[0], a[1], x, w / 2);
	const afterA = doc.y;
	doc.y = y;
	field(col, b[0], b[1], x + w / 2, w / 2);
	doc.y = Math.max(afterA, doc.y);
	doc.x = x;
}

export function drawIdentity(col: Column, s: CommitmentSnapshot): void {
	const m = s.member;
	const { doc, x, w } = col;
	const gap = () => (doc.y += 2);
	field(col, 'Họ và tên', m.full_name, x, w);
	gap();
	field(col, 'Ngày sinh', dmy(m.birth_date), x, w);
	gap();
	fieldPair(col, ['Ngày vào Đảng', dmy(m.joined_on)], ['Ngày chính thức', dmy(m.full_member_on)]);
	gap();
	field(col, 'Chức vụ', positions(m) ?? '……………', x, w);
	gap();
	field(col, 'Đơn vị công tác', m.workplace ?? '……………', x, w);
	gap();
	field(col, 'Chi bộ', s.header.cell, x, w);
	doc.moveDown(0.8);
	doc
		.font(FONT.regular)
		.text(
			`Tôi xin cam kết tu dưỡng, rèn luyện, phấn đấu năm ${s.year} với những nội dung sau:`,
			x,
			doc.y,
			{ width: w, align: 'justify' }
		);
	doc.moveDown(0.6);
}

/**
 * A numbered or bulleted line with a hanging indent: the label in the margin of its text, and a
 * mark after the text (a summary says so). The mark is part of the same run of text: pdfkit
 * justifies the pieces of a continued text apart, which spreads the last line.
 */
function hanging(col: Column, indent: number, label: string, text: string, labelW = 34, mark = '') {
	const { doc, x, w } = col;
	doc.font(FONT.regular).fontSize(BODY_SIZE);
	const textW = w - indent - labelW;
	const full = mark ? `${text} ${mark}` : text;
	ensureSpace(doc, Math.min(doc.heightOfString(full, { width: textW }), 3 * BODY_SIZE * 1.3));
	const y = doc.y;
	doc.text(label, x + indent, y, { width: labelW, lineBreak: false });
	doc.text(full, x + indent + labelW, y, { width: textW, align: 'justify' });
	doc.y += 1.5;
	doc.x = x;
}

/** The catalog items of one area, each catalog under its own heading, then by group. */
function drawCatalogItems(col: Column, s: CommitmentSnapshot, items: SnapshotItem[]): number {
	const { doc, x, w } = col;
	let n = 0;
	let catalog: string | null = null;
	let group: string | null = null;
	for (const item of items) {
		if (item.catalog !== catalog) {
			catalog = item.catalog;
			group = null;
			ensureSpace(doc, 70);
			doc.font(FONT.regular).fontSize(BODY_SIZE);
			doc.text(`${++n}. ${catalogHeading(s, item.catalog)}:`, x + 14, doc.y + 2, {
				width: w - 14,
				align: 'justify'
			});
			doc.y += 2;
		}
		if (item.group && item.group !== group) {
			group = item.group;
			ensureSpace(doc, 50);
			doc
				.font(FONT.italic)
				.fontSize(BODY_SIZE)
				.text(`${item.group}:`, x + 28, doc.y, { width: w - 28 });
			doc.y += 1;
		}
		const shown = itemText(s, item);
		hanging(col, 28, `${item.code}.`, shown.text, 34, shown.summary ? SUMMARY_MARK : '');
	}
	return n;
}

export function drawArea(col: Column, s: CommitmentSnapshot, area: SnapshotArea, i: number): void {
	const { doc, x, w } = col;
	ensureSpace(doc, 80);
	doc
		.font(FONT.bold)
		.fontSize(12)
		.text(`${ROMAN[i]}. ${area.title.toLocaleUpperCase('vi')}`, x, doc.y, {
			width: w
		});
	doc.y += 4;
	const n = drawCatalogItems(col, s, area.items);
	ensureSpace(doc, 40);
	const heading = n > 0 ? `${n + 1}. ${PERSONAL_HEADING}:` : `${PERSONAL_HEADING}:`;
	doc
		.font(FONT.regular)
		.fontSize(BODY_SIZE)
		.text(heading, x + 14, doc.y + 2, { width: w - 14 });
	doc.y += 2;
	if (area.personal.length === 0)
		doc.font(FONT.italic).text('(Không có nội dung bổ sung)', x + 28, doc.y, { width: w - 28 });
	for (const text of area.personal) hanging(col, 28, '–', text, 14);
	doc.x = x;
	doc.moveDown(0.8);
}

export function drawAffirmation({ doc, x, w }: Column, s: CommitmentSnapshot): void {
	// The affirmation stays on the page of the signatures it introduces.
	ensureSpace(doc, 170);
	doc
		.font(FONT.italic)
		.fontSize(BODY_SIZE)
		.text(s.affirmation, x, doc.y, { width: w, align: 'justify', indent: 28 });
	doc.moveDown(1);
}

/**
 * Left: the cell's confirmation ("T/M CHI ỦY", the confirmer's post and name once confirmed).
 * Right: the member's electronic signature and full name.
 */
export function drawSignatures(
	{ doc, x, w }: Column,
	s: CommitmentSnapshot,
	signedAt: Date,
	review: PdfReview | null
): void {
	ensureSpace(doc, 150);
	const top = doc.y;
	const half = w / 2;
	/** The lines above the signature space; returns where they end. */
	const head = (bx: number, lines: string[], note: string) => {
		doc.font(FONT.bold).fontSize(BODY_SIZE);
		lines.forEach((line, i) =>
			doc.text(line, bx, i === 0 ? top : doc.y, { width: half, align: 'center' })
		);
		doc
			.font(FONT.italic)
			.fontSize(11)
			.text(note, bx, doc.y + 2, { width: half, align: 'center' });
		return doc.y;
	};
	const name = (bx: number, y: number, text: string) =>
		doc.font(FONT.bold).fontSize(BODY_SIZE).text(text, bx, y, { width: half, align: 'center' });
	const confirmed = review?.decision === 'confirmed';
	const note = !review
		? '(Chưa xác nhận)'
		: confirmed
			? `(Đã xác nhận lúc ${vnTime(review.reviewedAt)})`
			: `(Chưa xác nhận: đã trả lại để bổ sung lúc ${vnTime(review.reviewedAt)})`;
	// Only a confirmation puts a post and a name in the block: they read as a signature.
	const left = head(
		x,
		[CONFIRMATION_TITLE, ...(confirmed && review ? confirmationLines(review) : [])],
		note
	);
	const right = head(x + half, ['NGƯỜI CAM KẾT'], `(Đã ký điện tử lúc ${vnTime(signedAt)})`);
	// The two names on one line, below the space a signature would take.
	const nameY = Math.max(left, right) + 34;
	if (confirmed && review?.reviewerName) name(x, nameY, review.reviewerName);
	name(x + half, nameY, s.member.full_name);
	doc.x = x;
	doc.y += 18;
}

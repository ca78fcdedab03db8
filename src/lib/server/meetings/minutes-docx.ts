// The DOCX of a cell meeting's minutes (biên bản sinh hoạt chi bộ): the same blocks as the PDF
// (domain/meeting/minutes.ts gathers them), in a document the cell can still edit before filing.
// Laid out as HD 36-HD/VPTW sets Party documents: A4, Times New Roman, the two-column header.
import {
	AlignmentType,
	Document,
	Footer,
	Packer,
	PageNumber,
	Paragraph,
	Tab,
	Table,
	TableBorders,
	TableCell,
	TableLayoutType,
	TableRow,
	TextRun,
	UnderlineType,
	WidthType,
	type IRunOptions
} from 'docx';
import { dateLine } from '$lib/domain/commitment/document';
import { oneLine, textLines, type DocBlock } from '$lib/domain/document/blocks';
import { minutesBody, minutesTitle, type MinutesDocument } from '$lib/domain/meeting/minutes';

/** Half-points: HD 36 sets the body of a Party document at 13–14 pt. */
const BODY = 26;
/** Millimetres in twips, rounded (docx's convertMillimetersToTwip truncates: A4 came out 11905 wide). */
const mm = (n: number) => Math.round((n * 1440) / 25.4);
// Margins of Party documents (HD 36-HD/VPTW): top and bottom 20 mm, left 30 mm, right 15 mm.
const SIZE = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(20), bottom: mm(20), left: mm(30), right: mm(15), footer: mm(10) };
const TEXT_W = SIZE.width - MARGIN.left - MARGIN.right;
/** The first line of a paragraph of the cell's text is indented, as in a typed document. */
const INDENT = mm(10);
/** Where the text of a dashed item starts, after its dash. */
const DASH_W = mm(5);
/** Space between the blocks of the body, in twips (3 pt). */
const AFTER = 60;

const upper = (s: string) => s.toLocaleUpperCase('vi');

const run = (text: string, options: Omit<IRunOptions, 'text'> = {}) =>
	new TextRun({ text, ...options });

function centred(runs: TextRun[], spacing: { before?: number; after?: number } = {}): Paragraph {
	return new Paragraph({ alignment: AlignmentType.CENTER, spacing, children: runs });
}

/** A table without borders whose cells are laid side by side (the header, the signatures). */
function twoColumns(left: Paragraph[], right: Paragraph[], leftShare: number): Table {
	const widths = [Math.round(TEXT_W * leftShare), TEXT_W - Math.round(TEXT_W * leftShare)];
	const cell = (children: Paragraph[], size: number) =>
		new TableCell({ children, width: { size, type: WidthType.DXA } });
	return new Table({
		width: { size: TEXT_W, type: WidthType.DXA },
		columnWidths: widths,
		layout: TableLayoutType.FIXED,
		borders: TableBorders.NONE,
		rows: [
			new TableRow({
				cantSplit: true,
				children: [cell(left, widths[0]), cell(right, widths[1])]
			})
		]
	});
}

/**
 * Left: the direct superior and, in bold, the cell, with a star under them. Right: the Party's
 * name, underlined, and the date line in italics.
 */
function header(m: MinutesDocument): Table {
	return twoColumns(
		[
			centred([run(upper(oneLine(m.header.superior)))]),
			centred([run(upper(oneLine(m.header.cell)), { bold: true })]),
			centred([run('*')])
		],
		[
			centred([
				run('ĐẢNG CỘNG SẢN VIỆT NAM', {
					bold: true,
					size: 28,
					underline: { type: UnderlineType.SINGLE }
				})
			]),
			centred([run(dateLine(oneLine(m.header.place), m.heldOn), { italics: true })], {
				before: 240
			})
		],
		0.46
	);
}

function title(m: MinutesDocument): Paragraph[] {
	const { title, subtitle } = minutesTitle(m);
	return [
		centred([run(title, { bold: true, size: 30 })], { before: 480 }),
		centred([run(textLines(subtitle).join(' '), { bold: true, size: 28 })], {
			before: 40,
			after: 360
		})
	];
}

/** A bold run-in label and the text after it. */
const runIn = (label: string | null, text: string): TextRun[] =>
	label ? [run(label, { bold: true }), ...(text ? [run(` ${text}`)] : [])] : [run(text)];

function block(b: DocBlock): Paragraph {
	switch (b.kind) {
		case 'field':
			return new Paragraph({ spacing: { after: AFTER }, children: runIn(b.label, b.text) });
		case 'heading':
			return new Paragraph({
				keepNext: true,
				spacing: { before: 120, after: AFTER },
				children: [run(b.text, { bold: true })]
			});
		case 'paragraph':
			return new Paragraph({
				alignment: AlignmentType.BOTH,
				indent: { firstLine: INDENT },
				spacing: { after: AFTER },
				children: [run(b.text)]
			});
		case 'item': {
			// The dash hangs in the indent; Word tabs to the hanging indent.
			const [first, ...rest] = b.lines;
			return new Paragraph({
				alignment: AlignmentType.BOTH,
				indent: { left: INDENT + DASH_W, hanging: DASH_W },
				spacing: { after: AFTER },
				children: [
					run('-'),
					new TextRun({ children: [new Tab()] }),
					...runIn(b.label, first),
					...rest.map((line) => run(line, { break: 1 }))
				]
			});
		}
		case 'closing':
			// Kept with the signature blocks it introduces.
			return new Paragraph({
				keepNext: true,
				keepLines: true,
				indent: { firstLine: INDENT },
				spacing: { before: 120, after: 240 },
				children: [run(b.text, { italics: true })]
			});
	}
}

/** Left: the clerk. Right: on behalf of the committee (or cell), the chair's post. */
function signatures(m: MinutesDocument): Table {
	const bold = (text: string) => run(text, { bold: true });
	// The names on one line, below the space a signature takes.
	const name = (text: string) => centred([bold(oneLine(text))], { before: 1200 });
	return twoColumns(
		[centred([bold('THƯ KÝ')]), centred([]), name(m.clerk)],
		[centred([bold(m.onBehalf)]), centred([bold(m.chairPost)]), name(m.chair)],
		0.5
	);
}

export async function renderMinutesDocx(m: MinutesDocument): Promise<Buffer> {
	const { title: docTitle, subtitle } = minutesTitle(m);
	const doc = new Document({
		creator: 'camket',
		title: `${docTitle} – ${oneLine(m.header.cell)} – ${textLines(subtitle).join(' ')}`,
		styles: {
			default: {
				document: {
					run: { font: 'Times New Roman', size: BODY, language: { value: 'vi-VN' } }
				}
			}
		},
		sections: [
			{
				properties: { page: { size: SIZE, margin: MARGIN }, titlePage: true },
				// The page number, centred at the foot, from the second page on.
				footers: {
					first: new Footer({ children: [] }),
					default: new Footer({
						children: [centred([new TextRun({ children: [PageNumber.CURRENT], size: 22 })])]
					})
				},
				children: [header(m), ...title(m), ...minutesBody(m).map(block), signatures(m)]
			}
		]
	});
	return Packer.toBuffer(doc);
}

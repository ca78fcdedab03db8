// The minutes of a cell meeting (biên bản sinh hoạt chi bộ) as the documents print them: plain
// data gathered once (server/meetings/minutes.ts), laid out by the DOCX and the PDF alike. Always
// Vietnamese: it is what the cell files, whatever language the reader uses.
import { oneLine, textLines, type DocBlock } from '../document/blocks';

export const MEETING_KINDS = ['regular', 'thematic'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

export interface MinutesDocument {
	header: {
		/** The direct superior ("ĐẢNG BỘ …"), then the cell: the top left of an HD 36 header. */
		superior: string;
		cell: string;
		/** The place of the date line ("Lâm Đồng, ngày … tháng … năm …"). */
		place: string;
	};
	kind: MeetingKind;
	/** The theme of a thematic meeting; null for a regular one. */
	topic: string | null;
	/** 'YYYY-MM-DD'. */
	heldOn: string;
	venue: string;
	chair: string;
	clerk: string;
	attendance: {
		/** Members of the cell on the roster. */
		total: number;
		present: string[];
		absent: { name: string; reason: string }[];
	};
	agenda: string;
	proceedings: string;
	/** The comments (góp ý) the meeting gave each member whose registration or reports it discussed. */
	comments: { member: string; body: string }[];
	/**
	 * At a meeting in the year-end review: the level the cell proposed for each member and the vote
	 * (as recorded on the ratings board), in Vietnamese; empty otherwise.
	 */
	ratings: { member: string; level: string; agree: number; present: number; total: number }[];
	conclusion: string;
	/** The signature blocks: the clerk's on the left; on the right "T/M CHI ỦY" (or "T/M CHI BỘ" in a cell without a committee) over the chair's post. */
	onBehalf: 'T/M CHI ỦY' | 'T/M CHI BỘ';
	chairPost: 'BÍ THƯ' | 'PHÓ BÍ THƯ' | 'CHỦ TRÌ';
}

/** "BIÊN BẢN SINH HOẠT CHI BỘ" and the line under it: the month of a regular meeting, or the theme. */
export function minutesTitle(doc: MinutesDocument): { title: string; subtitle: string } {
	const [y, m] = doc.heldOn.split('-').map(Number);
	return {
		title: 'BIÊN BẢN SINH HOẠT CHI BỘ',
		subtitle:
			doc.kind === 'regular'
				? `Sinh hoạt thường kỳ tháng ${m} năm ${y}`
				: `Sinh hoạt chuyên đề: ${doc.topic ?? ''}`
	};
}

/** What an empty section or field prints. */
export const MINUTES_NONE = 'Không có.';
export const MINUTES_CLOSING = 'Biên bản đã được thông qua tại cuộc họp.';

/** The body of the minutes, between the title and the signature blocks. */
export function minutesBody(doc: MinutesDocument): DocBlock[] {
	const [y, m, d] = doc.heldOn.split('-');
	const { total, present, absent } = doc.attendance;
	const section = (heading: string, text: string): DocBlock[] => {
		const lines = textLines(text);
		return [
			{ kind: 'heading', text: heading },
			...(lines.length ? lines : [MINUTES_NONE]).map((line): DocBlock => ({
				kind: 'paragraph',
				text: line
			}))
		];
	};
	const comments: DocBlock[] = doc.comments.map((c) => {
		const lines = textLines(c.body);
		return {
			kind: 'item',
			label: `Đồng chí ${oneLine(c.member)}:`,
			lines: lines.length ? lines : ['']
		};
	});
	return [
		{ kind: 'field', label: 'Thời gian:', text: `ngày ${d}/${m}/${y}` },
		{ kind: 'field', label: 'Địa điểm:', text: oneLine(doc.venue) },
		{ kind: 'field', label: 'Chủ trì:', text: `đồng chí ${oneLine(doc.chair)}` },
		{ kind: 'field', label: 'Thư ký:', text: `đồng chí ${oneLine(doc.clerk)}` },
		{
			kind: 'field',
			label: 'Thành phần:',
			text:
				`Tổng số đảng viên của chi bộ: ${total} đồng chí; có mặt: ${present.length} đồng chí; ` +
				`vắng mặt: ${absent.length} đồng chí.`
		},
		...absent.map((a): DocBlock => {
			const reason = textLines(a.reason).join(' ');
			return {
				kind: 'item',
				label: null,
				lines: [`đồng chí ${oneLine(a.name)}${reason ? `: ${reason}` : ''}`]
			};
		}),
		...section('I. NỘI DUNG', doc.agenda),
		...section('II. DIỄN BIẾN', doc.proceedings),
		{ kind: 'heading', text: 'III. GÓP Ý ĐỐI VỚI ĐẢNG VIÊN' },
		...(comments.length ? comments : [{ kind: 'paragraph', text: MINUTES_NONE } as const]),
		...(doc.ratings.length
			? [
					{ kind: 'heading', text: 'IV. ĐỀ XUẤT XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN' } as const,
					...doc.ratings.map((r): DocBlock => ({
						kind: 'item',
						label: `Đồng chí ${oneLine(r.member)}:`,
						lines: [
							`${r.level}; tán thành ${r.agree}/${r.present} đồng chí có mặt (tổng số ${r.total}).`
						]
					}))
				]
			: []),
		...section(doc.ratings.length ? 'V. KẾT LUẬN' : 'IV. KẾT LUẬN', doc.conclusion),
		{ kind: 'closing', text: MINUTES_CLOSING }
	];
}

// A member's self-review (bản kiểm điểm cá nhân) as its PDF prints it: plain Vietnamese data
// gathered once (server/assessments/document.ts, with the words of the codes already resolved),
// laid out as the blocks of a Party document's body (document/blocks.ts).
import { oneLine, textLines, type DocBlock } from '../document/blocks';

export interface SelfReviewDocument {
	header: {
		/** The cell's superior ("ĐẢNG BỘ …"), then the cell, then the place of the date line. */
		superior: string;
		cell: string;
		place: string;
	};
	/** "Mẫu 2B-HD KĐ.ĐG 2025", and whom the form is for. */
	formCode: string;
	subject: string;
	year: number;
	version: number;
	/** 'YYYY-MM-DD', the day the version was sent: the date line's. */
	submittedOn: string;
	member: {
		name: string;
		/** 'YYYY-MM-DD'; null when not recorded. */
		birthDate: string | null;
		partyPosition: string | null;
		governmentPosition: string | null;
		workplace: string | null;
	};
	strengths: string;
	shortcomings: string;
	remedies: string;
	/** Part B: each group of criteria with its points (or grades), and the total. */
	groups: { name: string; score: string; criteria: { name: string; score: string }[] }[];
	total: string | null;
	proposedLevel: string;
	annex: { title: string; result: string }[];
	onBehalf: boolean;
}

export const SELF_REVIEW_TITLE = 'BẢN KIỂM ĐIỂM CÁ NHÂN';
const NONE = 'Không có.';

const dmy = (iso: string) => iso.split('-').reverse().join('/');

function section(heading: string, text: string): DocBlock[] {
	const lines = textLines(text);
	return [
		{ kind: 'heading', text: heading },
		...(lines.length ? lines : [NONE]).map((line): DocBlock => ({ kind: 'paragraph', text: line }))
	];
}

/** The body between the title and the signature: who, the three parts, the points, the annex. */
export function selfReviewBody(doc: SelfReviewDocument): DocBlock[] {
	const m = doc.member;
	const optional = (v: string | null) => (v && textLines(v).length ? oneLine(v) : NONE);
	return [
		{ kind: 'field', label: 'Họ và tên:', text: oneLine(m.name) },
		{ kind: 'field', label: 'Ngày sinh:', text: m.birthDate ? dmy(m.birthDate) : NONE },
		{ kind: 'field', label: 'Chức vụ Đảng:', text: optional(m.partyPosition) },
		{
			kind: 'field',
			label: 'Chức vụ chính quyền, đoàn thể:',
			text: optional(m.governmentPosition)
		},
		{ kind: 'field', label: 'Đơn vị công tác:', text: optional(m.workplace) },
		{ kind: 'field', label: 'Sinh hoạt tại:', text: oneLine(doc.header.cell) },
		{ kind: 'heading', text: 'A. KIỂM ĐIỂM' },
		...section('I. Ưu điểm, kết quả đạt được', doc.strengths),
		...section('II. Hạn chế, khuyết điểm', doc.shortcomings),
		...section('III. Nguyên nhân và biện pháp khắc phục', doc.remedies),
		{ kind: 'heading', text: 'B. TỰ ĐÁNH GIÁ, XẾP LOẠI' },
		...doc.groups.flatMap((g, i): DocBlock[] => [
			{ kind: 'field', label: `${i + 1}. ${g.name}:`, text: g.score },
			...g.criteria.map((c): DocBlock => ({ kind: 'item', label: `${c.name}:`, lines: [c.score] }))
		]),
		...(doc.total ? [{ kind: 'field', label: 'Tổng điểm:', text: doc.total } as const] : []),
		{ kind: 'field', label: 'Tự nhận mức xếp loại:', text: doc.proposedLevel },
		{ kind: 'heading', text: 'PHỤ LỤC: KẾT QUẢ THỰC HIỆN NHIỆM VỤ TRONG NĂM' },
		...(doc.annex.length
			? doc.annex.map((a): DocBlock => ({
					kind: 'item',
					label: null,
					lines: [`${oneLine(a.title)}: ${a.result}`]
				}))
			: [{ kind: 'paragraph', text: NONE } as const]),
		...(doc.onBehalf
			? [
					{
						kind: 'closing',
						text: 'Bản kiểm điểm do chi bộ nhập thay đảng viên trên ứng dụng.'
					} as const
				]
			: [])
	];
}

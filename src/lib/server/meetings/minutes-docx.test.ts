// The minutes DOCX: a Word document (A4, Times New Roman, the margins of Party documents) whose
// text reads as the minutes of a Vietnamese cell meeting, in order, with the user's text as text.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { MinutesDocument } from '$lib/domain/meeting/minutes';
import { renderMinutesDocx } from './minutes-docx';

function sample(overrides: Partial<MinutesDocument> = {}): MinutesDocument {
	return {
		header: { superior: 'Đảng bộ phường Xuân Hương', cell: 'Chi bộ khu phố 3', place: 'Lâm Đồng' },
		kind: 'regular',
		topic: null,
		heldOn: '2026-12-07',
		venue: 'Hội trường khu phố 3',
		chair: 'Nguyễn Thị Hằng',
		clerk: 'Đặng Văn Ước',
		attendance: {
			total: 12,
			present: Array.from({ length: 10 }, (_, i) => `Đảng viên ${i + 1}`),
			absent: [
				{ name: 'Phạm Văn Lực', reason: 'đi công tác' },
				{ name: 'Lê Thị Ngỗ', reason: 'ốm' }
			]
		},
		agenda: 'Đánh giá kết quả tháng 11.\nTriển khai nhiệm vụ tháng 12: củng cố tổ chức.',
		proceedings:
			'Đồng chí Bí thư báo cáo kết quả thực hiện nghị quyết tháng 11.\r\n\r\nCác đồng chí đảng viên thảo luận.',
		comments: [
			{ member: 'Trần Văn Dũng', body: 'Hoàn thành tốt nhiệm vụ, cần phát huy.' },
			{ member: 'Võ Thị Yến', body: 'Cần tích cực hơn trong sinh hoạt.\nNộp báo cáo đúng hạn.' }
		],
		ratings: [],
		conclusion: 'Chi bộ thống nhất các nội dung đã thảo luận.',
		onBehalf: 'T/M CHI ỦY',
		chairPost: 'BÍ THƯ',
		...overrides
	};
}

const unescape = (s: string) =>
	s
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&apos;/g, "'")
		.replace(/&amp;/g, '&');

/** The document's XML and its paragraphs' text (tabs as spaces, line breaks as new lines). */
async function read(docx: Buffer): Promise<{ xml: string; paragraphs: string[]; zip: JSZip }> {
	const zip = await JSZip.loadAsync(docx);
	const xml = await zip.file('word/document.xml')!.async('string');
	const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
		unescape(
			p[0]
				.replace(/<w:tab\/>/g, ' ')
				.replace(/<w:br\/>/g, '\n')
				.replace(/<[^>]+>/g, '')
		).normalize('NFC')
	);
	return { xml, paragraphs, zip };
}

describe('renderMinutesDocx', () => {
	it('prints the header, the title, the body and the signatures in order', async () => {
		const docx = await renderMinutesDocx(sample());
		expect(docx.subarray(0, 2).toString('latin1')).toBe('PK');
		const { paragraphs } = await read(docx);
		expect(paragraphs.filter((p) => p !== '')).toEqual([
			'ĐẢNG BỘ PHƯỜNG XUÂN HƯƠNG',
			'CHI BỘ KHU PHỐ 3',
			'*',
			'ĐẢNG CỘNG SẢN VIỆT NAM',
			'Lâm Đồng, ngày 07 tháng 12 năm 2026',
			'BIÊN BẢN SINH HOẠT CHI BỘ',
			'Sinh hoạt thường kỳ tháng 12 năm 2026',
			'Thời gian: ngày 07/12/2026',
			'Địa điểm: Hội trường khu phố 3',
			'Chủ trì: đồng chí Nguyễn Thị Hằng',
			'Thư ký: đồng chí Đặng Văn Ước',
			'Thành phần: Tổng số đảng viên của chi bộ: 12 đồng chí; có mặt: 10 đồng chí; vắng mặt: 2 đồng chí.',
			'- đồng chí Phạm Văn Lực: đi công tác',
			'- đồng chí Lê Thị Ngỗ: ốm',
			'I. NỘI DUNG',
			'Đánh giá kết quả tháng 11.',
			'Triển khai nhiệm vụ tháng 12: củng cố tổ chức.',
			'II. DIỄN BIẾN',
			'Đồng chí Bí thư báo cáo kết quả thực hiện nghị quyết tháng 11.',
			'Các đồng chí đảng viên thảo luận.',
			'III. GÓP Ý ĐỐI VỚI ĐẢNG VIÊN',
			'- Đồng chí Trần Văn Dũng: Hoàn thành tốt nhiệm vụ, cần phát huy.',
			'- Đồng chí Võ Thị Yến: Cần tích cực hơn trong sinh hoạt.\nNộp báo cáo đúng hạn.',
			'IV. KẾT LUẬN',
			'Chi bộ thống nhất các nội dung đã thảo luận.',
			'Biên bản đã được thông qua tại cuộc họp.',
			'THƯ KÝ',
			'Đặng Văn Ước',
			'T/M CHI ỦY',
			'BÍ THƯ',
			'Nguyễn Thị Hằng'
		]);
	});

	it('is an A4 page in Times New Roman with the margins of Party documents', async () => {
		const { xml, zip } = await read(await renderMinutesDocx(sample()));
		// Twips: A4 is 210 × 297 mm; margins top and bottom 20 mm, left 30 mm, right 15 mm.
		expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
		const margin = /<w:pgMar ([^>]*)\/>/.exec(xml)?.[1] ?? '';
		const attr = (name: string) => Number(new RegExp(`w:${name}="(\\d+)"`).exec(margin)?.[1]);
		expect(attr('top')).toBe(1134);
		expect(attr('bottom')).toBe(1134);
		expect(attr('left')).toBe(1701);
		expect(attr('right')).toBe(850);
		const styles = await zip.file('word/styles.xml')!.async('string');
		expect(styles).toMatch(
			/<w:docDefaults>[\s\S]*w:ascii="Times New Roman"[\s\S]*<\/w:docDefaults>/
		);
		// 13 pt, in half-points.
		expect(styles).toMatch(/<w:docDefaults>[\s\S]*<w:sz w:val="26"\/>[\s\S]*<\/w:docDefaults>/);
		// The page number in the footer, from the second page on.
		expect(xml).toContain('<w:titlePg/>');
	});

	it('says so when nobody was commented on, and prints a theme and the cell-level signature', async () => {
		const { paragraphs } = await read(
			await renderMinutesDocx(
				sample({
					kind: 'thematic',
					topic: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
					comments: [],
					attendance: { total: 5, present: ['A', 'B', 'C', 'D', 'E'], absent: [] },
					onBehalf: 'T/M CHI BỘ',
					chairPost: 'PHÓ BÍ THƯ'
				})
			)
		);
		expect(paragraphs).toContain(
			'Sinh hoạt chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh'
		);
		const at = paragraphs.indexOf('III. GÓP Ý ĐỐI VỚI ĐẢNG VIÊN');
		expect(paragraphs.slice(at, at + 3)).toEqual([
			'III. GÓP Ý ĐỐI VỚI ĐẢNG VIÊN',
			'Không có.',
			'IV. KẾT LUẬN'
		]);
		expect(paragraphs.some((p) => p.startsWith('- đồng chí'))).toBe(false);
		expect(paragraphs).toContain('T/M CHI BỘ');
		expect(paragraphs).toContain('PHÓ BÍ THƯ');
	});

	it("prints the user's text as text: formulas, markup, diacritics, control characters", async () => {
		const { xml, paragraphs } = await read(
			await renderMinutesDocx(
				sample({
					proceedings:
						'=SUM(A1:A9) <b>không in đậm</b> & "trích dẫn" ]]>\nỄ Ự Ặ Ỗ ễ ự ặ ỗ\u0007\u000b',
					conclusion: '=1+1'
				})
			)
		);
		expect(paragraphs).toContain('=SUM(A1:A9) <b>không in đậm</b> & "trích dẫn" ]]>');
		expect(paragraphs).toContain('Ễ Ự Ặ Ỗ ễ ự ặ ỗ');
		expect(paragraphs).toContain('=1+1');
		// Escaped, not markup; no control character a reader would reject.
		expect(xml).not.toContain('<b>');
		expect(xml).toContain('&lt;b&gt;');
		// eslint-disable-next-line no-control-regex
		expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
	});
});

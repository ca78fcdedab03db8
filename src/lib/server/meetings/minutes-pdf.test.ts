// The minutes PDF: the text poppler extracts (as a reader's copy-paste would) reads as the minutes
// of a Vietnamese cell meeting, in order, with the diacritics intact, and a long record flows onto
// more pages without any line drawn over another.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MinutesDocument } from '$lib/domain/meeting/minutes';
import { renderMinutesPdf } from './minutes-pdf';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'camket-minutes-pdf-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

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
			'Đồng chí Bí thư báo cáo kết quả thực hiện nghị quyết tháng 11.\r\n\r\nCác đồng chí đảng viên thảo luận, góp ý: cần đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
		comments: [
			{ member: 'Trần Văn Dũng', body: 'Hoàn thành tốt nhiệm vụ, cần phát huy.' },
			{ member: 'Võ Thị Yến', body: 'Cần tích cực hơn trong sinh hoạt.\nNộp báo cáo đúng hạn.' }
		],
		ratings: [],
		conclusion: 'Chi bộ thống nhất các nội dung đã thảo luận; giao chi ủy cụ thể hóa thực hiện.',
		onBehalf: 'T/M CHI ỦY',
		chairPost: 'BÍ THƯ',
		...overrides
	};
}

async function save(pdf: Buffer, name: string): Promise<string> {
	const file = path.join(dir, name);
	await writeFile(file, pdf);
	return file;
}

/** The text of the PDF, laid out (`-layout`), page by page (split at form feeds). */
async function pagesOf(file: string): Promise<string[]> {
	const { stdout } = await run('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
	return stdout
		.normalize('NFC')
		.split('\f')
		.filter((p) => p.trim() !== '');
}

/** Runs of whitespace as one space, so wrapped sentences and the two columns read whole. */
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('renderMinutesPdf', () => {
	it('prints the header, the title, the body and the signatures in order', async () => {
		const pdf = await renderMinutesPdf(sample());
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const pages = await pagesOf(await save(pdf, 'sample.pdf'));
		expect(pages).toHaveLength(1);
		const lines = pages[0].split('\n').map((l) => l.trim().replace(/\s{2,}/g, ' | '));
		// The two columns of the header, side by side.
		expect(lines).toContain('ĐẢNG BỘ PHƯỜNG XUÂN HƯƠNG | ĐẢNG CỘNG SẢN VIỆT NAM');
		expect(lines).toContain('CHI BỘ KHU PHỐ 3');
		expect(lines.some((l) => /^\* \| Lâm Đồng, ngày 07 tháng 12 năm 2026$|^\*$/.test(l))).toBe(
			true
		);
		const text = flat(pages[0]);
		const expected = [
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
			'Đồng chí Bí thư báo cáo kết quả',
			'Hồ Chí Minh.',
			'III. GÓP Ý ĐỐI VỚI ĐẢNG VIÊN',
			'- Đồng chí Trần Văn Dũng: Hoàn thành tốt nhiệm vụ, cần phát huy.',
			'- Đồng chí Võ Thị Yến: Cần tích cực hơn trong sinh hoạt.',
			'Nộp báo cáo đúng hạn.',
			'IV. KẾT LUẬN',
			'Chi bộ thống nhất các nội dung đã thảo luận; giao chi ủy cụ thể hóa thực hiện.',
			'Biên bản đã được thông qua tại cuộc họp.',
			'THƯ KÝ T/M CHI ỦY',
			'BÍ THƯ',
			'Đặng Văn Ước Nguyễn Thị Hằng'
		];
		let at = 0;
		for (const part of expected) {
			const i = text.indexOf(part, at);
			expect(i, part).toBeGreaterThanOrEqual(at);
			at = i + part.length;
		}
		// The agenda's lines stay apart.
		expect(lines).toContain('Đánh giá kết quả tháng 11.');
	});

	it('says so when nobody was commented on, and prints a theme and the cell-level signature', async () => {
		const pdf = await renderMinutesPdf(
			sample({
				kind: 'thematic',
				topic: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh',
				comments: [],
				attendance: { total: 5, present: ['A', 'B', 'C', 'D', 'E'], absent: [] },
				onBehalf: 'T/M CHI BỘ',
				chairPost: 'PHÓ BÍ THƯ'
			})
		);
		const text = flat((await pagesOf(await save(pdf, 'thematic.pdf'))).join(' '));
		expect(text).toContain(
			'Sinh hoạt chuyên đề: Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh'
		);
		expect(text).toContain('vắng mặt: 0 đồng chí.');
		expect(text).toContain('III. GÓP Ý ĐỐI VỚI ĐẢNG VIÊN Không có. IV. KẾT LUẬN');
		expect(text).toContain('THƯ KÝ T/M CHI BỘ PHÓ BÍ THƯ');
	});

	it("prints the user's text as text: formulas, markup, diacritics", async () => {
		const pdf = await renderMinutesPdf(
			sample({
				proceedings:
					'=SUM(A1:A9) <b>không in đậm</b> & "trích dẫn"\nNGUYỄN LỰC ĐẶNG NGỖ nguyễn lực đặng ngỗ',
				conclusion: '=1+1'
			})
		);
		const text = flat((await pagesOf(await save(pdf, 'raw.pdf'))).join(' '));
		expect(text).toContain('=SUM(A1:A9) <b>không in đậm</b> & "trích dẫn"');
		// (Words, not lone letters: pdftotext runs single glyphs together.)
		expect(text).toContain('NGUYỄN LỰC ĐẶNG NGỖ nguyễn lực đặng ngỗ');
		expect(text).toContain('IV. KẾT LUẬN =1+1');
	});

	it('flows long proceedings onto more pages, the signatures after them, nothing overlapping', async () => {
		const proceedings = Array.from(
			{ length: 40 },
			(_, i) =>
				`Ý kiến thứ ${i + 1}: đồng chí Nguyễn Thị Hằng đề nghị tiếp tục củng cố, kiện toàn tổ chức, ` +
				'nâng cao chất lượng sinh hoạt chi bộ, thực hiện nghiêm nguyên tắc tập trung dân chủ, ' +
				'tự phê bình và phê bình; mỗi đảng viên phải gương mẫu, đi đầu trong mọi việc.'
		).join('\n');
		const file = await save(await renderMinutesPdf(sample({ proceedings })), 'long.pdf');
		const { stdout: info } = await run('pdfinfo', [file]);
		const count = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
		expect(count).toBeGreaterThanOrEqual(2);
		const pages = await pagesOf(file);
		expect(pages).toHaveLength(count);
		const text = flat(pages.join(' '));
		const last = text.indexOf('Ý kiến thứ 40:');
		expect(last).toBeGreaterThan(0);
		expect(text.indexOf('IV. KẾT LUẬN')).toBeGreaterThan(last);
		expect(text.indexOf('THƯ KÝ T/M CHI ỦY')).toBeGreaterThan(text.indexOf('IV. KẾT LUẬN'));
		// The signature blocks together on the last page, under the closing sentence.
		const end = flat(pages[count - 1]);
		expect(end).toMatch(
			/Biên bản đã được thông qua tại cuộc họp\. THƯ KÝ T\/M CHI ỦY BÍ THƯ Đặng Văn Ước Nguyễn Thị Hằng/
		);
		// The page number from the second page on.
		expect(pages[1].trim().split('\n').at(-1)?.trim()).toBe('2');

		// No word's box overlaps another's, and the body keeps within the margins.
		const { stdout: boxes } = await run('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-']);
		const pageXml = boxes.split('<page ').slice(1);
		expect(pageXml).toHaveLength(count);
		for (const [p, xml] of pageXml.entries()) {
			const height = Number(/height="([\d.]+)"/.exec(xml)?.[1]);
			const words = [
				...xml.matchAll(
					/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</g
				)
			].map((w) => ({ x0: +w[1], y0: +w[2], x1: +w[3], y1: +w[4], text: w[5] }));
			expect(words.length).toBeGreaterThan(0);
			const overlaps = [];
			for (let i = 0; i < words.length; i++)
				for (let j = i + 1; j < words.length; j++) {
					const a = words[i];
					const b = words[j];
					const dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
					const dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
					// Boxes include the font's ascent and descent: neighbouring lines touch a little.
					if (dx > 1 && dy > 4) overlaps.push(`page ${p + 1}: "${a.text}" / "${b.text}"`);
				}
			expect(overlaps).toEqual([]);
			const body = words.filter((w) => !/^\d+$/.test(w.text));
			expect(Math.max(...body.map((w) => w.y1))).toBeLessThan(height - 20 * (72 / 25.4) + 4);
		}
	});

	it('prints the year-end meeting’s rating proposals with their votes, before the conclusion', async () => {
		const file = await save(
			await renderMinutesPdf(
				sample({
					ratings: [
						{
							member: 'Trần Văn Dũng',
							level: 'Hoàn thành tốt nhiệm vụ',
							agree: 9,
							present: 10,
							total: 12
						}
					]
				})
			),
			'year-end.pdf'
		);
		const text = (await pagesOf(file)).join('\n').replace(/\s+/g, ' ');
		const proposals = text.indexOf('IV. ĐỀ XUẤT XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN');
		expect(proposals).toBeGreaterThan(0);
		expect(
			text.indexOf(
				'Đồng chí Trần Văn Dũng: Hoàn thành tốt nhiệm vụ; tán thành 9/10 đồng chí có mặt (tổng số 12).'
			)
		).toBeGreaterThan(proposals);
		expect(text.indexOf('V. KẾT LUẬN')).toBeGreaterThan(proposals);
	});
});

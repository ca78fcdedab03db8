// The self-review PDF: the text poppler extracts reads as a Vietnamese member's self-review, in
// order (header, form, title, identity, the three parts, the points, the proposed level, the
// annex, the signature), with the diacritics intact.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SelfReviewDocument } from '$lib/domain/assessment/document';
import { renderSelfReviewPdf } from './document';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'camket-self-review-pdf-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const sample: SelfReviewDocument = {
	header: { superior: 'Đảng bộ Sở Tài chính', cell: 'Chi bộ Phòng Ngân sách', place: 'Lâm Đồng' },
	formCode: 'Mẫu 2B-HD KĐ.ĐG 2025',
	subject: 'Cán bộ, công chức, viên chức không giữ chức vụ lãnh đạo, quản lý',
	year: 2026,
	version: 2,
	submittedOn: '2026-12-05',
	member: {
		name: 'Phạm Văn Thái',
		birthDate: '1985-03-09',
		partyPosition: 'Đảng viên',
		governmentPosition: null,
		workplace: 'Phòng Ngân sách, Sở Tài chính'
	},
	strengths: 'Hoàn thành đúng hạn các nhiệm vụ được giao.\nTích cực học tập nghị quyết.',
	shortcomings: 'Có lúc còn chậm cập nhật số liệu.',
	remedies: 'Lập kế hoạch công việc hằng tuần.',
	groups: [
		{
			name: 'Nhóm tiêu chí chung',
			score: '27/30 điểm',
			criteria: [{ name: 'Phẩm chất chính trị', score: '8/8 điểm' }]
		},
		{ name: 'Nhóm tiêu chí về kết quả thực hiện nhiệm vụ', score: '60/70 điểm', criteria: [] }
	],
	total: '87/100 điểm',
	proposedLevel: 'Hoàn thành tốt nhiệm vụ',
	annex: [{ title: 'Giải quyết hồ sơ đúng hạn', result: 'Hoàn thành đúng hạn' }],
	onBehalf: true
};

describe('the self-review PDF', () => {
	it('reads as the member’s self-review, in order, in Vietnamese', async () => {
		const file = path.join(dir, 'ban-kiem-diem.pdf');
		await writeFile(file, await renderSelfReviewPdf(sample));
		const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
		const text = stdout.replace(/\s+/g, ' ');
		// The header's two columns come out in either order.
		for (const piece of [
			'Mẫu 2B-HD KĐ.ĐG 2025',
			'ĐẢNG BỘ SỞ TÀI CHÍNH',
			'CHI BỘ PHÒNG NGÂN SÁCH',
			'ĐẢNG CỘNG SẢN VIỆT NAM',
			'Lâm Đồng, ngày 05 tháng 12 năm 2026'
		])
			expect(text).toContain(piece);
		const inOrder = [
			'BẢN KIỂM ĐIỂM CÁ NHÂN',
			'Năm 2026',
			'Họ và tên: Phạm Văn Thái',
			'Ngày sinh: 09/03/1985',
			'Chức vụ chính quyền, đoàn thể: Không có.',
			'I. Ưu điểm, kết quả đạt được',
			'Tích cực học tập nghị quyết.',
			'II. Hạn chế, khuyết điểm',
			'III. Nguyên nhân và biện pháp khắc phục',
			'B. TỰ ĐÁNH GIÁ, XẾP LOẠI',
			'1. Nhóm tiêu chí chung: 27/30 điểm',
			'Phẩm chất chính trị: 8/8 điểm',
			'Tổng điểm: 87/100 điểm',
			'Tự nhận mức xếp loại: Hoàn thành tốt nhiệm vụ',
			'PHỤ LỤC: KẾT QUẢ THỰC HIỆN NHIỆM VỤ TRONG NĂM',
			'Giải quyết hồ sơ đúng hạn: Hoàn thành đúng hạn',
			'Bản kiểm điểm do chi bộ nhập thay đảng viên trên ứng dụng.',
			'NGƯỜI TỰ KIỂM ĐIỂM',
			'(Ký, ghi rõ họ tên)',
			'Phạm Văn Thái'
		];
		let at = 0;
		for (const piece of inOrder) {
			const found = text.indexOf(piece, at);
			expect(found, `“${piece}” after position ${at}`).toBeGreaterThanOrEqual(0);
			at = found + piece.length;
		}
	});
});

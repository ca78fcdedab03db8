// The commitment PDF: a real PDF with a Times-compatible Vietnamese font embedded, shaped as a
// Party document (HD 36), whose text (extracted by poppler's pdftotext, as a reader's copy-paste
// would) reads exactly as the snapshot.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshotHash, verificationCode } from '$lib/domain/commitment/canonical';
import { buildSnapshot, type CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { sampleInput } from '../fixtures/commitment';
import { renderCommitmentPdf, type CommitmentPdfInput } from '$lib/server/commitments/pdf';

const run = promisify(execFile);
let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'camket-pdf-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

function input(overrides: Partial<CommitmentPdfInput> = {}): CommitmentPdfInput {
	const snapshot = buildSnapshot(sampleInput());
	const code = verificationCode(snapshotHash(snapshot));
	return {
		snapshot,
		version: 1,
		signedAt: new Date('2026-01-15T02:35:00Z'),
		code,
		verifyUrl: `https://camket.example.vn/verify/${code}`,
		review: {
			decision: 'confirmed',
			reviewerName: 'Trần Văn Bình',
			reviewedAt: new Date('2026-01-20T08:05:00Z'),
			post: 'cell_secretary',
			onBehalfOf: 'cell_committee'
		},
		...overrides
	};
}

/** The PDF's text, lines joined by single spaces so wrapped sentences read whole. */
async function textOf(pdf: Buffer, name: string): Promise<string> {
	const file = path.join(dir, name);
	await writeFile(file, pdf);
	const { stdout } = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
	return stdout.normalize('NFC').replace(/\s+/g, ' ');
}

describe('renderCommitmentPdf', () => {
	it('makes an A4 PDF with Tinos (Times-compatible) embedded', async () => {
		const pdf = await renderCommitmentPdf(input());
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		const file = path.join(dir, 'fonts.pdf');
		await writeFile(file, pdf);
		const { stdout: fonts } = await run('pdffonts', [file]);
		const embedded = fonts
			.split('\n')
			.slice(2)
			.filter(Boolean)
			.map((line) => line.split(/\s+/));
		expect(embedded.map((f) => f[0].replace(/^[A-Z]{6}\+/, '')).sort()).toEqual([
			'Tinos-Bold',
			'Tinos-Italic',
			'Tinos-Regular'
		]);
		// "emb" and "sub" columns: every font embedded as a subset.
		for (const f of embedded) expect(f.slice(-5, -3)).toEqual(['yes', 'yes']);
		const raw = pdf.toString('latin1');
		expect(raw).toMatch(/\/FontFile2 /);
		expect(raw).toContain('/MediaBox [0 0 595.28 841.89]');
		// No built-in font: those have no Vietnamese glyphs.
		expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
	});

	it('reads as the paper form, in correct Vietnamese', async () => {
		const i = input();
		const text = await textOf(await renderCommitmentPdf(i), 'full.pdf');
		for (const expected of [
			'ĐẢNG BỘ SỞ TÀI CHÍNH',
			'CHI BỘ PHÒNG NGÂN SÁCH',
			'ĐẢNG CỘNG SẢN VIỆT NAM',
			'Hà Nội, ngày 15 tháng 01 năm 2026',
			'BẢN CAM KẾT',
			'TU DƯỠNG, RÈN LUYỆN, PHẤN ĐẤU NĂM 2026',
			'Họ và tên: Nguyễn Thị Hường',
			'Ngày sinh: 02/03/1985',
			'Ngày vào Đảng: 19/05/2010',
			'Ngày chính thức: 19/05/2011',
			'Chức vụ: Chi ủy viên; Phó trưởng phòng',
			'1. Không để xảy ra 27 biểu hiện suy thoái (Nghị quyết số 04-NQ/TW ngày 30/10/2016):',
			'1. Không vi phạm 19 điều đảng viên không được làm (Quy định số 37-QĐ/TW ngày 25/10/2021):',
			'2. Thực hiện 5 chuẩn mực đạo đức cách mạng của cán bộ, đảng viên',
			'Đơn vị công tác: Sở Tài chính',
			'I. VỀ TƯ TƯỞNG CHÍNH TRỊ',
			'II. VỀ PHẨM CHẤT ĐẠO ĐỨC, LỐI SỐNG',
			'III. VỀ Ý THỨC TỔ CHỨC KỶ LUẬT',
			'IV. VỀ THỰC HIỆN CHỨC TRÁCH, NHIỆM VỤ ĐƯỢC GIAO',
			'Suy thoái về tư tưởng chính trị:',
			'1.1. Phai nhạt lý tưởng cách mạng; dao động, giảm sút niềm tin. (nội dung tóm tắt)',
			'14. Tham ô; đưa, nhận, môi giới hối lộ; rửa tiền. (nội dung tóm tắt)',
			'1. Yêu nước, tôn trọng Nhân dân, tuyệt đối trung thành với Đảng, với Tổ quốc. ',
			'Cam kết của cá nhân:',
			'– Giải quyết 100% hồ sơ đúng hạn.',
			'Tôi xin cam kết thực hiện nghiêm túc những nội dung trên',
			'XÁC NHẬN CỦA CHI ỦY (CHI BỘ) T/M CHI ỦY BÍ THƯ',
			'(Đã xác nhận lúc 15:05 20/01/2026)',
			'Trần Văn Bình',
			'NGƯỜI CAM KẾT',
			'(Đã ký điện tử lúc 09:35 15/01/2026)',
			`Mã xác thực: ${i.code.slice(0, 4)}-${i.code.slice(4, 8)}-${i.code.slice(8)}`,
			i.verifyUrl,
			'Trang 1/'
		])
			expect(text).toContain(expected);
		// Two levels in the header: the direct superior and the cell, not the bloc.
		expect(text).not.toContain('ĐẢNG BỘ KHỐI');
		// Official wording is not marked; no placeholder sentence anywhere.
		expect(text).not.toContain('Tổ quốc. (nội dung tóm tắt)');
		expect(text).not.toMatch(/chưa được đối chiếu/);
		// Catalog items come in the document's order, whatever order the snapshot input had.
		expect(text.indexOf('1.1. Phai')).toBeLessThan(text.indexOf('1.2. Xa rời'));
		expect(text.indexOf('IV. VỀ THỰC HIỆN')).toBeLessThan(text.indexOf('NGƯỜI CAM KẾT'));
	});

	it('says when the cell has not confirmed, or returned it, and marks amended versions', async () => {
		const none = await textOf(
			await renderCommitmentPdf(input({ review: null, version: 2 })),
			'none.pdf'
		);
		expect(none).toContain('(Chưa xác nhận)');
		expect(none).toContain('(Bản sửa đổi, phiên bản 2)');
		const returned = await textOf(
			await renderCommitmentPdf(
				input({
					review: {
						decision: 'returned',
						reviewerName: 'Trần Văn Bình',
						reviewedAt: new Date('2026-01-20T08:05:00Z'),
						post: null,
						onBehalfOf: null
					}
				})
			),
			'returned.pdf'
		);
		expect(returned).toContain('Chưa xác nhận: đã trả lại để bổ sung lúc 15:05 20/01/2026');
		expect(returned).not.toContain('Trần Văn Bình');
		expect(returned).not.toContain('T/M');
	});

	it('prints a reference by its article and regulation, and the date line as HD 36 sets it', async () => {
		const base = buildSnapshot(sampleInput());
		const snapshot: CommitmentSnapshot = {
			...base,
			header: { ...base.header, place: 'Lâm Đồng', date: '2026-03-05' },
			areas: base.areas.map((a) => ({
				...a,
				items: a.items.map((i) =>
					i.code === '14' ? { ...i, text: null, wording: 'reference' as const } : i
				)
			}))
		};
		const deputy = input({
			snapshot,
			review: {
				decision: 'confirmed',
				reviewerName: 'Lê Thị Hoa',
				reviewedAt: new Date('2026-03-06T01:00:00Z'),
				post: 'cell_deputy_secretary',
				onBehalfOf: 'cell'
			}
		});
		const text = await textOf(await renderCommitmentPdf(deputy), 'reference.pdf');
		expect(text).toContain('Lâm Đồng, ngày 05 tháng 3 năm 2026');
		expect(text).toContain('14. Nội dung theo Điều 14 Quy định số 37-QĐ/TW ngày 25/10/2021.');
		expect(text).toContain('T/M CHI BỘ PHÓ BÍ THƯ');
		expect(text).toContain('Lê Thị Hoa');
	});

	it('puts the code and page numbers on every page of a long document', async () => {
		const base = input();
		const long: CommitmentSnapshot = {
			...base.snapshot,
			areas: base.snapshot.areas.map((a) => ({
				...a,
				personal: Array.from(
					{ length: 20 },
					(_, k) => `Nội dung cam kết thứ ${k + 1}: ` + 'ư'.repeat(400)
				)
			}))
		};
		const pdf = await renderCommitmentPdf({ ...base, snapshot: long });
		const file = path.join(dir, 'long.pdf');
		await writeFile(file, pdf);
		const { stdout: info } = await run('pdfinfo', [file]);
		const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
		expect(pages).toBeGreaterThan(3);
		for (let p = 1; p <= pages; p++) {
			const { stdout } = await run('pdftotext', ['-f', String(p), '-l', String(p), file, '-']);
			expect(stdout).toContain(`Trang ${p}/${pages}`);
			expect(stdout).toContain(`Mã xác thực: ${base.code.slice(0, 4)}-`);
		}
	});
});

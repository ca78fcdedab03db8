// Files that must be refused whole or row by row, and the formats that must be accepted.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '$lib/server/imports/run';
import { buildTemplate } from '$lib/server/imports/template';
import { seedTree, type Tree } from '../fixtures/import/tree';
import {
	csv,
	day,
	MEMBER_HEADERS,
	memberRow,
	UNIT_HEADERS,
	xlsx
} from '../fixtures/import/workbooks';
import { deflated, zeros, zip, type ZipEntry } from '../fixtures/import/zip-bomb';
import { createTestDb, type TestDb } from './helpers/db';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await seedTree(t.db);
});
afterAll(async () => t?.close());

const run = (bytes: Uint8Array, fileName = 'tep.xlsx', dryRun = false) =>
	runImport(tree.orgDept, { bytes, fileName, dryRun, today: '2026-03-02' });

async function members(): Promise<number> {
	const r = await sql<{ n: number }>`select count(*)::int as n from members`.execute(t.db);
	return r.rows[0].n;
}

describe('malformed files', () => {
	it('refuses garbage, oversized, empty and .xls files with a clear message', async () => {
		const garbage = new Uint8Array(1024 * 1024).map((_, i) => (i * 7919 + 13) % 256);
		expect((await run(garbage, 'tep.bin')).fileError).toBe(
			'Tệp này không phải bảng tính .xlsx hay .csv.'
		);
		const big = new Uint8Array(10 * 1024 * 1024 + 1).fill(65);
		expect((await run(big)).fileError).toBe(
			'Tệp quá lớn (tối đa 10 MB). Đồng chí vui lòng chia thành nhiều tệp nhỏ hơn.'
		);
		expect((await run(new Uint8Array(0))).fileError).toBe('Tệp rỗng.');
		const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
		expect((await run(xls, 'cu.xls')).fileError).toMatch(/\.xls.*lưu thành \.xlsx/);
		const renamed = new TextEncoder().encode('this is not a workbook');
		expect((await run(renamed, 'tep.xlsx')).fileError).toMatch(/không phải bảng tính Excel/);
		const brokenZip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(100).fill(1)]);
		expect((await run(brokenZip)).fileError).toMatch(/Không đọc được bảng tính/);
		expect(await members()).toBe(0);
	});

	it('says which headers are missing or unknown', async () => {
		const noHeader = csv([
			['Name', 'Code'],
			['A', 'B']
		]);
		const r1 = await run(noHeader, 'x.csv');
		expect(r1.status).toBe('invalid');
		expect(r1.issues[0].message).toBe(
			'Không nhận ra dòng tiêu đề. Tệp tổ chức đảng cần các cột: Mã đơn vị, Tên đơn vị, Loại, Mã đơn vị cấp trên. ' +
				'Tệp đảng viên cần các cột: Số thẻ đảng viên, Họ và tên, Tình trạng, Mã chi bộ.'
		);
		const missing = await xlsx({
			'Đảng viên': [
				['STT', 'Số thẻ đảng viên', 'Họ và tên', 'Quê quán'],
				[1, '79.1', 'Nguyễn Văn A', 'Huế']
			]
		});
		const r2 = await run(missing);
		expect(r2.issues).toEqual([
			{
				sheet: 'Đảng viên',
				row: 1,
				column: null,
				message: 'Thiếu cột bắt buộc: Tình trạng, Mã chi bộ.'
			}
		]);
		expect(r2.notes).toEqual(['Trang "Đảng viên": bỏ qua các cột không dùng: STT, Quê quán.']);
		const named = await xlsx({ 'Tổ chức đảng': [['Mã', 'Tên']] });
		expect((await run(named)).issues[0].message).toMatch(
			/Không tìm thấy dòng tiêu đề của trang "Tổ chức đảng"/
		);
	});

	it('refuses an untouched template (no data rows) and reads its three sheets', async () => {
		const bytes = await buildTemplate();
		const wb = new ExcelJS.Workbook();
		await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
		expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổ chức đảng', 'Đảng viên', 'Hướng dẫn']);
		expect(wb.getWorksheet('Đảng viên')!.getRow(1).values).toEqual([undefined, ...MEMBER_HEADERS]);
		expect(wb.getWorksheet('Đảng viên')!.actualRowCount).toBe(1);
		expect((await run(bytes)).fileError).toBe(
			'Tệp không có dòng dữ liệu nào (chỉ có dòng tiêu đề).'
		);
	});

	it('refuses cells holding formulas in imported columns, not in ignored ones', async () => {
		const bytes = await xlsx({
			'Đảng viên': [
				['STT', ...MEMBER_HEADERS],
				[
					{ formula: 'ROW()-1', result: 1 },
					...memberRow({ card: '79.9001', name: 'Lê Văn An', cell: 'CB11' })
				],
				[
					{ formula: 'ROW()-1', result: 2 },
					...memberRow({ card: '79.9002', name: '', cell: 'CB11' }).map((c, i) =>
						i === 1 ? { formula: 'UPPER("x")', result: 'X' } : c
					)
				]
			]
		});
		const r = await run(bytes);
		expect(r.issues).toEqual([
			{
				sheet: 'Đảng viên',
				row: 3,
				column: 'Họ và tên (C)',
				message: 'Ô chứa công thức. Hãy sao chép và dán giá trị (Paste Values) thay cho công thức.'
			}
		]);
		expect(await members()).toBe(0);
	});

	it('refuses too many rows, saying the limit', async () => {
		const rows = [
			MEMBER_HEADERS,
			...Array.from({ length: 50_020 }, (_, i) => [`9${i}`.padStart(6, '0'), 'Tên Thử'])
		];
		const r = await run(csv(rows), 'lon.csv');
		expect(r.fileError).toBe('Tệp có quá nhiều dòng: tối đa 50.000 dòng dữ liệu mỗi lần nhập.');
	});

	it('refuses a CSV that is not UTF-8', async () => {
		// "Họ và tên" in Windows-1258 bytes is not valid UTF-8.
		const bytes = new Uint8Array([
			0x48, 0x6f, 0xd2, 0x20, 0x76, 0xe0, 0x20, 0x74, 0xea, 0x6e, 0x0d, 0x0a
		]);
		expect((await run(bytes, 'x.csv')).fileError).toMatch(/UTF-8/);
	});
});

describe('zip bombs', () => {
	const MiB = 1024 * 1024;
	const honest = (name: string, text: string): ZipEntry => ({
		name,
		data: deflated(text),
		deflated: true,
		size: new TextEncoder().encode(text).length
	});
	const types = honest(
		'[Content_Types].xml',
		'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
	);
	const sheet = (mib: number, declared: number): ZipEntry => ({
		name: 'xl/worksheets/sheet1.xml',
		data: zeros(mib),
		deflated: true,
		size: declared
	});

	/** The report, and how far the process's resident memory rose above where it was (MiB). */
	async function measured(bytes: Uint8Array) {
		const base = process.memoryUsage().rss;
		let peak = base;
		const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
		const timer = setInterval(sample, 1);
		try {
			const report = await run(bytes);
			sample();
			return { report, growth: (peak - base) / MiB };
		} finally {
			clearInterval(timer);
		}
	}

	const LIES =
		'Tệp .xlsx bị hỏng hoặc bị sửa bất thường: dữ liệu bên trong lớn hơn kích thước tệp khai báo. Đồng chí vui lòng mở tệp bằng Excel và lưu lại, hoặc dùng tệp mẫu.';

	it('refuses entries that unzip to more than they declare, and memory stays flat', async () => {
		// 300 MiB of zeros in under half a megabyte, declared as 1 KiB.
		const lying = zip([types, sheet(300, 1024)]);
		expect(lying.length).toBeLessThan(MiB / 2);
		const { report, growth } = await measured(lying);
		expect(report.fileError).toBe(LIES);
		expect(growth).toBeLessThan(48);
		// Each entry's claim is small and their sum too, but one of them lies.
		const many = zip([
			types,
			...Array.from({ length: 20 }, (_, i) => ({ ...sheet(50, 4096), name: `xl/media/i${i}.png` }))
		]);
		const second = await measured(many);
		expect(second.report.fileError).toBe(LIES);
		expect(second.growth).toBeLessThan(48);
		// A stored (uncompressed) entry longer than it says.
		const stored = zip([
			types,
			{ name: 'xl/workbook.xml', data: new Uint8Array(4096), deflated: false, size: 10 }
		]);
		expect((await run(stored)).fileError).toBe(LIES);
		expect(await members()).toBe(0);
	});

	it('refuses an honest entry that unzips past 100 MB, without unzipping it', async () => {
		// A thousand to one: 150 MiB of zeros, and the archive says so.
		const { report, growth } = await measured(zip([types, sheet(150, 150 * MiB)]));
		expect(report.fileError).toBe(
			'Bảng tính khi giải nén lớn hơn 100 MB, quá mức một lần nhập. Đồng chí vui lòng chia thành nhiều tệp nhỏ hơn.'
		);
		expect(growth).toBeLessThan(48);
	});
});

describe('row validation', () => {
	it('reports every bad cell by sheet, row and column, and writes nothing', async () => {
		const bytes = await xlsx({
			'Tổ chức đảng': [
				UNIT_HEADERS,
				['CB15', 'Chi bộ Phòng Pháp chế', 'Chi bộ', 'DBCS1'],
				['CB 16', 'X', 'Chi bộ trực thuộc', 'DBCS1']
			],
			'Đảng viên': [
				MEMBER_HEADERS,
				memberRow({
					card: '79.8001',
					name: 'Ngô Văn Tư',
					cell: 'CB11',
					birth: '31/02/1990',
					gender: 'X'
				}),
				memberRow({
					card: '79.8002',
					name: '',
					cell: 'CB11',
					status: 'Đã chết',
					email: 'khong-hop-le'
				}),
				memberRow({
					card: '79.8003',
					name: 'Bùi Thị Năm',
					cell: 'CB11',
					birth: day('1990-01-01'),
					joined: '01/01/1989'
				}),
				memberRow({ card: '79.8001', name: 'Ngô Văn Tư', cell: 'CB11' })
			]
		});
		const r = await run(bytes);
		expect(r.status).toBe('invalid');
		const seen = r.issues.map((i) => `${i.sheet}|${i.row}|${i.column}|${i.message}`);
		expect(seen).toEqual([
			'Tổ chức đảng|2|Loại (C)|Giá trị không hợp lệ. Chọn một trong: Đảng bộ cơ sở; Chi bộ cơ sở; Đảng bộ bộ phận; Chi bộ trực thuộc.',
			'Tổ chức đảng|3|Mã đơn vị (A)|Mã chỉ gồm chữ không dấu, chữ số và các dấu . _ - (tối đa 32 ký tự).',
			'Tổ chức đảng|3|Tên đơn vị (B)|Cần ít nhất 2 ký tự.',
			'Đảng viên|2|Giới tính (D)|Giá trị không hợp lệ. Chọn một trong: Nam; Nữ.',
			'Đảng viên|2|Ngày sinh (C)|Ngày không hợp lệ (định dạng ngày/tháng/năm).',
			'Đảng viên|3|Tình trạng (G)|Giá trị không hợp lệ. Chọn một trong: Chính thức; Dự bị; Miễn công tác và sinh hoạt đảng; Đình chỉ sinh hoạt đảng.',
			'Đảng viên|3|Họ và tên (B)|Vui lòng nhập thông tin này.',
			'Đảng viên|3|Email (N)|Địa chỉ email không hợp lệ.',
			'Đảng viên|4|Ngày vào Đảng (E)|Người vào Đảng phải đủ 18 tuổi (Điều lệ Đảng): với ngày sinh này, ngày vào Đảng sớm nhất là 01/01/2008.',
			'Đảng viên|5|Số thẻ đảng viên (A)|Số thẻ đảng viên trùng với dòng 2.'
		]);
		expect(r.issueCount).toBe(10);
		expect(await members()).toBe(0);
	});

	it('refuses duplicate unit codes, loops and misplaced kinds', async () => {
		const bytes = await xlsx({
			'Tổ chức đảng': [
				UNIT_HEADERS,
				['A1', 'Đảng bộ bộ phận A', 'Đảng bộ bộ phận', 'B1'],
				['B1', 'Đảng bộ bộ phận B', 'Đảng bộ bộ phận', 'A1'],
				['C1', 'Chi bộ C', 'Chi bộ trực thuộc', 'KCQ'],
				['C1', 'Chi bộ C lặp', 'Chi bộ trực thuộc', 'DBCS1']
			]
		});
		const r = await run(bytes);
		expect(r.issues.map((i) => [i.row, i.message])).toEqual([
			[2, 'Đơn vị cấp trên tạo thành vòng lặp (một đơn vị không thể nằm dưới chính nó).'],
			[3, 'Đơn vị cấp trên tạo thành vòng lặp (một đơn vị không thể nằm dưới chính nó).'],
			[4, 'Chi bộ trực thuộc không thể trực thuộc Đảng bộ Khối.'],
			[5, 'Mã đơn vị trùng với dòng 4.']
		]);
		const misfit = await xlsx({
			'Tổ chức đảng': [UNIT_HEADERS, ['C1', 'Chi bộ C', 'Chi bộ trực thuộc', 'KCQ']]
		});
		expect((await run(misfit)).issues[0]).toMatchObject({
			column: 'Loại (C)',
			message: 'Chi bộ trực thuộc không thể trực thuộc Đảng bộ Khối.'
		});
	});
});

describe('the text rule in every cell', () => {
	it('refuses control, direction and invisible-only cells by row and column, dry run and apply alike', async () => {
		// exceljs reads the OOXML escape _x0000_ as a NUL character, as Excel does.
		const NUL = '_x0000_';
		const bytes = await xlsx({
			'Tổ chức đảng': [
				UNIT_HEADERS,
				['CB17', `Chi bộ${NUL} Phòng Pháp chế`, 'Chi bộ trực thuộc', 'DBCS1']
			],
			'Đảng viên': [
				MEMBER_HEADERS,
				[
					...memberRow({ card: '79.8101', name: `Lê Văn${NUL} Ba`, cell: 'CB11' }).slice(0, 11),
					`Sở\u202E Tài chính`,
					null,
					null
				],
				memberRow({
					card: '79.8102',
					name: '\u200B\u200B',
					cell: 'CB11',
					email: `ba${NUL}@example.vn`
				}),
				memberRow({ card: `79.81${NUL}03`, name: 'Lê Thị Tư', cell: 'CB11', gender: `Nữ${NUL}` })
			]
		});
		const expected = [
			'Tổ chức đảng|2|Tên đơn vị (B)|Có ký tự điều khiển',
			'Đảng viên|2|Họ và tên (B)|Có ký tự điều khiển',
			'Đảng viên|2|Đơn vị công tác (L)|Có ký tự đảo chiều văn bản',
			'Đảng viên|3|Họ và tên (B)|Nội dung chỉ gồm khoảng trắng hoặc ký tự ẩn',
			'Đảng viên|3|Email (N)|Có ký tự điều khiển',
			'Đảng viên|4|Số thẻ đảng viên (A)|Có ký tự điều khiển',
			'Đảng viên|4|Giới tính (D)|Có ký tự điều khiển'
		];
		for (const dryRun of [true, false]) {
			const r = await run(bytes, 'tep.xlsx', dryRun);
			expect(r.status).toBe('invalid');
			expect(r.fileError).toBeNull();
			const seen = r.issues.map((i) => `${i.sheet}|${i.row}|${i.column}|${i.message}`);
			expect(seen.map((line) => line.slice(0, line.lastIndexOf('|') + 1))).toEqual(
				expected.map((line) => line.slice(0, line.lastIndexOf('|') + 1))
			);
			seen.forEach((line, i) => expect(line).toContain(expected[i]));
		}
		expect(await members()).toBe(0);
	});
});

describe('cells a spreadsheet would take for formulas', () => {
	const formulaLike = (sign: string) =>
		`Ô bắt đầu bằng dấu "${sign}" nên phần mềm bảng tính sẽ hiểu là công thức. Đồng chí vui lòng bỏ dấu này ở đầu ô.`;
	// Each form in a different column; the phone column takes +84 but not the others.
	const forms: [column: number, header: string, value: string, sign: string][] = [
		[1, 'Họ và tên (B)', '=HYPERLINK("http://x.example","Bấm")', '='],
		[8, 'Chức vụ đảng (I)', '  =1+1', '='],
		[9, 'Chức vụ chính quyền (J)', '\t=1+1', '='],
		[10, 'Chức vụ đoàn thể (K)', "+cmd|' /C calc'!A0", '+'],
		[11, 'Đơn vị công tác (L)', "-2+3+cmd|' /C calc'!A0", '-'],
		[13, 'Email (N)', "@SUM(1+1)*cmd|' /C calc'!A0", '@'],
		[12, 'Điện thoại (M)', '=0912345678', '='],
		[3, 'Giới tính (D)', '-Nam', '-'],
		[2, 'Ngày sinh (C)', ' +05/09/1985', '+']
	];
	const rows = forms.map(([column, , value], i) =>
		memberRow({ card: `79.96${String(i).padStart(2, '0')}`, name: 'Lê Văn Hai', cell: 'CB11' }).map(
			(c, j) => (j === column ? value : c)
		)
	);
	const expected = forms.map(
		([, header, , sign], i) => `Đảng viên|${i + 2}|${header}|${formulaLike(sign)}`
	);

	it('refuses each form at its row and column, in XLSX and CSV, dry run and apply alike', async () => {
		const book = await xlsx({ 'Đảng viên': [MEMBER_HEADERS, ...rows] });
		const text = csv([
			MEMBER_HEADERS,
			...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))
		]);
		for (const [bytes, name] of [
			[book, 'tep.xlsx'],
			[text, 'tep.csv']
		] as const)
			for (const dryRun of [true, false]) {
				const r = await run(bytes, name, dryRun);
				const sheet = name.endsWith('.csv') ? 'CSV' : 'Đảng viên';
				expect(
					r.issues.map((i) => `${i.sheet}|${i.row}|${i.column}|${i.message}`),
					`${name} ${dryRun}`
				).toEqual(expected.map((line) => line.replace('Đảng viên', sheet)));
			}
		expect(await members()).toBe(0);
	});

	it('takes a phone number written with +84', async () => {
		const row = memberRow({
			card: '79.9701',
			name: 'Lê Văn Ba',
			cell: 'CB11',
			phone: '+84 912 345 678'
		});
		const r = await run(await xlsx({ 'Đảng viên': [MEMBER_HEADERS, row] }), 'tep.xlsx', true);
		expect(r.issues).toEqual([]);
		expect(r.status).toBe('checked');
	});
});

describe('a malformed CSV', () => {
	it('is named a CSV problem, with the line of the quote that does not match', async () => {
		const text = (lines: string[]) => new TextEncoder().encode(lines.join('\r\n') + '\r\n');
		const header = MEMBER_HEADERS.slice(0, 8).join(',');
		const unclosed = text([
			header,
			'79.9801,Lê Văn An,,,,,Chính thức,CB11',
			'79.9802,"Lê Văn Bình,,,,,,Chính thức,CB11',
			'79.9803,Lê Văn Cư,,,,,Chính thức,CB11'
		]);
		const stray = text([header, '79.9801,"Lê Văn" An,,,,,Chính thức,CB11']);
		for (const [bytes, line] of [
			[unclosed, 3],
			[stray, 2]
		] as const) {
			const r = await run(bytes, 'dv.csv', true);
			expect(r.fileError).toBe(
				`Không đọc được tệp CSV: dấu ngoặc kép (") ở dòng ${line} không khớp. Ô có dấu phẩy, dấu chấm phẩy hoặc xuống dòng phải nằm trong một cặp ngoặc kép, và dấu ngoặc kép bên trong ô phải viết thành hai dấu ("").`
			);
			expect(r.fileError).not.toMatch(/xlsx/);
		}
	});
});

// Last: these imports write members, which the refusals above check never happened.
describe.sequential('accepted formats', () => {
	it('imports a CSV with a BOM, loose headers and text dates', async () => {
		const rows = [
			[
				'so the dang vien',
				'HỌ VÀ TÊN',
				'Ngày Sinh',
				'gioi tinh',
				'Ngày vào đảng',
				'Tinh trang',
				'Mã Chi Bộ',
				'Điện thoại'
			],
			['79.7001', 'Đặng Thị Thu', '7/3/1988', 'nu', '2015-02-03', 'Dự bị', 'CB12', '0912 000 111'],
			['79.7002', 'Hoàng Văn Tâm', '1979-12-31', 'Nam', '03.02.2001', 'chinh thuc', 'CB12', '']
		];
		const r = await run(csv(rows, { bom: true }), 'dv.csv');
		expect(r.issues).toEqual([]);
		expect(r.status).toBe('applied');
		expect(r.counts.members.create).toBe(2);
		const thu = await t.db
			.selectFrom('members')
			.select(['full_name', 'birth_date', 'gender', 'joined_on', 'phone'])
			.where('card_no', '=', '79.7001')
			.executeTakeFirstOrThrow();
		expect(thu).toEqual({
			full_name: 'Đặng Thị Thu',
			birth_date: '1988-03-07',
			gender: 'female',
			joined_on: '2015-02-03',
			phone: '0912 000 111'
		});
	});

	it('reads semicolon CSV, decomposed Vietnamese and Excel date serials', async () => {
		const decomposed = 'Phạm Văn Lộc'.normalize('NFD');
		const units = csv(
			[
				['Mã đơn vị', 'Tên đơn vị', 'Loại', 'Mã đơn vị cấp trên'],
				['CB17', 'Chi bộ Phòng Đầu tư', 'cell', 'DBCS1']
			],
			{ delimiter: ';' }
		);
		expect((await run(units, 'units.csv')).counts.units.create).toBe(1);
		const bytes = await xlsx({
			'Đảng viên': [
				MEMBER_HEADERS,
				memberRow({ card: '79.7003', name: decomposed, cell: 'CB17', birth: 32874 })
			]
		});
		const r = await run(bytes);
		expect(r.issues).toEqual([]);
		const loc = await t.db
			.selectFrom('members')
			.select(['full_name', 'birth_date'])
			.where('card_no', '=', '79.7003')
			.executeTakeFirstOrThrow();
		expect(loc).toEqual({ full_name: 'Phạm Văn Lộc'.normalize('NFC'), birth_date: '1990-01-01' });
	});
});

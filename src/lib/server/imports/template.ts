// The downloadable template: one sheet per kind with the header row only (no example rows that
// could be imported by accident) and a guide sheet explaining every column.
import ExcelJS from 'exceljs';
import { columnLetter } from './headers';
import {
	COLUMNS,
	GENDER_LABELS,
	GUIDE_SHEET,
	SHEET_NAMES,
	STATUS_LABELS,
	UNIT_KIND_LABELS,
	type Column
} from './columns';
import { MAX_BYTES, MAX_ROWS, type SheetKind } from './types';

// Drop-down lists cover this many rows; more rows can still be typed.
const LIST_ROWS = 5000;

const GUIDE: Record<string, string> = {
	code: 'Mã duy nhất của đơn vị, như trong CSDL đảng viên. Chữ không dấu, chữ số, dấu . _ - (tối đa 32 ký tự).',
	name: 'Tên đầy đủ, ví dụ "Chi bộ Phòng Tổng hợp" (2–200 ký tự).',
	kind: `Một trong: ${UNIT_KIND_LABELS.join('; ')}.`,
	parent_code:
		'Mã của đơn vị cấp trên: một đơn vị đã có trong hệ thống hoặc một dòng khác trong tệp (trước hay sau đều được). Đảng bộ cơ sở và chi bộ cơ sở trực thuộc Đảng bộ Khối; đảng bộ bộ phận trực thuộc đảng bộ cơ sở; chi bộ trực thuộc thuộc đảng bộ cơ sở hoặc đảng bộ bộ phận.',
	card_no:
		'Số thẻ đảng viên (4–20 ký tự: chữ số, chữ, dấu chấm, gạch ngang). Dùng để nhận biết đảng viên khi nhập lại và làm tên đăng nhập.',
	full_name: 'Họ và tên đầy đủ, có dấu.',
	birth_date:
		'Ngày/tháng/năm (dd/mm/yyyy), ví dụ 05/09/1985. Từ năm 1901, và đảng viên phải đủ 18 tuổi.',
	gender: `${GENDER_LABELS.join(' hoặc ')}.`,
	joined_on:
		'Ngày vào Đảng (dd/mm/yyyy): khi đã đủ 18 tuổi (Điều lệ Đảng), không trước ngày thành lập Đảng 03/02/1930.',
	full_member_on:
		'Ngày chính thức (dd/mm/yyyy); không trước ngày vào Đảng. Để trống nếu đang là đảng viên dự bị.',
	status: `Một trong: ${STATUS_LABELS.join('; ')}. Đổi tình trạng khi nhập lại sẽ ghi lịch sử tình trạng.`,
	cell_code:
		'Mã của chi bộ trực thuộc hoặc chi bộ cơ sở nơi đảng viên sinh hoạt. Đổi mã này khi nhập lại là chuyển sinh hoạt đảng (tính từ ngày nhập).',
	party_position: 'Ví dụ: Bí thư chi bộ, Phó Bí thư, Chi ủy viên.',
	government_position: 'Ví dụ: Trưởng phòng, Chuyên viên.',
	mass_org_position: 'Ví dụ: Chủ tịch Công đoàn, Bí thư Đoàn.',
	workplace: 'Cơ quan, đơn vị nơi đảng viên công tác.',
	phone:
		'Số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc +84 912 345 678 (nên định dạng ô là Văn bản để giữ số 0 đầu).',
	email: 'Địa chỉ thư điện tử.'
};

function addDataSheet(wb: ExcelJS.Workbook, kind: SheetKind): void {
	const ws = wb.addWorksheet(SHEET_NAMES[kind], { views: [{ state: 'frozen', ySplit: 1 }] });
	ws.columns = COLUMNS[kind].map((c) => ({
		header: c.header,
		key: c.key,
		width: c.type === 'text' ? 28 : Math.max(14, c.header.length + 4),
		// Text format keeps leading zeros in codes and phone numbers; dates get dd/mm/yyyy.
		style: { numFmt: c.type === 'date' ? 'dd/mm/yyyy' : c.type === 'text' ? 'General' : '@' }
	}));
	const header = ws.getRow(1);
	header.font = { bold: true };
	header.alignment = { vertical: 'middle', wrapText: true };
	// exceljs writes a range key as one <dataValidation sqref="C2:C5001">; cell by cell would
	// be thousands of entries. The range API is missing from its typings.
	const validations = (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
	COLUMNS[kind].forEach((c, i) => {
		const list = listFor(c);
		if (!list) return;
		const letter = columnLetter(i);
		validations.add(`${letter}2:${letter}${LIST_ROWS + 1}`, {
			type: 'list',
			allowBlank: !c.required,
			formulae: [`"${list.join(',')}"`],
			showErrorMessage: true,
			errorTitle: c.header,
			error: `Chọn một trong: ${list.join('; ')}`
		});
	});
}

interface RangeValidations {
	add(range: string, validation: ExcelJS.DataValidation): void;
}

function listFor(c: Column): string[] | undefined {
	if (c.key === 'kind') return UNIT_KIND_LABELS;
	if (c.key === 'gender') return GENDER_LABELS;
	if (c.key === 'status') return STATUS_LABELS;
	return undefined;
}

function addGuide(wb: ExcelJS.Workbook): void {
	const ws = wb.addWorksheet(GUIDE_SHEET);
	ws.columns = [
		{ header: 'Trang tính', width: 16 },
		{ header: 'Cột', width: 24 },
		{ header: 'Bắt buộc', width: 10 },
		{ header: 'Nội dung, giá trị cho phép', width: 90 }
	];
	ws.getRow(1).font = { bold: true };
	for (const kind of ['units', 'members'] as const)
		for (const c of COLUMNS[kind])
			ws.addRow([SHEET_NAMES[kind], c.header, c.required ? 'Có' : '', GUIDE[c.key] ?? '']);
	ws.addRow([]);
	for (const line of [
		'Mỗi trang tính có đúng một dòng tiêu đề ở dòng 1; dữ liệu bắt đầu từ dòng 2. Không có dòng ví dụ: mọi dòng có dữ liệu đều được nhập.',
		'Có thể chỉ điền một trong hai trang. Tệp CSV (UTF-8) chứa một trong hai bảng, nhận biết theo dòng tiêu đề.',
		'Ngày viết dd/mm/yyyy (ví dụ 19/05/1990) hoặc dùng ô kiểu ngày của Excel.',
		'Không dùng công thức: hãy dán giá trị; ô cũng không được bắt đầu bằng dấu = + - @ (phần mềm bảng tính hiểu là công thức). Cột không có trong danh sách trên (ví dụ STT) được bỏ qua.',
		'Cột vắng mặt thì giữ nguyên dữ liệu đã có; cột có mặt nhưng ô để trống thì xóa giá trị đó.',
		'Hệ thống kiểm tra mọi dòng trước; chỉ ghi khi tất cả đều hợp lệ. Nhập lại cùng tệp không thay đổi gì.',
		`Giới hạn: ${MAX_BYTES / 1024 / 1024} MB và ${MAX_ROWS.toLocaleString('vi-VN')} dòng dữ liệu mỗi lần nhập.`
	])
		ws.addRow(['', '', '', line]);
	ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

export async function buildTemplate(): Promise<Uint8Array<ArrayBuffer>> {
	const wb = new ExcelJS.Workbook();
	wb.creator = 'camket';
	addDataSheet(wb, 'units');
	addDataSheet(wb, 'members');
	addGuide(wb);
	// exceljs returns a Node Buffer typed as its own ArrayBuffer-like interface.
	return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

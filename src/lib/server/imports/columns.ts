// The columns of the two sheets: Vietnamese headers (as in the template and the national member
// database's exports), matched without regard to diacritics, case or punctuation.
import type { SheetKind } from './types';

export type CellType = 'text' | 'code' | 'date' | 'phone' | 'choice';

export interface Column {
	key: string;
	header: string;
	/** Other spellings seen in exports, folded. */
	aliases: string[];
	type: CellType;
	required: boolean;
}

const col = (
	key: string,
	header: string,
	type: CellType,
	required: boolean,
	aliases: string[] = []
): Column => ({ key, header, type, required, aliases });

export const UNIT_COLUMNS: Column[] = [
	col('code', 'Mã đơn vị', 'code', true, ['ma to chuc', 'ma to chuc dang', 'ma don vi dang']),
	col('name', 'Tên đơn vị', 'text', true, ['ten to chuc', 'ten to chuc dang', 'ten don vi dang']),
	col('kind', 'Loại', 'choice', true, ['loai don vi', 'loai to chuc', 'loai to chuc dang']),
	col('parent_code', 'Mã đơn vị cấp trên', 'code', true, ['ma cap tren', 'ma to chuc cap tren'])
];

export const MEMBER_COLUMNS: Column[] = [
	col('card_no', 'Số thẻ đảng viên', 'code', true, ['so the', 'so the dv', 'the dang vien']),
	col('full_name', 'Họ và tên', 'text', true, ['ho ten', 'ho ten dang vien', 'ten dang vien']),
	col('birth_date', 'Ngày sinh', 'date', false, ['ngay thang nam sinh']),
	col('gender', 'Giới tính', 'choice', false),
	col('joined_on', 'Ngày vào Đảng', 'date', false, ['ngay ket nap', 'ngay vao dang du bi']),
	col('full_member_on', 'Ngày chính thức', 'date', false, ['ngay vao dang chinh thuc']),
	col('status', 'Tình trạng', 'choice', true, ['trang thai', 'tinh trang dang vien']),
	col('cell_code', 'Mã chi bộ', 'code', true, ['ma chi bo sinh hoat']),
	col('party_position', 'Chức vụ đảng', 'text', false, ['chuc vu dang uy']),
	col('government_position', 'Chức vụ chính quyền', 'text', false, ['chuc vu chinh quyen']),
	col('mass_org_position', 'Chức vụ đoàn thể', 'text', false),
	col('workplace', 'Đơn vị công tác', 'text', false, ['noi cong tac', 'co quan cong tac']),
	col('phone', 'Điện thoại', 'phone', false, ['so dien thoai', 'dien thoai di dong']),
	col('email', 'Email', 'text', false, ['thu dien tu', 'dia chi email', 'e mail'])
];

export const COLUMNS: Record<SheetKind, Column[]> = {
	units: UNIT_COLUMNS,
	members: MEMBER_COLUMNS
};

/** A column's header as the template writes it (for a column the file does not have). */
export const headerOf = (kind: SheetKind, key: string): string =>
	COLUMNS[kind].find((c) => c.key === key)?.header ?? key;

export const SHEET_NAMES: Record<SheetKind, string> = {
	units: 'Tổ chức đảng',
	members: 'Đảng viên'
};
export const GUIDE_SHEET = 'Hướng dẫn';

/** "Số thẻ Đảng viên (*)" → "so the dang vien": NFD without marks, đ → d, lower case, no punctuation. */
export function fold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, ' ')
		.trim();
}

const lookup = new Map<string, { kind: SheetKind; column: Column }>();
for (const kind of ['units', 'members'] as const)
	for (const column of COLUMNS[kind])
		for (const name of [fold(column.header), ...column.aliases.map(fold)])
			lookup.set(`${kind}:${name}`, { kind, column });

export function findColumn(kind: SheetKind, header: string): Column | undefined {
	return lookup.get(`${kind}:${fold(header)}`)?.column;
}

/** Which kind a sheet name announces ("Đảng viên", "dang vien", …), if any. */
export function kindFromSheetName(name: string): SheetKind | 'guide' | undefined {
	const f = fold(name);
	if (f === fold(SHEET_NAMES.units) || f === 'don vi' || f === 'units') return 'units';
	if (f === fold(SHEET_NAMES.members) || f === 'members') return 'members';
	if (f === fold(GUIDE_SHEET)) return 'guide';
	return undefined;
}

/** Choice columns: folded accepted spellings → stored code. */
export const UNIT_KIND_CHOICES: Record<string, string> = {
	'dang bo co so': 'grassroots_committee',
	'chi bo co so': 'grassroots_cell',
	'dang bo bo phan': 'partial_committee',
	'chi bo truc thuoc': 'cell',
	'dang bo khoi': 'bloc',
	grassroots_committee: 'grassroots_committee',
	grassroots_cell: 'grassroots_cell',
	partial_committee: 'partial_committee',
	cell: 'cell',
	bloc: 'bloc'
};
export const UNIT_KIND_LABELS = [
	'Đảng bộ cơ sở',
	'Chi bộ cơ sở',
	'Đảng bộ bộ phận',
	'Chi bộ trực thuộc'
];

export const GENDER_CHOICES: Record<string, string> = {
	nam: 'male',
	nu: 'female',
	male: 'male',
	female: 'female'
};
export const GENDER_LABELS = ['Nam', 'Nữ'];

export const STATUS_CHOICES: Record<string, string> = {
	'chinh thuc': 'official',
	'dang vien chinh thuc': 'official',
	'du bi': 'probationary',
	'dang vien du bi': 'probationary',
	'mien cong tac va sinh hoat': 'exempted',
	'mien cong tac va sinh hoat dang': 'exempted',
	'mien sinh hoat': 'exempted',
	'mien sinh hoat dang': 'exempted',
	'dinh chi sinh hoat': 'suspended',
	'dinh chi sinh hoat dang': 'suspended',
	official: 'official',
	probationary: 'probationary',
	exempted: 'exempted',
	suspended: 'suspended'
};
export const STATUS_LABELS = [
	'Chính thức',
	'Dự bị',
	'Miễn công tác và sinh hoạt đảng',
	'Đình chỉ sinh hoạt đảng'
];

/** Choice tables keyed by column key; the folded cell text is looked up in them. */
export const CHOICES: Record<string, { map: Map<string, string>; labels: string[] }> = {
	kind: { map: folded(UNIT_KIND_CHOICES), labels: UNIT_KIND_LABELS },
	gender: { map: folded(GENDER_CHOICES), labels: GENDER_LABELS },
	status: { map: folded(STATUS_CHOICES), labels: STATUS_LABELS }
};

function folded(map: Record<string, string>): Map<string, string> {
	return new Map(Object.entries(map).map(([k, v]) => [fold(k), v]));
}

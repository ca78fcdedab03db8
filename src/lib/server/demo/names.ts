// Vietnamese full names: họ (family name) + tên đệm (middle) + tên (given name), by gender.
// Family-name weights follow their rough shares in the population (Nguyễn ~38%, Trần ~11% …).
// A few percent of members carry names of Lâm Đồng's own peoples (K'Ho, Mạ, Chu Ru).
import type { Rng } from './rng';

// Written as "name:weight" lists to keep the tables readable at a glance.
const FAMILY = weights(
	'Nguyễn:38 Trần:11 Lê:9.5 Phạm:7 Hoàng:4 Huỳnh:1 Phan:4.5 Vũ:3 Võ:1.5 Đặng:2 Bùi:2 Đỗ:1.4 ' +
		'Hồ:1.3 Ngô:1.3 Dương:1 Lý:0.5 Đinh:0.7 Trịnh:0.6 Đoàn:0.6 Lương:0.5 Mai:0.5 Hà:0.5 Cao:0.4 ' +
		'Tạ:0.3 Lâm:0.3 Tô:0.3 Chu:0.3 Kiều:0.2'
);

const MIDDLE_MALE = weights(
	'Văn:5 Đức:2 Minh:2 Quang:1.5 Thanh:1.5 Hữu:1.5 Quốc:1 Công:1 Xuân:1 Ngọc:1 Mạnh:0.7 ' +
		'Trọng:0.7 Anh:0.5 Tuấn:0.5 Hoàng:0.5 Duy:0.5 Tiến:0.5 Việt:0.5 Hải:0.5'
);

const MIDDLE_FEMALE = weights(
	'Thị:6 Thu:1.5 Ngọc:1.5 Thanh:1 Hồng:1 Minh:0.8 Phương:0.7 Thùy:0.7 Kim:0.6 Hoài:0.5 Mai:0.5 ' +
		'Bích:0.4 Diệu:0.4 Khánh:0.4 Hải:0.3'
);

// "Nguyễn Thị Thu Hà": women named Thị often carry a second middle name.
const SECOND_MIDDLE_FEMALE = words('Thu Thanh Ngọc Minh Hồng Kim Bích Phương');

const GIVEN_MALE = words(
	'Anh Bình Cường Chiến Dũng Duy Đạt Đông Giang Hải Hào Hậu Hiếu Hoàng Hòa Hùng Hưng Huy Khải ' +
		'Khánh Khoa Kiên Lâm Lộc Long Luân Mạnh Minh Nam Nghĩa Nhân Phong Phúc Quang Quân Quý Sơn Tài ' +
		'Tâm Thái Thắng Thành Thịnh Thông Tiến Toàn Trí Trung Tú Tuấn Tùng Việt Vinh Vũ'
);

const GIVEN_FEMALE = words(
	'Anh Ánh Bích Chi Châu Dung Diệp Duyên Giang Hà Hạnh Hằng Hiền Hoa Hồng Huệ Hương Hường Huyền ' +
		'Lan Liên Liễu Linh Loan Ly Mai My Nga Ngân Ngọc Nhung Oanh Phượng Phương Quyên Tâm Thảo Thơ ' +
		'Thu Thủy Thúy Trang Trinh Tuyết Uyên Vân Xuân Yến'
);

// Highland names are a family or lineage name and a given name, no middle name: K'Ho and Mạ men
// carry "K'" and K'Ho women "Ka" before the given name; Lạch and Chil women (Liêng Hót, Kơ Să)
// "Ha"; many Chu Ru (Touneh, Ya, Ma) and Mạ (Điểu) members have a given name of Vietnamese form.
const HIGHLAND_SHARE = 0.035;

const HIGHLAND: Record<Gender, [family: string, given: string[]][]> = {
	male: [
		["K'", words('Brèo Tơr Dul Sơn Lơi Brôi Hoan Điệp Tiếu Duy Thuận Lâm')],
		['Điểu', words("K'Lung K'Lơi Kâu Sơn Thanh Hưng Minh Bình")],
		['Touneh', ['Hàn Tín', 'Minh Hòa', 'Quốc Việt', 'Đức Thắng', 'Ngọc Sơn', 'Thanh Tùng']],
		['Ya', words('Đông Tiến Hùng Vinh Hải Kiên Thuận Phước')],
		['Cil', words('Duy Kiên Tâm Hưng Sơn Bình')]
	],
	female: [
		['Ka', words('Hồng Thanh Ly Nhi Dung Điệp Huyên Brin Thủy Lan Yên Nhung')],
		['Liêng Hót', ['Ha Nhâm', 'Ha Thủy', 'Ha Linh', 'Ha Lan', 'Ha Xuân']],
		['Kơ Să', ['Ha Bích', 'Ha Liên', 'Ha Thu', 'Ha Nhung', 'Ha Mai']],
		['Ma', ['Thị Hoa', 'Thị Lan', 'Thị Thúy', 'Thị Hằng', 'Thị Ngọc']]
	]
};

function words(text: string): string[] {
	return text.normalize('NFC').split(' ');
}

function weights(text: string): [string, number][] {
	return words(text).map((pair) => {
		const [name, weight] = pair.split(':');
		return [name, Number(weight)];
	});
}

export type Gender = 'male' | 'female';

export interface PersonName {
	full: string;
	family: string;
	middle: string;
	given: string;
}

export function personName(rng: Rng, gender: Gender): PersonName {
	if (rng.chance(HIGHLAND_SHARE)) {
		const [family, given] = rng.pick(HIGHLAND[gender]);
		return highlandName(family, rng.pick(given));
	}
	const family = rng.weighted(FAMILY);
	let middle = rng.weighted(gender === 'male' ? MIDDLE_MALE : MIDDLE_FEMALE);
	if (middle === 'Thị' && rng.chance(0.15)) middle += ` ${rng.pick(SECOND_MIDDLE_FEMALE)}`;
	const pool = gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE;
	let given = rng.pick(pool);
	// "Nguyễn Thu Thu" is not a name people carry.
	while (middle.endsWith(given)) given = rng.pick(pool);
	return { full: `${family} ${middle} ${given}`.normalize('NFC'), family, middle, given };
}

function highlandName(family: string, given: string): PersonName {
	const full = `${family} ${given}`.normalize('NFC');
	return { full, family: family.normalize('NFC'), middle: '', given: given.normalize('NFC') };
}

/** Lower-case ASCII ("Nguyễn Đức" -> "nguyen duc"), the same folding as vn_fold() in SQL. */
export function asciiFold(text: string): string {
	return text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/đ/g, 'd')
		.replace(/Đ/g, 'D')
		.toLowerCase();
}

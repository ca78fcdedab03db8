import { describe, expect, it } from 'vitest';
import { foldName, namesMatch } from './name-match';

describe('namesMatch', () => {
	it.each([
		['nguyen van an', 'Nguyễn Văn An'],
		['NGUYỄN VĂN AN', 'Nguyễn Văn An'],
		['Nguyễn Văn An', 'Nguyễn Văn An'],
		['dang thi hoa', 'Đặng Thị Hoa'],
		['Dang', 'Đặng'],
		['ĐẶNG', 'đặng'],
		['  Nguyễn   Văn\tAn ', 'Nguyễn Văn An'],
		['Nguyen Van An', ' Nguyễn  Văn An '],
		['Trần Thị Hường'.normalize('NFD'), 'Trần Thị Hường'],
		['Trần Thị Hường', 'Trần Thị Hường'.normalize('NFD')],
		['Lê Thị Thủy', 'Lê Thị Thuỷ'], // old and new tone-mark placement
		['Hoàng Văn Tuấn', 'Hoàng Văn Tuấn'.normalize('NFKD')],
		['Ngô Bảo Châu', 'Ngo Bao Chau']
	])('%j signs for %j', (typed, recorded) => {
		expect(namesMatch(typed, recorded)).toBe(true);
	});

	it.each([
		['Nguyen Van', 'Nguyễn Văn An'],
		['Văn An', 'Nguyễn Văn An'],
		['Nguyễn Văn An Bình', 'Nguyễn Văn An'],
		['Nguyễn An Văn', 'Nguyễn Văn An'],
		['NguyenVanAn', 'Nguyễn Văn An'],
		['Nguyễn Văn Ân.', 'Nguyễn Văn An'],
		['Nguyễn Văn Anh', 'Nguyễn Văn An'],
		['', ''],
		['   ', '   '],
		['', 'Nguyễn Văn An']
	])('%j does not sign for %j', (typed, recorded) => {
		expect(namesMatch(typed, recorded)).toBe(false);
	});
});

describe('foldName', () => {
	it('strips marks, maps đ to d, lowers case and collapses spaces', () => {
		expect(foldName(' Đỗ  Thị\u00a0Ngọc  Ánh ')).toBe('do thi ngoc anh');
	});
});

import { describe, expect, it } from 'vitest';
import { memberSchema } from './member';

const base = {
	card_no: '79.012345',
	full_name: 'Nguyễn Văn An',
	birth_date: '1980-05-01',
	joined_on: '2005-03-26',
	full_member_on: '2006-03-26'
};
const problems = (dates: Partial<typeof base>) =>
	memberSchema
		.safeParse({ ...base, ...dates })
		.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('member dates', () => {
	it('report one wrong date once, at that date', () => {
		expect(problems({ birth_date: '2099-05-01' })).toEqual([
			'birth_date: Ngày này không được sau ngày hôm nay.'
		]);
		expect(problems({ birth_date: '1850-05-01' })).toEqual([
			'birth_date: Ngày không hợp lệ (định dạng ngày/tháng/năm).'
		]);
		expect(problems({ joined_on: 'abc' })).toEqual([
			'joined_on: Ngày không hợp lệ (định dạng ngày/tháng/năm).'
		]);
		expect(problems({ joined_on: '2005-02-30' })).toEqual([
			'joined_on: Ngày không hợp lệ (định dạng ngày/tháng/năm).'
		]);
		expect(problems({ joined_on: '2099-01-01' })).toEqual([
			'joined_on: Ngày này không được sau ngày hôm nay.'
		]);
	});

	it('still check the order of dates that are each right', () => {
		expect(problems({ joined_on: '1979-01-01' })).toEqual([
			'joined_on: Ngày vào Đảng phải sau ngày sinh.'
		]);
		expect(problems({ full_member_on: '2005-01-01' })).toEqual([
			'full_member_on: Ngày chính thức không được trước ngày vào Đảng.'
		]);
	});
});

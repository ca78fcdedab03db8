import { describe, expect, it } from 'vitest';
import { addYears, todayInVietnam } from '$lib/domain/dates';
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
			'birth_date: Ngày sinh không hợp lý: năm sinh phải từ 1901 trở về sau.'
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
			'joined_on: Người vào Đảng phải đủ 18 tuổi (Điều lệ Đảng): với ngày sinh này, ngày vào Đảng sớm nhất là 01/05/1998.'
		]);
		expect(problems({ full_member_on: '2005-01-01' })).toEqual([
			'full_member_on: Ngày chính thức không được trước ngày vào Đảng.'
		]);
	});
});

describe('implausible facts', () => {
	const today = todayInVietnam();
	// Dates of a member admitted late, with no full-membership date to get in the way.
	const late = (dates: Record<string, string | null>) =>
		problems({ full_member_on: null, ...dates } as unknown as Partial<typeof base>);
	const dayBefore = (iso: string) =>
		new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

	it('refuse a birth in 1900 or a member under 18, at the birth date only', () => {
		expect(late({ birth_date: '1900-12-31', joined_on: '1925-01-01' })).toEqual([
			'birth_date: Ngày sinh không hợp lý: năm sinh phải từ 1901 trở về sau.',
			'joined_on: Ngày này trước ngày thành lập Đảng (03/02/1930).'
		]);
		expect(late({ birth_date: '1901-01-01', joined_on: '1930-02-03' })).toBeUndefined();
		// Born in 2010, joined in 2019: not 18 today, so not a member; said once.
		expect(late({ birth_date: '2010-04-01', joined_on: '2019-04-01' })).toEqual([
			'birth_date: Ngày sinh không hợp lý: đảng viên phải đủ 18 tuổi, người sinh ngày này chưa đủ 18 tuổi.'
		]);
		const eighteenToday = addYears(today, -18);
		expect(late({ joined_on: null, birth_date: eighteenToday })).toBeUndefined();
		expect(late({ joined_on: null, birth_date: addYears(dayBefore(today), -18) })).toBeUndefined();
		const tomorrowMinus18 = addYears(
			new Date(Date.parse(`${today}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
			-18
		);
		expect(late({ joined_on: null, birth_date: tomorrowMinus18 })).toHaveLength(1);
	});

	it('refuse admission before 18 full years, saying the earliest joining date', () => {
		expect(late({ birth_date: '1990-06-01', joined_on: '2008-05-31' })).toEqual([
			'joined_on: Người vào Đảng phải đủ 18 tuổi (Điều lệ Đảng): với ngày sinh này, ngày vào Đảng sớm nhất là 01/06/2008.'
		]);
		expect(late({ birth_date: '1990-06-01', joined_on: '2008-06-01' })).toBeUndefined();
		// Born on 29 February: 18 full years on 1 March of a common year.
		expect(late({ birth_date: '1988-02-29', joined_on: '2006-02-28' })).toHaveLength(1);
		expect(late({ birth_date: '1988-02-29', joined_on: '2006-03-01' })).toBeUndefined();
	});

	it('take Vietnamese phone numbers only', () => {
		const phone = (p: string) =>
			memberSchema.safeParse({ ...base, phone: p }).error?.issues.map((i) => i.message);
		for (const good of ['0912 345 678', '0912.345.678', '+84 912 345 678', '024 3825 1234', ''])
			expect(phone(good), good).toBeUndefined();
		for (const bad of [
			'----------',
			'00000000000000000000',
			'0000000000',
			'+1 202 555 0143',
			'-0912345678',
			'0912 345',
			'ĐT 0912345678'
		])
			expect(phone(bad), bad).toEqual([
				'Số điện thoại không hợp lệ: cần một số điện thoại Việt Nam, ví dụ 0912 345 678 hoặc +84 912 345 678.'
			]);
	});

	it('count a name in characters, as the database does (zod 4 counts code points)', () => {
		const name = (n: string) =>
			memberSchema.safeParse({ ...base, full_name: n }).error?.issues.map((i) => i.message);
		expect(name('𠀧')).toEqual(['Cần ít nhất 2 ký tự.']);
		expect(name('𠀧𠀧')).toBeUndefined();
	});
});

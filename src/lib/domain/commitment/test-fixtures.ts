// Shared by the commitment unit tests: a realistic input (wording from the seed catalogs) and a
// walker that rewrites every string in a value.
import type { SnapshotInput } from './snapshot';

export function sampleInput(): SnapshotInput {
	return {
		year: 2026,
		header: {
			bloc: 'Đảng bộ Khối các cơ quan tỉnh',
			grassroots: 'Đảng bộ Sở Tài chính',
			cell: 'Chi bộ Phòng Ngân sách',
			place: 'Hà Nội',
			date: '2026-01-15'
		},
		member: {
			full_name: 'Nguyễn Thị Hường',
			card_no: '01.234567',
			birth_date: '1985-03-02',
			gender: 'female',
			joined_on: '2010-05-19',
			full_member_on: '2011-05-19',
			party_position: 'Chi ủy viên',
			government_position: 'Phó trưởng phòng',
			workplace: 'Sở Tài chính'
		},
		// Deliberately out of catalog order and out of position order.
		catalogs: [
			{
				catalog: 'standards',
				version: 1,
				title: '5 chuẩn mực đạo đức cách mạng của cán bộ, đảng viên',
				source: 'Quy định số 144-QĐ/TW ngày 09/5/2024',
				items: [
					{
						code: '2',
						position: 2,
						group_title: null,
						area: 'ethics',
						text: 'Bản lĩnh, đổi mới, sáng tạo, hội nhập.'
					},
					{
						code: '1',
						position: 1,
						group_title: null,
						area: 'ethics',
						text: 'Yêu nước, tôn trọng Nhân dân, tuyệt đối trung thành với Đảng, với Tổ quốc.'
					}
				]
			},
			{
				catalog: 'manifestations',
				version: 2,
				title: '27 biểu hiện suy thoái',
				source: 'Nghị quyết số 04-NQ/TW ngày 30/10/2016',
				items: [
					{
						code: '2.1',
						position: 10,
						group_title: 'Suy thoái về đạo đức, lối sống',
						area: 'ethics',
						text: 'Chủ nghĩa cá nhân: ích kỷ, thực dụng, cơ hội, vụ lợi; ganh ghét, đố kỵ.'
					},
					{
						code: '1.2',
						position: 2,
						group_title: 'Suy thoái về tư tưởng chính trị',
						area: 'political',
						text: 'Xa rời tôn chỉ, mục đích của Đảng; không kiên định con đường đi lên chủ nghĩa xã hội.'
					},
					{
						code: '1.1',
						position: 1,
						group_title: 'Suy thoái về tư tưởng chính trị',
						area: 'political',
						text: 'Phai nhạt lý tưởng cách mạng; dao động, giảm sút niềm tin.'
					}
				]
			},
			{
				catalog: 'prohibitions',
				version: 1,
				title: '19 điều đảng viên không được làm',
				source: 'Quy định số 37-QĐ/TW ngày 25/10/2021',
				items: [
					{
						code: '14',
						position: 14,
						group_title: null,
						area: 'discipline',
						text: 'Tham ô; đưa, nhận, môi giới hối lộ; rửa tiền.'
					}
				]
			}
		],
		personal: {
			duties: ['  Giải quyết 100% hồ sơ đúng hạn.  ', '', 'Mỗi quý viết 1 bài thu hoạch.'],
			ethics: ['Tiết kiệm điện, văn phòng phẩm.']
		},
		typed_name: 'Nguyễn Thị Hường'
	};
}

/** A deep copy of `value` with `f` applied to every string (object keys excluded). */
export function mapStrings<T>(value: T, f: (s: string) => string): T {
	if (typeof value === 'string') return f(value) as T;
	if (Array.isArray(value)) return value.map((v: unknown) => mapStrings(v, f)) as T;
	if (value !== null && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)])) as T;
	}
	return value;
}

/** Paths ('a.b.0.c') of every string leaf in `value`. */
export function stringPaths(value: unknown, prefix: string[] = []): string[][] {
	if (typeof value === 'string') return [prefix];
	if (value !== null && typeof value === 'object') {
		return Object.entries(value).flatMap(([k, v]) => stringPaths(v, [...prefix, k]));
	}
	return [];
}

/** A deep copy of `value` with the string at `path` replaced by `f` of it. */
export function updateAt<T>(value: T, path: string[], f: (s: string) => string): T {
	if (path.length === 0) return f(value as string) as T;
	const [head, ...rest] = path;
	const copy = (Array.isArray(value) ? [...value] : { ...value }) as Record<string, unknown>;
	copy[head] = updateAt(copy[head], rest, f);
	return copy as T;
}

import { describe, expect, it } from 'vitest';
import { diffSnapshots, isEmptyDiff } from './diff';
import { buildSnapshot, type CommitmentSnapshot, type SnapshotInput } from './snapshot';
import { mapStrings, sampleInput } from '../../../../tests/fixtures/commitment';

const base = buildSnapshot(sampleInput());

function variant(mutate: (i: SnapshotInput) => void): CommitmentSnapshot {
	const input = sampleInput();
	mutate(input);
	return buildSnapshot(input);
}

describe('diffSnapshots', () => {
	it('is empty for equal snapshots', () => {
		const d = diffSnapshots(base, buildSnapshot(sampleInput()));
		expect(d).toEqual({ fields: [], catalogs: [], areas: [] });
		expect(isEmptyDiff(d)).toBe(true);
	});

	it('is empty when only the key order differs', () => {
		const reordered = Object.fromEntries(Object.entries(base).reverse()) as CommitmentSnapshot;
		expect(Object.keys(reordered)[0]).toBe('typed_name');
		expect(isEmptyDiff(diffSnapshots(base, reordered))).toBe(true);
	});

	it('is empty when the same words were typed decomposed (NFD)', () => {
		const nfd = buildSnapshot(mapStrings(sampleInput(), (s) => s.normalize('NFD')));
		expect(isEmptyDiff(diffSnapshots(base, nfd))).toBe(true);
	});

	it('reports personal items added and removed, per area', () => {
		const b = variant((i) => {
			i.personal.duties = ['Giải quyết 100% hồ sơ đúng hạn.', 'Tham gia đầy đủ sinh hoạt chi bộ.'];
			i.personal.political = ['Học tập nghị quyết.'];
		});
		const d = diffSnapshots(base, b);
		expect(d.fields).toEqual([]);
		expect(d.catalogs).toEqual([]);
		expect(d.areas).toEqual([
			{
				code: 'political',
				title: 'Về tư tưởng chính trị',
				added: [],
				removed: [],
				changed: [],
				personalAdded: ['Học tập nghị quyết.'],
				personalRemoved: []
			},
			{
				code: 'duties',
				title: 'Về thực hiện chức trách, nhiệm vụ được giao',
				added: [],
				removed: [],
				changed: [],
				personalAdded: ['Tham gia đầy đủ sinh hoạt chi bộ.'],
				personalRemoved: ['Mỗi quý viết 1 bài thu hoạch.']
			}
		]);
		expect(isEmptyDiff(d)).toBe(false);
	});

	it('shows an edited personal item as removed and added', () => {
		const b = variant((i) => (i.personal.ethics = ['Tiết kiệm điện, nước, văn phòng phẩm.']));
		const [ethics] = diffSnapshots(base, b).areas;
		expect(ethics.personalRemoved).toEqual(['Tiết kiệm điện, văn phòng phẩm.']);
		expect(ethics.personalAdded).toEqual(['Tiết kiệm điện, nước, văn phòng phẩm.']);
	});

	it('counts repeated personal items', () => {
		const a = variant((i) => (i.personal.duties = ['A lặp', 'B']));
		const b = variant((i) => (i.personal.duties = ['A lặp', 'B', 'A lặp']));
		expect(diffSnapshots(a, b).areas[0]).toMatchObject({
			personalAdded: ['A lặp'],
			personalRemoved: []
		});
		expect(diffSnapshots(b, a).areas[0]).toMatchObject({
			personalAdded: [],
			personalRemoved: ['A lặp']
		});
	});

	it('ignores a mere reordering of personal items', () => {
		const b = variant((i) => (i.personal.duties = [...(i.personal.duties ?? [])].reverse()));
		expect(diffSnapshots(base, b).areas).toEqual([]);
	});

	it('reports catalog items added, removed and reworded, and the catalog version', () => {
		const b = variant((i) => {
			const m = i.catalogs[1];
			m.version = 3;
			m.items = [
				...m.items.filter((x) => x.code !== '1.2'),
				{
					code: '1.3',
					position: 3,
					group_title: 'Suy thoái về tư tưởng chính trị',
					area: 'political',
					text: 'Nhận thức sai lệch.',
					wording: 'summary'
				}
			];
			m.items.find((x) => x.code === '1.1')!.text = 'Phai nhạt lý tưởng cách mạng.';
		});
		const d = diffSnapshots(base, b);
		expect(d.catalogs).toEqual([
			{
				catalog: 'manifestations',
				before: base.catalogs[0],
				after: { ...base.catalogs[0], version: 3 }
			}
		]);
		expect(d.areas).toHaveLength(1);
		const [political] = d.areas;
		expect(political.code).toBe('political');
		expect(political.added.map((x) => x.code)).toEqual(['1.3']);
		expect(political.removed.map((x) => x.code)).toEqual(['1.2']);
		expect(political.changed).toEqual([
			{
				before: base.areas[0].items[0],
				after: { ...base.areas[0].items[0], text: 'Phai nhạt lý tưởng cách mạng.' }
			}
		]);
	});

	it('reports a changed group heading for the same code', () => {
		const b = variant((i) => (i.catalogs[1].items[0].group_title = 'Nhóm 2'));
		const [ethics] = diffSnapshots(base, b).areas;
		expect(ethics.changed.map((c) => [c.before.group, c.after.group])).toEqual([
			['Suy thoái về đạo đức, lối sống', 'Nhóm 2']
		]);
	});

	it('tells the same code in two catalogs apart', () => {
		const b = variant((i) => (i.catalogs[0].items[0].text = 'Bản lĩnh, đổi mới, sáng tạo.'));
		const [ethics] = diffSnapshots(base, b).areas;
		expect(ethics.changed).toHaveLength(1);
		expect(ethics.changed[0].after).toMatchObject({ catalog: 'standards', code: '2' });
		expect(ethics.added).toEqual([]);
	});

	it('shows an item moved to another area as removed there and added here', () => {
		const b = variant((i) => (i.catalogs[2].items[0].area = 'duties'));
		const d = diffSnapshots(base, b);
		expect(d.areas.map((a) => [a.code, a.removed.length, a.added.length])).toEqual([
			['discipline', 1, 0],
			['duties', 0, 1]
		]);
	});

	it('reports a catalog title or source change and a catalog added or dropped', () => {
		const b = variant((i) => {
			i.catalogs[0].source = null;
			i.catalogs = i.catalogs.filter((c) => c.catalog !== 'prohibitions');
		});
		const d = diffSnapshots(base, b);
		expect(d.catalogs).toEqual([
			{ catalog: 'prohibitions', before: base.catalogs[1], after: null },
			{
				catalog: 'standards',
				before: base.catalogs[2],
				after: { ...base.catalogs[2], source: null }
			}
		]);
		expect(diffSnapshots(b, base).catalogs[0]).toEqual({
			catalog: 'prohibitions',
			before: null,
			after: base.catalogs[1]
		});
	});

	it('reports identity, header, date and typed name changes in a fixed order', () => {
		const b = variant((i) => {
			i.typed_name = 'Nguyen Thi Huong';
			i.member.party_position = null;
			i.member.workplace = 'Sở Tài chính tỉnh';
			i.header.date = '2026-01-20';
			i.header.cell = 'Chi bộ Phòng Ngân sách nhà nước';
		});
		expect(diffSnapshots(base, b).fields).toEqual([
			{
				field: 'header.cell',
				before: 'Chi bộ Phòng Ngân sách',
				after: 'Chi bộ Phòng Ngân sách nhà nước'
			},
			{ field: 'header.date', before: '2026-01-15', after: '2026-01-20' },
			{ field: 'member.party_position', before: 'Chi ủy viên', after: null },
			{ field: 'member.workplace', before: 'Sở Tài chính', after: 'Sở Tài chính tỉnh' },
			{ field: 'typed_name', before: 'Nguyễn Thị Hường', after: 'Nguyen Thi Huong' }
		]);
	});

	it('reports year, schema and affirmation changes', () => {
		const b = {
			...base,
			year: 2027,
			affirmation: 'Khác',
			schema: 'camket.commitment/99'
		} as unknown as CommitmentSnapshot;
		expect(diffSnapshots(base, b).fields.map((f) => f.field)).toEqual([
			'schema',
			'year',
			'affirmation'
		]);
	});

	it('copes with an area missing on one side', () => {
		const b = { ...base, areas: base.areas.filter((a) => a.code !== 'duties') };
		const [duties] = diffSnapshots(base, b).areas;
		expect(duties).toMatchObject({
			code: 'duties',
			title: 'Về thực hiện chức trách, nhiệm vụ được giao',
			personalRemoved: base.areas[3].personal
		});
	});
});

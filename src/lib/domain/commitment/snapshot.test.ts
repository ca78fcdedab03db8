import { describe, expect, it } from 'vitest';
import {
	AREA_ORDER,
	AREA_TITLES_VI,
	buildSnapshot,
	COMMITMENT_AFFIRMATION_VI,
	MAX_PERSONAL_ITEM_LENGTH,
	MAX_PERSONAL_ITEMS,
	normalizePersonalItems,
	SNAPSHOT_SCHEMA,
	SnapshotError,
	type AreaCode,
	type SnapshotInput
} from './snapshot';
import { mapStrings, sampleInput } from '../../../../tests/fixtures/commitment';

function errorOf(f: () => unknown): SnapshotError {
	try {
		f();
	} catch (e) {
		if (e instanceof SnapshotError) return e;
		throw e;
	}
	throw new Error('expected a SnapshotError');
}

const withPersonal = (personal: SnapshotInput['personal']): SnapshotInput => ({
	...sampleInput(),
	personal
});

describe('buildSnapshot', () => {
	it('lays out the four areas in order with their Vietnamese titles', () => {
		const s = buildSnapshot(sampleInput());
		expect(s.schema).toBe(SNAPSHOT_SCHEMA);
		expect(s.areas.map((a) => a.code)).toEqual(['political', 'ethics', 'discipline', 'duties']);
		expect(s.areas.map((a) => a.title)).toEqual(AREA_ORDER.map((a) => AREA_TITLES_VI[a]));
		expect(s.affirmation).toBe(COMMITMENT_AFFIRMATION_VI);
	});

	it('orders items by catalog (manifestations, prohibitions, standards), then position', () => {
		const s = buildSnapshot(sampleInput());
		const codes = (area: AreaCode) =>
			s.areas.find((a) => a.code === area)!.items.map((i) => `${i.catalog}:${i.code}`);
		expect(codes('political')).toEqual(['manifestations:1.1', 'manifestations:1.2']);
		expect(codes('ethics')).toEqual(['manifestations:2.1', 'standards:1', 'standards:2']);
		expect(codes('discipline')).toEqual(['prohibitions:14']);
		expect(codes('duties')).toEqual([]);
		expect(s.catalogs.map((c) => c.catalog)).toEqual([
			'manifestations',
			'prohibitions',
			'standards'
		]);
	});

	it('breaks position ties by code, whatever order the rows came in', () => {
		const input = sampleInput();
		input.catalogs[2].items = [
			{
				code: '9',
				position: 1,
				group_title: null,
				area: 'discipline',
				text: 'Chín',
				wording: null
			},
			{ code: '3', position: 1, group_title: null, area: 'discipline', text: 'Ba', wording: null }
		];
		const a = buildSnapshot(input);
		input.catalogs[2].items = [...input.catalogs[2].items].reverse();
		const b = buildSnapshot(input);
		expect(a.areas[2].items.map((i) => i.code)).toEqual(['3', '9']);
		expect(b).toEqual(a);
	});

	it('keeps the item fields the member saw: catalog, code, group, text, wording', () => {
		const s = buildSnapshot(sampleInput());
		expect(s.areas[0].items[0]).toEqual({
			catalog: 'manifestations',
			code: '1.1',
			group: 'Suy thoái về tư tưởng chính trị',
			text: 'Phai nhạt lý tưởng cách mạng; dao động, giảm sút niềm tin.',
			wording: 'summary'
		});
		expect(s.catalogs[0]).toEqual({
			catalog: 'manifestations',
			version: 2,
			title: '27 biểu hiện suy thoái',
			source: 'Nghị quyết số 04-NQ/TW ngày 30/10/2016'
		});
	});

	it('carries the version being signed, and none in a preview', () => {
		expect(buildSnapshot({ ...sampleInput(), version: 3 }).version).toBe(3);
		expect('version' in buildSnapshot(sampleInput())).toBe(false);
	});

	it.each([0, -1, 1.5, Number.NaN])('refuses the version %s', (version) => {
		expect(errorOf(() => buildSnapshot({ ...sampleInput(), version })).code).toBe(
			'invalid_commitment_version'
		);
	});

	it('appends personal items per area, trimmed, with empty ones dropped', () => {
		const s = buildSnapshot(sampleInput());
		expect(s.areas.map((a) => a.personal)).toEqual([
			[],
			['Tiết kiệm điện, văn phòng phẩm.'],
			[],
			['Giải quyết 100% hồ sơ đúng hạn.', 'Mỗi quý viết 1 bài thu hoạch.']
		]);
	});

	it('unifies line breaks in personal items', () => {
		const crlf = buildSnapshot(withPersonal({ duties: ['Dòng một\r\nDòng hai\rDòng ba'] }));
		expect(crlf.areas[3].personal).toEqual(['Dòng một\nDòng hai\nDòng ba']);
	});

	it('NFC-normalizes every string', () => {
		const s = buildSnapshot(mapStrings(sampleInput(), (x) => x.normalize('NFD')));
		expect(s).toEqual(buildSnapshot(sampleInput()));
		const strings: string[] = [];
		mapStrings(s, (x) => {
			strings.push(x);
			return x;
		});
		expect(strings.every((x) => x === x.normalize('NFC'))).toBe(true);
		expect(strings).toContain('Nguyễn Thị Hường'.normalize('NFC'));
	});

	it('ships NFC constants', () => {
		for (const t of [...Object.values(AREA_TITLES_VI), COMMITMENT_AFFIRMATION_VI]) {
			expect(t).toBe(t.normalize('NFC'));
		}
	});

	it('trims the typed name and collapses its spaces', () => {
		const s = buildSnapshot({ ...sampleInput(), typed_name: '  Nguyễn   Thị\tHường ' });
		expect(s.typed_name).toBe('Nguyễn Thị Hường');
	});

	it('does not modify its input', () => {
		const input = sampleInput();
		const copy = structuredClone(input);
		buildSnapshot(input);
		expect(input).toEqual(copy);
	});

	it('accepts exactly the limits', () => {
		const max = Array.from({ length: MAX_PERSONAL_ITEMS }, (_, i) => `Việc ${i + 1}`);
		const long = 'ạ'.repeat(MAX_PERSONAL_ITEM_LENGTH);
		const s = buildSnapshot(withPersonal({ political: max, duties: [long, '   '] }));
		expect(s.areas[0].personal).toHaveLength(MAX_PERSONAL_ITEMS);
		expect(s.areas[3].personal).toEqual([long]);
	});

	it('counts length in characters after NFC, so decomposed input is not penalized', () => {
		const long = 'ạ'.repeat(MAX_PERSONAL_ITEM_LENGTH).normalize('NFD');
		expect(long.length).toBe(2 * MAX_PERSONAL_ITEM_LENGTH);
		expect(() => buildSnapshot(withPersonal({ ethics: [long] }))).not.toThrow();
	});

	it('refuses more than the maximum number of items in an area', () => {
		const many = Array.from({ length: MAX_PERSONAL_ITEMS + 1 }, (_, i) => `Việc ${i}`);
		const e = errorOf(() => buildSnapshot(withPersonal({ discipline: many })));
		expect(e).toMatchObject({ code: 'too_many_items', area: 'discipline' });
	});

	it('counts only non-empty items against the maximum', () => {
		const items = [...Array.from({ length: MAX_PERSONAL_ITEMS }, () => 'Việc'), '', '  '];
		expect(() => normalizePersonalItems({ duties: items })).not.toThrow();
	});

	it('refuses an item over the maximum length, naming area and index', () => {
		const items = ['', 'ngắn', 'x'.repeat(MAX_PERSONAL_ITEM_LENGTH + 1)];
		const e = errorOf(() => buildSnapshot(withPersonal({ ethics: items })));
		expect(e).toMatchObject({ code: 'item_too_long', area: 'ethics', index: 1 });
		expect(e.message).toContain('item_too_long');
	});

	it('refuses an empty typed name', () => {
		expect(errorOf(() => buildSnapshot({ ...sampleInput(), typed_name: ' \t ' })).code).toBe(
			'empty_typed_name'
		);
	});

	it('refuses malformed dates and years', () => {
		const input = sampleInput();
		expect(
			errorOf(() => buildSnapshot({ ...input, header: { ...input.header, date: '15/01/2026' } }))
				.code
		).toBe('invalid_date');
		expect(
			errorOf(() =>
				buildSnapshot({ ...input, member: { ...input.member, birth_date: '1985-3-2' } })
			).code
		).toBe('invalid_date');
		expect(errorOf(() => buildSnapshot({ ...input, year: 2026.5 })).code).toBe('invalid_year');
	});

	it('accepts null optional identity fields', () => {
		const input = sampleInput();
		const member = {
			...input.member,
			birth_date: null,
			gender: null,
			joined_on: null,
			full_member_on: null,
			party_position: null,
			government_position: null,
			workplace: null
		};
		const s = buildSnapshot({ ...input, member, header: { ...input.header, grassroots: null } });
		expect(s.member).toEqual({ ...member, full_name: 'Nguyễn Thị Hường', card_no: '01.234567' });
		expect(s.header.grassroots).toBeNull();
	});

	it('refuses a catalog given twice, an unknown catalog or area, and a bad version', () => {
		const input = sampleInput();
		const dup = { ...input, catalogs: [...input.catalogs, input.catalogs[0]] };
		expect(errorOf(() => buildSnapshot(dup)).code).toBe('duplicate_catalog');

		const unknownCatalog = structuredClone(input);
		(unknownCatalog.catalogs[0] as { catalog: string }).catalog = 'rules';
		expect(errorOf(() => buildSnapshot(unknownCatalog)).code).toBe('unknown_catalog');

		const unknownArea = structuredClone(input);
		(unknownArea.catalogs[0].items[0] as { area: string }).area = 'other';
		expect(errorOf(() => buildSnapshot(unknownArea)).code).toBe('unknown_area');

		const badVersion = structuredClone(input);
		badVersion.catalogs[1].version = 0;
		expect(errorOf(() => buildSnapshot(badVersion)).code).toBe('invalid_version');
	});
});

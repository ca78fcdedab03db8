import { describe, expect, it } from 'vitest';
import { snapshotHash } from './canonical';
import { previewDigest } from './preview';
import { buildSnapshot, type SnapshotInput } from './snapshot';
import { mapStrings, sampleInput } from '../../../../tests/fixtures/commitment';

const digestOf = (mutate: (i: SnapshotInput) => void = () => {}): string => {
	const input = sampleInput();
	mutate(input);
	return previewDigest(buildSnapshot(input));
};

describe('previewDigest', () => {
	const base = digestOf();

	it('is a hex SHA-256, distinct from the snapshot hash', () => {
		expect(base).toMatch(/^[0-9a-f]{64}$/);
		expect(base).not.toBe(snapshotHash(buildSnapshot(sampleInput())));
	});

	it('is the same for what the form posts or signing settles', () => {
		expect(digestOf((i) => (i.personal = { political: ['Việc khác hẳn.'] }))).toBe(base);
		expect(digestOf((i) => (i.typed_name = 'nguyen thi huong'))).toBe(base);
		expect(digestOf((i) => (i.header.date = '2026-01-16'))).toBe(base);
		expect(digestOf((i) => (i.version = 3))).toBe(base);
	});

	it('is the same for NFD input', () => {
		expect(previewDigest(buildSnapshot(mapStrings(sampleInput(), (s) => s.normalize('NFD'))))).toBe(
			base
		);
	});

	it('changes when anything the page shows changes', () => {
		const cases: [string, (i: SnapshotInput) => void][] = [
			['catalog item text', (i) => (i.catalogs[1].items[0].text += ' Thêm.')],
			['group heading', (i) => (i.catalogs[1].items[0].group_title = 'Nhóm khác')],
			['catalog title', (i) => (i.catalogs[0].title = 'Tiêu đề khác')],
			['catalog source', (i) => (i.catalogs[0].source = null)],
			['catalog version', (i) => (i.catalogs[0].version = 9)],
			['item moved to another area', (i) => (i.catalogs[2].items[0].area = 'duties')],
			['item order', (i) => (i.catalogs[1].items[2].position = 3)],
			['identity', (i) => (i.member.workplace = 'Sở Nội vụ')],
			['name on record', (i) => (i.member.full_name = 'Nguyễn Thị Hương')],
			['header', (i) => (i.header.cell = 'Chi bộ khác')],
			['place', (i) => (i.header.place = 'Huế')],
			['year', (i) => (i.year = 2027)]
		];
		for (const [name, mutate] of cases) expect(digestOf(mutate), name).not.toBe(base);
	});

	it('changes with the affirmation and the schema', () => {
		const s = buildSnapshot(sampleInput());
		expect(previewDigest({ ...s, affirmation: `${s.affirmation} ` })).not.toBe(base);
		expect(previewDigest({ ...s, schema: 'x' as typeof s.schema })).not.toBe(base);
	});
});

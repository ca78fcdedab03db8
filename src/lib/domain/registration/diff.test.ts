import { describe, expect, it } from 'vitest';
import type { ActionItem, RegistrationContent } from './content';
import { diffRegistrations, isEmptyDiff, type RegistrationDiff } from './diff';

const files: ActionItem = {
	key: 'aaaaaaaaa1',
	title: 'Giải quyết hồ sơ đúng hạn',
	area: 'duties',
	target: { kind: 'number', value: 100, unit: '% hồ sơ' },
	due: { kind: 'deadline', on: '2025-12-31' },
	evidence: 'Số liệu phần mềm một cửa'
};

const alcohol: ActionItem = {
	key: 'aaaaaaaaa2',
	title: 'Không vi phạm quy định về nồng độ cồn',
	area: 'ethics',
	target: { kind: 'yes_no' },
	due: { kind: 'frequency', every: 'monthly' },
	evidence: ''
};

function content(over: Partial<RegistrationContent> = {}): RegistrationContent {
	return {
		studies: [
			{ content: 'Học tập chuyên đề năm', when: 'quý I' },
			{ content: 'Viết bài thu hoạch', when: 'tháng 6' }
		],
		actions: [files, alcohol],
		plan: { content: 'Tự học', measures: 'Đọc tài liệu', timeline: 'Cả năm' },
		...over
	};
}

const NOTHING: RegistrationDiff = {
	actionsAdded: [],
	actionsRemoved: [],
	actionsChanged: [],
	studiesAdded: [],
	studiesRemoved: [],
	planChanged: []
};

describe('diffRegistrations', () => {
	it('is empty for equal contents', () => {
		const d = diffRegistrations(content(), content());
		expect(d).toEqual(NOTHING);
		expect(isEmptyDiff(d)).toBe(true);
	});

	it('is empty when only the order of actions changes', () => {
		const d = diffRegistrations(content(), content({ actions: [alcohol, files] }));
		expect(isEmptyDiff(d)).toBe(true);
	});

	it('reports an action added and one removed by their key', () => {
		const fresh: ActionItem = { ...alcohol, key: 'bbbbbbbbb3', title: 'Đi làm đúng giờ' };
		const d = diffRegistrations(content(), content({ actions: [files, fresh] }));
		expect(d).toEqual({ ...NOTHING, actionsAdded: [fresh], actionsRemoved: [alcohol] });
		expect(isEmptyDiff(d)).toBe(false);
	});

	it('counts the same action under a new key as removed and added, not changed', () => {
		const rekeyed = { ...files, key: 'ccccccccc4' };
		const d = diffRegistrations(content(), content({ actions: [rekeyed, alcohol] }));
		expect(d.actionsAdded).toEqual([rekeyed]);
		expect(d.actionsRemoved).toEqual([files]);
		expect(d.actionsChanged).toEqual([]);
	});

	it('reports an edited action as changed, with the fields that changed', () => {
		const edited: ActionItem = {
			...files,
			title: 'Giải quyết hồ sơ trước hạn',
			target: { kind: 'number', value: 95, unit: '% hồ sơ' }
		};
		const d = diffRegistrations(content(), content({ actions: [edited, alcohol] }));
		expect(d).toEqual({
			...NOTHING,
			actionsChanged: [{ before: files, after: edited, fields: ['title', 'target'] }]
		});
		expect(isEmptyDiff(d)).toBe(false);
	});

	it.each([
		['title', { title: 'Khác' }],
		['area', { area: 'style' }],
		['target', { target: { kind: 'yes_no' } }],
		['target', { target: { kind: 'number', value: 100, unit: 'hồ sơ' } }],
		['due', { due: { kind: 'frequency', every: 'quarterly' } }],
		['due', { due: { kind: 'deadline', on: '2025-06-30' } }],
		['evidence', { evidence: 'Biên bản' }]
	] as [string, Partial<ActionItem>][])('notices a change of %s alone', (field, change) => {
		const edited = { ...files, ...change };
		const d = diffRegistrations(content(), content({ actions: [edited, alcohol] }));
		expect(d.actionsChanged).toEqual([{ before: files, after: edited, fields: [field] }]);
		expect(d.actionsAdded).toEqual([]);
		expect(d.actionsRemoved).toEqual([]);
	});

	it('lists every field of an action changed in everything but its key', () => {
		const other = { ...alcohol, key: files.key };
		const d = diffRegistrations(content(), content({ actions: [other, alcohol] }));
		expect(d.actionsChanged).toEqual([
			{ before: files, after: other, fields: ['title', 'area', 'target', 'due', 'evidence'] }
		]);
	});

	it('reports studies added and removed, matched by content and time together', () => {
		const d = diffRegistrations(
			content(),
			content({
				studies: [
					{ content: 'Học tập chuyên đề năm', when: 'quý II' },
					{ content: 'Viết bài thu hoạch', when: 'tháng 6' },
					{ content: 'Đọc sách về Bác', when: '' }
				]
			})
		);
		expect(d).toEqual({
			...NOTHING,
			studiesAdded: [
				{ content: 'Học tập chuyên đề năm', when: 'quý II' },
				{ content: 'Đọc sách về Bác', when: '' }
			],
			studiesRemoved: [{ content: 'Học tập chuyên đề năm', when: 'quý I' }]
		});
		expect(isEmptyDiff(d)).toBe(false);
	});

	it('ignores the order of studies', () => {
		const c = content();
		const d = diffRegistrations(c, content({ studies: [...c.studies].reverse() }));
		expect(isEmptyDiff(d)).toBe(true);
	});

	it('reports the plan fields that changed, in a fixed order', () => {
		const d = diffRegistrations(
			content(),
			content({ plan: { content: 'Tự học', measures: 'Dự lớp', timeline: 'Quý IV' } })
		);
		expect(d).toEqual({ ...NOTHING, planChanged: ['measures', 'timeline'] });
		expect(isEmptyDiff(d)).toBe(false);
	});

	it('from nothing, reports everything as added', () => {
		const empty: RegistrationContent = {
			studies: [],
			actions: [],
			plan: { content: '', measures: '', timeline: '' }
		};
		const c = content();
		const d = diffRegistrations(empty, c);
		expect(d).toEqual({
			...NOTHING,
			actionsAdded: c.actions,
			studiesAdded: c.studies,
			planChanged: ['content', 'measures', 'timeline']
		});
		expect(diffRegistrations(c, empty)).toEqual({
			...NOTHING,
			actionsRemoved: c.actions,
			studiesRemoved: c.studies,
			planChanged: ['content', 'measures', 'timeline']
		});
	});
});

describe('isEmptyDiff', () => {
	it.each([
		'actionsAdded',
		'actionsRemoved',
		'actionsChanged',
		'studiesAdded',
		'studiesRemoved',
		'planChanged'
	] as (keyof RegistrationDiff)[])('is not empty with only %s', (part) => {
		expect(isEmptyDiff(NOTHING)).toBe(true);
		expect(isEmptyDiff({ ...NOTHING, [part]: [{}] })).toBe(false);
	});
});

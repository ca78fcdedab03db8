import { describe, expect, it } from 'vitest';
import type { Reportable } from '$lib/domain/report/content';
import { parseReport, readKeptFiles, readReportForm, reportFormOf } from './report';

const items: Reportable[] = [
	{
		key: 'abcdefghij',
		title: 'Viết bài thu hoạch',
		target: { kind: 'number', value: 4, unit: 'bài' },
		task: false
	},
	{ key: 'task-7', title: 'Phụ trách sổ biên bản', target: { kind: 'yes_no' }, task: true }
];

function post(fields: Record<string, string | string[]>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) f.append(k, x);
	return f;
}

describe('the report form', () => {
	it('reads each line by its key and keeps a value only for a number target', () => {
		const form = post({
			r_abcdefghij_status: 'in_progress',
			r_abcdefghij_value: '1,5',
			r_abcdefghij_narrative: 'Đã viết một bài',
			'r_task-7_status': 'done',
			'r_task-7_value': '9'
		});
		const parsed = parseReport(readReportForm(form, items), items, false);
		expect(parsed).toEqual({
			ok: true,
			selfRating: null,
			content: {
				lines: [
					{
						key: 'abcdefghij',
						title: 'Viết bài thu hoạch',
						status: 'in_progress',
						value: 1.5,
						narrative: 'Đã viết một bài'
					},
					{
						key: 'task-7',
						title: 'Phụ trách sổ biên bản',
						status: 'done',
						value: null,
						narrative: ''
					}
				]
			}
		});
	});

	it('names the field of each problem', () => {
		const form = post({
			r_abcdefghij_status: 'finished',
			r_abcdefghij_value: 'bốn',
			'r_task-7_status': 'done',
			'r_task-7_narrative': 'a\u0000b',
			sr_strengths: 'Tốt'
		});
		const parsed = parseReport(readReportForm(form, items), items, true);
		expect(parsed.ok).toBe(false);
		if (parsed.ok) return;
		expect(Object.keys(parsed.errors).sort()).toEqual([
			'r_abcdefghij_status',
			'r_abcdefghij_value',
			'r_task-7_narrative',
			'sr_level'
		]);
	});

	it('takes a self-rating only where the period carries one', () => {
		const form = post({
			r_abcdefghij_status: 'done',
			'r_task-7_status': 'done',
			sr_level: 'good',
			sr_strengths: 'Hoàn thành đúng hạn'
		});
		const values = readReportForm(form, items);
		const quarter = parseReport(values, items, true);
		expect(quarter.ok && quarter.selfRating).toEqual({
			level: 'good',
			strengths: 'Hoàn thành đúng hạn',
			shortcomings: ''
		});
		const month = parseReport(values, items, false);
		expect(month.ok && month.selfRating).toBeNull();
	});

	it('keeps only plain ids of earlier files, per line', () => {
		const form = post({ r_abcdefghij_keep: ['12', '12', 'x', '-1'], 'r_task-7_keep': '3' });
		expect(readKeptFiles(form, items)).toEqual(
			new Map([
				['abcdefghij', [12]],
				['task-7', [3]]
			])
		);
	});

	it('shows a stored report again as typed, with a decimal comma', () => {
		const values = reportFormOf(
			items,
			{
				lines: [
					{ key: 'abcdefghij', title: 'x', status: 'in_progress', value: 2.5, narrative: 'n' }
				]
			},
			null
		);
		expect(values.lines).toEqual([
			{ key: 'abcdefghij', status: 'in_progress', value: '2,5', narrative: 'n' },
			{ key: 'task-7', status: 'not_started', value: '', narrative: '' }
		]);
	});
});

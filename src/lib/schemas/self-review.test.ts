import { describe, expect, it } from 'vitest';
import { readSelfReviewForm } from './self-review';

const criteria = [{ code: 'political_quality' }];
const annex = [{ key: 'abcdefghij', title: 'Việc làm', result: 'on_time' as const }];

function post(over: Record<string, string>) {
	const form = new FormData();
	const fields = {
		score_political_quality: '7,5',
		result_abcdefghij: 'on_time',
		strengths: 'Ưu điểm.',
		shortcomings: 'Hạn chế.',
		remedies: 'Khắc phục.',
		proposed_level: 'good',
		...over
	};
	for (const [k, v] of Object.entries(fields)) form.set(k, v);
	return readSelfReviewForm(form, criteria, annex, 'points');
}

describe('readSelfReviewForm', () => {
	it('reads a decimal comma as a number and the annex from the opened review', () => {
		const r = post({});
		expect(r.ok && r.content.scores).toEqual({ political_quality: 7.5 });
		expect(r.ok && r.content.annex).toEqual(annex);
	});

	it('refuses a NUL byte, 10,000 characters, an unknown result or level, field by field', () => {
		const r = post({
			strengths: 'Ưu\u0000điểm',
			shortcomings: 'x'.repeat(10_000),
			result_abcdefghij: 'done',
			proposed_level: 'best'
		});
		expect(r.ok ? [] : Object.keys(r.errors).sort()).toEqual([
			'proposed_level',
			'result_abcdefghij',
			'shortcomings',
			'strengths'
		]);
	});

	it('keeps a score that is not a number as typed, for the form’s rules to refuse', () => {
		const r = post({ score_political_quality: '7\u0000' });
		expect(r.ok && r.content.scores).toEqual({ political_quality: '7\u0000' });
	});
});

import { describe, expect, it } from 'vitest';
import { suggestedResult, taskCounts, type TaskResult } from './self-review';

describe('taskCounts', () => {
	it('counts beyond as done on time, and adds up as the engine checks', () => {
		const results: TaskResult[] = ['beyond', 'on_time', 'on_time', 'late', 'not_completed'];
		expect(taskCounts(results.map((result) => ({ result })))).toEqual({
			total: 5,
			completed: 4,
			onTime: 3,
			late: 1,
			beyondRequirements: 1,
			notCompleted: 1
		});
		expect(taskCounts([])).toEqual({
			total: 0,
			completed: 0,
			onTime: 0,
			late: 0,
			beyondRequirements: 0,
			notCompleted: 0
		});
	});
});

describe('suggestedResult', () => {
	const number = { kind: 'number' as const, value: 100, unit: '%' };
	const yesNo = { kind: 'yes_no' as const };
	it.each([
		['nothing reported', number, undefined, 'not_completed'],
		['in progress', number, { status: 'in_progress', value: 80, late: false }, 'not_completed'],
		['failed', yesNo, { status: 'failed', value: null, late: false }, 'not_completed'],
		['done at the target', number, { status: 'done', value: 100, late: false }, 'on_time'],
		['done past the target', number, { status: 'done', value: 101, late: false }, 'beyond'],
		['done, yes/no', yesNo, { status: 'done', value: null, late: false }, 'on_time'],
		['done in a late report', number, { status: 'done', value: 120, late: true }, 'late']
	] as const)('%s → %s', (_, target, latest, expected) => {
		expect(suggestedResult(target, latest)).toBe(expected);
	});
});

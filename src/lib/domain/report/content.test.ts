import { describe, expect, it } from 'vitest';
import { progressPercent } from './content';

describe('progress toward a target', () => {
	const four = { kind: 'number' as const, value: 4, unit: 'bài' };
	it('follows the value reached for a number target, capped at 0–100', () => {
		expect(progressPercent(four, { status: 'in_progress', value: 1 })).toBe(25);
		expect(progressPercent(four, { status: 'done', value: 6 })).toBe(100);
		expect(progressPercent(four, { status: 'in_progress', value: null })).toBeNull();
		expect(progressPercent(four, { status: 'done', value: null })).toBe(100);
		expect(progressPercent({ ...four, value: 0 }, { status: 'in_progress', value: 3 })).toBeNull();
	});
	it('follows the status for a yes/no target', () => {
		const yesNo = { kind: 'yes_no' as const };
		expect(progressPercent(yesNo, { status: 'done', value: null })).toBe(100);
		expect(progressPercent(yesNo, { status: 'failed', value: null })).toBe(0);
		expect(progressPercent(yesNo, { status: 'in_progress', value: null })).toBeNull();
	});
});

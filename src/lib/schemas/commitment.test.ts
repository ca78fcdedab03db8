import { describe, expect, it } from 'vitest';
import { draftSchema, reviewSchema, signSchema } from './commitment';

const draft = (political: string) =>
	draftSchema.safeParse({ political, ethics: '', discipline: '', duties: '' });

const CONTROL_MESSAGE = /ký tự điều khiển/;

describe('control characters', () => {
	it('allows tab and the line breaks forms send', () => {
		expect(draft('Một\tHai\r\nBa\nBốn\rNăm').success).toBe(true);
		expect(draft('Việc một\r\nViệc\thai').success).toBe(true);
	});

	it.each([
		['NUL', '\u0000'],
		['bell', '\u0007'],
		['vertical tab', '\u000B'],
		['form feed', '\u000C'],
		['escape', '\u001B'],
		['unit separator', '\u001F']
	])('refuses %s in a personal item, with a message for the field', (_, ch) => {
		const result = draft(`Hoàn thành${ch} nhiệm vụ`);
		expect(result.success).toBe(false);
		expect(result.error?.issues[0]).toMatchObject({
			path: ['political'],
			message: expect.stringMatching(CONTROL_MESSAGE)
		});
	});

	it('refuses them when signing and in the cell’s comment too', () => {
		const sign = signSchema.safeParse({
			political: '',
			ethics: '',
			discipline: '',
			duties: 'a\u0000b',
			typed_name: 'Nguyễn Văn An',
			password: 'x',
			affirm: true
		});
		expect(sign.error?.issues.map((i) => i.path)).toEqual([['duties']]);
		const comment = reviewSchema.safeParse({
			commitment_id: 1,
			decision: 'returned',
			comment: 'Bổ sung\u0000'
		});
		expect(comment.error?.issues[0]).toMatchObject({
			path: ['comment'],
			message: expect.stringMatching(CONTROL_MESSAGE)
		});
	});

	it('refuses DEL and C1 controls too, and an item made only of invisible characters', () => {
		expect(draft('Việc\u007F').success).toBe(false);
		expect(draft('Việc\u0085').success).toBe(false);
		expect(draft('Việc một\n\u200B\u200B\nViệc hai').error?.issues[0].message).toMatch(/ký tự ẩn/);
		expect(draft('Việc một\n\u200B\u200B\nViệc hai').error?.issues).toHaveLength(1);
	});
});

describe('sign form preview', () => {
	it('defaults to empty, so a form without it reaches the signing check rather than failing here', () => {
		const parsed = signSchema.parse({
			typed_name: 'Nguyễn Văn An',
			password: 'x',
			affirm: true
		});
		expect(parsed.preview).toBe('');
	});
});

describe('length limits', () => {
	it('states the limits a member can act on, not a raw bound of the whole box', () => {
		const huge = draft('x'.repeat(100_000));
		expect(huge.error?.issues.map((i) => i.message)).toEqual([
			'Nội dung quá dài: mỗi mục tối đa 20 nội dung, mỗi nội dung tối đa 1000 ký tự.'
		]);
		expect(draft('x'.repeat(1001)).error?.issues[0].message).toBe(
			'Mỗi nội dung tối đa 1000 ký tự.'
		);
	});

	it('accepts the fullest box, even typed decomposed', () => {
		const line = 'ệ'.repeat(1000).normalize('NFD');
		expect(draft(Array.from({ length: 20 }, () => line).join('\r\n')).success).toBe(true);
	});
});

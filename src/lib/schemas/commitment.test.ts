import { describe, expect, it } from 'vitest';
import { draftSchema, hasControlCharacter, reviewSchema, signSchema } from './commitment';

const draft = (political: string) =>
	draftSchema.safeParse({ political, ethics: '', discipline: '', duties: '' });

const CONTROL_MESSAGE = /ký tự điều khiển/;

describe('control characters', () => {
	it('allows tab and the line breaks forms send', () => {
		expect(hasControlCharacter('Một\tHai\r\nBa\nBốn\rNăm')).toBe(false);
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

	it('lets DEL and characters beyond C0 through (PostgreSQL stores them)', () => {
		expect(hasControlCharacter('\u007F\u0085\u200B')).toBe(false);
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

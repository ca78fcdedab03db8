// The Vietnamese messages address the user as "đồng chí", as Party members address each other;
// the everyday "bạn" had crept into some of them (issue 8, item 11).
import { describe, expect, it } from 'vitest';

const files = import.meta.glob<Record<string, string>>('/messages/*/vi.json', {
	eager: true,
	import: 'default'
});

/** "bạn" as a word; "Ban" (a department, as in "Ban Tổ chức") is another word. */
const BAN = /(?<!\p{L})bạn(?!\p{L})/iu;

describe('how the Vietnamese messages address the user', () => {
	it('tells "bạn" from "Ban" and from longer words', () => {
		expect(BAN.test('Bạn không có quyền thực hiện thao tác này.')).toBe(true);
		expect(BAN.test('trong phạm vi của bạn.')).toBe(true);
		expect(BAN.test('Ban Tổ chức, Ban Thường vụ')).toBe(false);
		expect(BAN.test('Đồng chí không có quyền thực hiện thao tác này.')).toBe(false);
	});

	it('never says "bạn"', () => {
		expect(Object.keys(files).length).toBeGreaterThanOrEqual(10);
		const offenders = Object.entries(files).flatMap(([file, messages]) =>
			Object.entries(messages)
				.filter(([, text]) => BAN.test(text.normalize('NFC')))
				.map(([key, text]) => `${file} ${key}: ${text}`)
		);
		expect(offenders).toEqual([]);
	});
});

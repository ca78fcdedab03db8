import { describe, expect, it } from 'vitest';
import { optionalEmail, optionalText, requiredText, searchText, text, textProblem } from './fields';

const CONTROL = /ký tự điều khiển/;
const LINE = /một dòng/;
const BIDI = /đảo chiều/;
const INVISIBLE = /ký tự ẩn/;

const issue = (r: { success: boolean; error?: { issues: { message: string }[] } }) =>
	r.success ? undefined : r.error?.issues[0].message;

describe('the text rule', () => {
	it('stores Vietnamese composed (NFC) and trimmed', () => {
		const typed = '  Nguyễn Thị Ánh Tuyết '.normalize('NFD');
		expect(requiredText(120).parse(typed)).toBe('Nguyễn Thị Ánh Tuyết'.normalize('NFC'));
	});

	it.each([
		['NUL', '\u0000'],
		['start of heading', '\u0001'],
		['bell', '\u0007'],
		['backspace', '\u0008'],
		['vertical tab', '\u000B'],
		['form feed', '\u000C'],
		['escape', '\u001B'],
		['unit separator', '\u001F'],
		['DEL', '\u007F'],
		['C1 padding character', '\u0080'],
		['next line (NEL)', '\u0085'],
		['C1 application program command', '\u009F']
	])('refuses %s, in one line and in several', (_, ch) => {
		expect(issue(requiredText(100).safeParse(`Nguyễn${ch}Văn An`))).toMatch(CONTROL);
		expect(issue(text(0, 100, { multiline: true }).safeParse(`Dòng một\nDòng${ch}hai`))).toMatch(
			CONTROL
		);
	});

	it.each([
		['tab', '\t'],
		['line feed', '\n'],
		['carriage return', '\r'],
		['CR LF', '\r\n']
	])('refuses %s inside a one-line field, and allows it in a multi-line one', (_, ch) => {
		expect(issue(requiredText(100).safeParse(`Phòng${ch}Tổng hợp`))).toMatch(LINE);
		expect(text(0, 100, { multiline: true }).parse(`Phòng${ch}Tổng hợp`)).toBe(
			`Phòng${ch}Tổng hợp`
		);
	});

	it('trims a line break typed at either end of a one-line field', () => {
		expect(requiredText(100).parse('\tNguyễn Văn An\r\n')).toBe('Nguyễn Văn An');
	});

	it.each([
		['LRE', '\u202A'],
		['RLE', '\u202B'],
		['PDF', '\u202C'],
		['LRO', '\u202D'],
		['RLO', '\u202E'],
		['LRI', '\u2066'],
		['RLI', '\u2067'],
		['FSI', '\u2068'],
		['PDI', '\u2069']
	])('refuses the bidirectional control %s anywhere', (_, ch) => {
		expect(issue(requiredText(100).safeParse(`Nguyễn ${ch}nĂ náV`))).toMatch(BIDI);
		expect(issue(text(0, 100, { multiline: true }).safeParse(`a\n${ch}b`))).toMatch(BIDI);
	});

	it.each([
		['two zero-width spaces', '\u200B\u200B'],
		['zero-width non-joiner', '\u200C'],
		['zero-width joiner', '\u200D'],
		['word joiner', '\u2060'],
		['byte order mark between zero-width spaces', '\u200B\uFEFF\u200B'],
		['zero-width and ordinary spaces', '\u200B \u200B'],
		['Hangul filler', '\u3164'],
		['Braille blank', '\u2800'],
		['soft hyphen', '\u00AD']
	])('refuses a value made only of invisible characters: %s', (_, value) => {
		expect(textProblem(value)).toBe('invisible');
		expect(issue(requiredText(100).safeParse(value))).toMatch(INVISIBLE);
		expect(issue(optionalText(100).safeParse(value))).toMatch(INVISIBLE);
	});

	it('refuses blank lines only as a whole value: spaces alone are an empty value', () => {
		expect(issue(requiredText(100).safeParse(' \u00A0 '))).toBe('Vui lòng nhập thông tin này.');
		expect(optionalText(100).parse(' \u00A0 ')).toBeNull();
	});

	it('accepts invisible characters next to visible text (they join scripts and emoji)', () => {
		expect(requiredText(100).parse('Nguyễn\u200DVăn An')).toBe('Nguyễn\u200DVăn An');
		expect(textProblem('👨\u200D👩\u200D👧')).toBeNull();
	});

	it('applies to e-mail addresses too', () => {
		expect(issue(optionalEmail().safeParse('an\u0000@example.vn'))).toMatch(CONTROL);
		expect(issue(optionalEmail().safeParse('an@exam\u202Eple.vn'))).toMatch(BIDI);
		expect(optionalEmail().parse(' An@Example.VN ')).toBe('an@example.vn');
	});
});

describe('search text', () => {
	it('is tidied like any field', () => {
		expect(searchText('  nguyễn '.normalize('NFD'))).toEqual({
			q: 'nguyễn',
			typed: 'nguyễn',
			error: null
		});
		expect(searchText(null)).toEqual({ q: '', typed: '', error: null });
	});

	it('refuses, not cuts or clears, a text over 100 characters, and keeps it in the box', () => {
		const long = 'n'.repeat(101);
		expect(searchText('n'.repeat(100)).error).toBeNull();
		expect(searchText(long)).toEqual({ q: '', typed: long, error: 'Tối đa 100 ký tự.' });
	});

	it('refuses control and bidirectional characters', () => {
		expect(searchText('\u0000').error).toMatch(CONTROL);
		expect(searchText('an\u202E').error).toMatch(BIDI);
		expect(searchText('\u0000').q).toBe('');
	});
});

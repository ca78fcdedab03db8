import { describe, expect, it } from 'vitest';
import { safeNext } from './next';

const ORIGIN = 'https://camket.example.vn';
const next = (raw: unknown) => safeNext(raw, new URL(`${ORIGIN}/login?next=x`));

describe('safeNext', () => {
	it.each([
		['/', '/'],
		['/members', '/members'],
		['/members?q=an&page=2#top', '/members?q=an&page=2#top'],
		['/members/12/commitments?year=2026', '/members/12/commitments?year=2026'],
		// Re-serialized, so a Location header never carries a character Node refuses.
		['/members?q=Nguyễn', '/members?q=Nguy%E1%BB%85n'],
		['/a/../notifications', '/notifications']
	])('keeps the same-site path %j', (raw, expected) => {
		expect(next(raw)).toBe(expected);
	});

	it.each([
		['tab', '/\t/evil.example'],
		['newline', '/\n/x'],
		['carriage return', '/\r/evil.example'],
		['NUL', '/a\u0000b'],
		['C1 control', '/a\u0085b'],
		['backslash', '/\\evil.example'],
		['two backslashes', '\\\\evil.example'],
		['protocol-relative', '//evil.example'],
		['protocol-relative with path', '//evil.example/login'],
		['three slashes', '///evil.example'],
		['dot segment to //', '/.//evil.example'],
		['dot-dot segment to //', '/a/..//evil.example'],
		['encoded slashes', '/%2F%2Fevil.example'],
		['encoded slash after one', '/%2Fevil.example'],
		['encoded slash after a dot segment', '/./%2F/evil.example'],
		['encoded backslash', '/%5Cevil.example'],
		['encoded tab', '/%09/evil.example'],
		['encoded newline', '/%0A/x'],
		['encoded NUL', '/a%00b'],
		['malformed escape', '/%E0%A4%A'],
		['absolute URL elsewhere', 'https://evil.example/'],
		['absolute URL of this site', `${ORIGIN}/members`],
		['scheme without slashes', 'https:evil.example'],
		['javascript:', 'javascript:alert(1)'],
		['data:', 'data:text/html,hi'],
		['relative path', 'members'],
		['empty', ''],
		['null', null],
		['a File', new Blob(['/'])]
	])('falls back to / for %s', (_, raw) => {
		expect(next(raw)).toBe('/');
	});

	it('falls back to the given default', () => {
		expect(safeNext('//evil.example', ORIGIN, '/notifications')).toBe('/notifications');
		expect(safeNext(null, ORIGIN, '/notifications')).toBe('/notifications');
	});
});

import { describe, expect, it } from 'vitest';
import { accountListSearch, parseAccountListQuery } from './accounts';

const parse = (s: string) => parseAccountListQuery(new URLSearchParams(s));

describe('account list query', () => {
	it('reads search, status and page', () => {
		expect(parse('q=+Nguy%E1%BB%85n+&status=disabled&page=3')).toEqual({
			q: 'Nguyễn',
			search: { q: 'Nguyễn', typed: 'Nguyễn', error: null },
			status: 'disabled',
			page: 3
		});
	});

	it('falls back to defaults for junk', () => {
		const defaults = { q: '', status: null, page: 1 };
		expect(parse('status=root&page=-1')).toMatchObject(defaults);
		expect(parse('page=1.5')).toMatchObject(defaults);
		expect(parse('page=99999999')).toMatchObject(defaults);
	});

	it('refuses a search over 100 characters instead of cutting it', () => {
		const q = parse(`q=${'x'.repeat(300)}`);
		expect(q.q).toBe('');
		expect(q.search).toMatchObject({ typed: 'x'.repeat(300), error: 'Tối đa 100 ký tự.' });
	});

	it('builds links without defaults', () => {
		expect(accountListSearch({ q: '', status: null, page: 1 })).toBe('');
		expect(accountListSearch({ q: 'an', status: 'pending', page: 1 }, 2)).toBe(
			'q=an&status=pending&page=2'
		);
	});
});

import { describe, expect, it } from 'vitest';
import { accountListSearch, parseAccountListQuery } from './accounts';

const parse = (s: string) => parseAccountListQuery(new URLSearchParams(s));

describe('account list query', () => {
	it('reads search, status and page', () => {
		expect(parse('q=+Nguy%E1%BB%85n+&status=disabled&page=3')).toEqual({
			q: 'Nguyễn',
			status: 'disabled',
			page: 3
		});
	});

	it('falls back to defaults for junk', () => {
		expect(parse('status=root&page=-1')).toEqual({ q: '', status: null, page: 1 });
		expect(parse('page=1.5')).toEqual({ q: '', status: null, page: 1 });
		expect(parse('page=99999999')).toEqual({ q: '', status: null, page: 1 });
		expect(parse(`q=${'x'.repeat(300)}`).q).toHaveLength(100);
	});

	it('builds links without defaults', () => {
		expect(accountListSearch({ q: '', status: null, page: 1 })).toBe('');
		expect(accountListSearch({ q: 'an', status: 'pending', page: 1 }, 2)).toBe(
			'q=an&status=pending&page=2'
		);
	});
});

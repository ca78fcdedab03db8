import { describe, expect, it } from 'vitest';
import { statementNamer } from './connect';

describe('statementNamer', () => {
	it('names each read once and reuses the name; writes and long lists go unnamed', () => {
		const name = statementNamer(true);
		const a = name('select "id" from "members" where "id" = $1', [1]);
		expect(a).toEqual({
			name: 'camket_0',
			text: 'select "id" from "members" where "id" = $1',
			values: [1]
		});
		expect(name('select "id" from "members" where "id" = $1', [2]).name).toBe('camket_0');
		expect(name('with x as (select 1) select * from x', []).name).toBe('camket_1');
		expect(name('insert into "audit_log" ("action") values ($1)', ['x'])).not.toHaveProperty(
			'name'
		);
		const many = Array.from({ length: 33 }, (_, i) => i);
		expect(name('select 1 where 1 in ($1)', many)).not.toHaveProperty('name');
	});

	it('stops naming after 500 statements, and names nothing when turned off', () => {
		const name = statementNamer(true);
		for (let i = 0; i < 500; i++) expect(name(`select ${i}`, []).name).toBe(`camket_${i}`);
		expect(name('select 500', [])).not.toHaveProperty('name');
		expect(name('select 7', []).name).toBe('camket_7');
		expect(statementNamer(false)('select 1', [])).not.toHaveProperty('name');
		expect(statementNamer(true, 'camket2')('select 1', []).name).toBe('camket2_0');
	});
});

// Set-based statements: one array parameter per column, expanded by unnest(), so a statement
// carries thousands of rows without per-row round trips or the 65,535-parameter limit.
import { sql, type RawBuilder } from 'kysely';
import type { Db } from './connect';

export type PgType = 'text' | 'int' | 'date';
export type Columns = Record<string, [PgType, (string | number | null)[]]>;

/** `unnest($1::text[], $2::int[], …) as v(a, b, …)` for use in FROM. */
export function unnest(cols: Columns): RawBuilder<unknown> {
	const names = Object.keys(cols);
	const args = names.map((n) => sql`${cols[n][1]}::${sql.raw(cols[n][0])}[]`);
	return sql`unnest(${sql.join(args)}) as v(${sql.join(names.map((n) => sql.ref(n)))})`;
}

/** Inserts the rows and returns the requested columns of each new row. */
export async function insertRows<R>(
	db: Db,
	table: string,
	cols: Columns,
	returning: string[]
): Promise<R[]> {
	const names = Object.keys(cols);
	if (cols[names[0]][1].length === 0) return [];
	const { rows } = await sql<R>`
		insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.ref(n)))})
		select ${sql.join(names.map((n) => sql.ref(`v.${n}`)))} from ${unnest(cols)}
		returning ${sql.join(returning.map((n) => sql.ref(n)))}`.execute(db);
	return rows;
}

/** Sets `set` columns from `v` on the rows whose id is in `v.id`. */
export async function updateRows(
	db: Db,
	table: string,
	cols: Columns,
	set: string[]
): Promise<void> {
	if (cols.id[1].length === 0 || set.length === 0) return;
	await sql`
		update ${sql.table(table)} as t
		set ${sql.join(set.map((n) => sql`${sql.ref(n)} = ${sql.ref(`v.${n}`)}`))}
		from ${unnest(cols)}
		where t.id = v.id`.execute(db);
}

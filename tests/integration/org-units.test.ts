import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from './helpers/db';

let t: TestDb;
beforeAll(async () => {
	t = await createTestDb();
});
afterAll(async () => t?.close());

describe('org_units tree', () => {
	it('keeps paths right on insert and move', async () => {
		const { db } = t;
		const ins = (kind: string, code: string, parent_id: number | null) =>
			db
				.insertInto('org_units')
				.values({ kind, code, name: `Unit ${code}`, parent_id })
				.returning(['id', 'path', 'depth'])
				.executeTakeFirstOrThrow();
		const bloc = await ins('bloc', 'B', null);
		const g1 = await ins('grassroots_committee', 'G1', bloc.id);
		const g2 = await ins('grassroots_committee', 'G2', bloc.id);
		const c = await ins('cell', 'C1', g1.id);
		expect(c.path).toBe(`/${bloc.id}/${g1.id}/${c.id}/`);
		expect(c.depth).toBe(2);
		await db.updateTable('org_units').set({ parent_id: g2.id }).where('id', '=', c.id).execute();
		const moved = await db
			.selectFrom('org_units')
			.select('path')
			.where('id', '=', c.id)
			.executeTakeFirstOrThrow();
		expect(moved.path).toBe(`/${bloc.id}/${g2.id}/${c.id}/`);
		await expect(ins('cell', 'C2', bloc.id)).rejects.toMatchObject({
			constraint: 'org_units_parent_kind_check'
		});
		const folded = await sql<{ f: string }>`select vn_fold('Nguyễn Đức Thắng') as f`.execute(db);
		expect(folded.rows[0].f).toBe('nguyen duc thang');
	});
});

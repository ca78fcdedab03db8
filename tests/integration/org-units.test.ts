import type { UnitKind } from '$lib/domain/roles';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { moveUnitSchema } from '$lib/schemas/units';
import { refuseForm } from '$lib/server/http/refuse';
import { createTestDb, type TestDb } from './helpers/db';

let t: TestDb;
beforeAll(async () => {
	t = await createTestDb();
});
afterAll(async () => t?.close());

describe('org_units tree', () => {
	it('keeps paths right on insert and move', async () => {
		const { db } = t;
		const ins = (kind: UnitKind, code: string, parent_id: number | null) =>
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

	it('refuses a dissolved parent or cell; a refusal with a field is shown on it', async () => {
		const { db } = t;
		const ins = (kind: UnitKind, code: string, parent_id: number | null) =>
			db
				.insertInto('org_units')
				.values({ kind, code, name: `Unit ${code}`, parent_id })
				.returning('id')
				.executeTakeFirstOrThrow();
		const bloc = await ins('bloc', 'B9', null);
		const g = await ins('grassroots_committee', 'G9', bloc.id);
		const cell = await ins('cell', 'C9', g.id);
		await db
			.updateTable('org_units')
			.set({ dissolved_on: '2025-01-01' })
			.where('id', 'in', [g.id, cell.id])
			.execute();
		const underDissolved = await ins('cell', 'C99', g.id).catch((e: unknown) => e);
		expect(underDissolved).toMatchObject({ constraint: 'org_units_parent_active_check' });
		const member = await db
			.insertInto('members')
			.values({ card_no: '90000001', full_name: 'Nguyễn Văn Chín' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const intoDissolved = await db
			.insertInto('memberships')
			.values({ member_id: member.id, unit_id: cell.id, started_on: '2025-02-01' })
			.execute()
			.catch((e: unknown) => e);
		expect(intoDissolved).toMatchObject({ constraint: 'memberships_unit_active_check' });

		const move = await superValidate(zod4(moveUnitSchema), { id: 'move' });
		expect(
			refuseForm(move, { code: 'parent_dissolved', field: 'parent_id' }, 'Đã giải thể.')
		).toMatchObject({
			status: 400,
			data: { form: { errors: { parent_id: ['Đã giải thể.'] } } }
		});
		expect(refuseForm(move, { code: 'conflict' }, 'Vừa thay đổi.')).toMatchObject({
			status: 409,
			data: { form: { message: { type: 'error', text: 'Vừa thay đổi.' } } }
		});
		expect(() => refuseForm(move, { code: 'not_found' }, '')).toThrow(
			expect.objectContaining({ status: 404 })
		);
	});
});

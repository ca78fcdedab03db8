import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transferMember, updateMember, type MemberInput } from '$lib/server/members/write';
import { getMemberDetail } from '$lib/server/members/read';
import { assignRole, endRole } from '$lib/server/roles/assign';
import { dissolveUnit, mergeUnit, moveUnit, renameUnit } from '$lib/server/units/manage';
import { createTestDb, type TestDb } from './helpers/db';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
});
afterAll(async () => t?.close());

function editable(member: Awaited<ReturnType<typeof getMemberDetail>>['member']): MemberInput {
	const { id: _i, updated_at: _u, gender, ...rest } = member;
	return { ...rest, gender: gender === 'male' || gender === 'female' ? gender : null };
}

const auditOf = (action: string) =>
	t.db
		.selectFrom('audit_log')
		.select(['entity_id', 'unit_path', 'changes', 'actor_account_id'])
		.where('action', '=', action)
		.execute();

describe('member edits', () => {
	it('save only changed fields, with before → after in the audit trail', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000002'];
		const { member } = await getMemberDetail(t.db, id);
		const fields = editable(member);
		expect(await updateMember(ctx, { id, unitPath: tree.units.C1.path }, fields)).toBe('unchanged');
		expect(
			await updateMember(
				ctx,
				{ id, unitPath: tree.units.C1.path },
				{ ...fields, workplace: 'Sở Tài chính' }
			)
		).toBe('saved');
		const [row] = await auditOf('member.updated');
		expect(row).toMatchObject({
			entity_id: String(id),
			unit_path: tree.units.C1.path,
			actor_account_id: tree.accounts.committee
		});
		expect(row.changes).toEqual({ workplace: [null, 'Sở Tài chính'] });
	});

	it('refuse a duplicate card number through the unique constraint', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000003'];
		const { member } = await getMemberDetail(t.db, id);
		const fields = editable(member);
		await expect(
			updateMember(ctx, { id, unitPath: tree.units.C1.path }, { ...fields, card_no: '10000001' })
		).rejects.toMatchObject({
			constraint: 'members_card_no_key'
		});
	});
});

describe('transfers', () => {
	it('close one membership and open the next on the same day', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000003'];
		expect(await transferMember(ctx, id, tree.units.C2, '2025-06-01')).toBeUndefined();
		const detail = await getMemberDetail(t.db, id);
		expect(
			detail.memberships.map((m) => [m.unit_name, m.started_on, m.ended_on, m.end_reason])
		).toEqual([
			['Đơn vị C2', '2025-06-01', null, null],
			['Đơn vị C1', '2020-01-01', '2025-06-01', 'transfer']
		]);
		expect((await auditOf('membership.started')).map((r) => r.unit_path)).toEqual([
			tree.units.C2.path
		]);
	});

	it('refuse: same cell, a date before the current start, a target out of scope', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000003'];
		expect(await transferMember(ctx, id, tree.units.C2, '2025-07-01')).toBe('same_cell');
		expect(await transferMember(ctx, id, tree.units.C1, '2025-05-01')).toEqual({
			startedOn: '2025-06-01'
		});
		expect(await transferMember(ctx, id, tree.units.GC, '2025-07-01')).toBe('target_out_of_scope');
		const secretary = await ctxFor(t.db, tree.accounts.secretary);
		expect(
			await transferMember(secretary, tree.members['10000002'], tree.units.C2, '2025-07-01')
		).toBe('target_out_of_scope');
	});

	it('cannot overlap periods, even written directly', async () => {
		await expect(
			t.db
				.insertInto('memberships')
				.values({
					member_id: tree.members['10000003'],
					unit_id: tree.units.GC.id,
					started_on: '2024-01-01'
				})
				.execute()
		).rejects.toMatchObject({ constraint: 'memberships_overlap_check' });
		await expect(
			t.db
				.insertInto('memberships')
				.values({
					member_id: tree.members['10000003'],
					unit_id: tree.units.GC.id,
					started_on: '2021-01-01',
					ended_on: '2021-06-01',
					end_reason: 'correction'
				})
				.execute()
		).rejects.toMatchObject({ constraint: 'memberships_overlap_check' });
	});
});

describe('roles', () => {
	it('are given from above, to a member inside the unit', async () => {
		const committee = await ctxFor(t.db, tree.accounts.committee);
		const secretary = await ctxFor(t.db, tree.accounts.secretary);
		const input = {
			role: 'cell_deputy_secretary' as const,
			card_no: '10000002',
			started_on: '2025-01-01'
		};
		expect(await assignRole(secretary, tree.units.C1, input)).toBe('not_allowed');
		expect(
			await assignRole(committee, tree.units.G1, { ...input, role: 'grassroots_committee_member' })
		).toBe('not_allowed');
		expect(await assignRole(committee, tree.units.C1, { ...input, card_no: '10000006' })).toBe(
			'member_not_found'
		);
		expect(
			await assignRole(committee, tree.units.C1, { ...input, role: 'organization_department' })
		).toBe('role_unfit');
		expect(await assignRole(committee, tree.units.C1, input)).toBeUndefined();
		expect(await assignRole(committee, tree.units.C1, input)).toBe('duplicate');
		const [row] = await auditOf('role.assigned');
		expect(await endRole(committee, tree.units.C1, Number(row.entity_id))).toBeUndefined();
		expect(await endRole(committee, tree.units.C1, Number(row.entity_id))).toBe('not_found');
	});
});

describe('the tree', () => {
	it('renames and moves with the subtree following', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		await renameUnit(org, tree.units.C2, { code: 'C2', name: 'Chi bộ Phòng Kế hoạch' });
		const g2 = await t.db
			.insertInto('org_units')
			.values({
				code: 'G2',
				kind: 'grassroots_committee',
				name: 'Đảng bộ G2',
				parent_id: tree.units.B.id
			})
			.returning(['id', 'path', 'kind', 'name', 'code', 'parent_id', 'dissolved_on'])
			.executeTakeFirstOrThrow();
		await moveUnit(org, tree.units.C2, g2);
		const c2 = await t.db
			.selectFrom('org_units')
			.select(['path', 'name'])
			.where('id', '=', tree.units.C2.id)
			.executeTakeFirstOrThrow();
		expect(c2).toEqual({ path: `${g2.path}${tree.units.C2.id}/`, name: 'Chi bộ Phòng Kế hoạch' });
		// The committee of G1 no longer sees C2's members: scope follows the tree.
		const committee = await ctxFor(t.db, tree.accounts.committee);
		expect(committee.actor.grants[0].unitPath).toBe(tree.units.G1.path);
		const moved = await t.db
			.selectFrom('memberships as ms')
			.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
			.select(sql<number>`count(*)::int`.as('n'))
			.where('ms.ended_on', 'is', null)
			.where('u.path', 'like', `${g2.path}%`)
			.executeTakeFirstOrThrow();
		expect(moved.n).toBe(3);
		await expect(
			t.db
				.updateTable('org_units')
				.set({ parent_id: tree.units.C2.id })
				.where('id', '=', g2.id)
				.execute()
		).rejects.toMatchObject({ constraint: 'org_units_cycle_check' });
	});

	it('merges a cell into another, keeping the history, then refuses to dissolve a non-empty unit', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const c2 = await t.db
			.selectFrom('org_units')
			.select(['id', 'path', 'kind', 'name', 'code', 'parent_id', 'dissolved_on'])
			.where('id', '=', tree.units.C2.id)
			.executeTakeFirstOrThrow();
		expect(await mergeUnit(org, c2, c2, '2025-09-01')).toBe('same');
		expect(await dissolveUnit(org, tree.units.C1, '2025-09-01')).toEqual({ members: 2, units: 0 });
		expect(await mergeUnit(org, c2, tree.units.C1, '2025-09-01')).toBeUndefined();
		const after = await t.db
			.selectFrom('org_units')
			.select(['dissolved_on', 'merged_into_id'])
			.where('id', '=', c2.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual({ dissolved_on: '2025-09-01', merged_into_id: tree.units.C1.id });
		const history = await getMemberDetail(t.db, tree.members['10000004']);
		expect(history.memberships.map((m) => [m.unit_name, m.end_reason])).toEqual([
			['Đơn vị C1', null],
			['Chi bộ Phòng Kế hoạch', 'unit_merged']
		]);
		const gone = await t.db
			.selectFrom('role_assignments')
			.select('ended_on')
			.where('unit_id', '=', c2.id)
			.execute();
		expect(gone.every((r) => r.ended_on !== null)).toBe(true);
	});
});

// Transfers between cells (members/write.ts transferMember): one membership closes as the next
// opens, the roles left behind end on the same day, and a refused transfer changes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refuse } from '$lib/domain/result';
import { getMemberDetail, unitAncestors } from '$lib/server/members/read';
import { transferMember } from '$lib/server/members/write';
import * as transferRoute from '../../src/routes/(app)/members/[id]/transfer/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent, type Handler } from './helpers/event';
import { auditOf, endedOn, grant, insertUnit, memberIn, unitRow } from './helpers/org';
import { cleared } from './helpers/scoped';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
});
afterAll(async () => t?.close());

const onTarget = { field: 'to_unit_id' };

const membershipsOf = async (id: number) =>
	(await getMemberDetail(t.db, cleared({ id }))).memberships.map((m) => [
		m.unit_name,
		m.started_on,
		m.ended_on,
		m.end_reason
	]);

describe('transfers', () => {
	it('close one membership and open the next on the same day', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000003'];
		expect(
			await transferMember(ctx, memberIn(id, tree.units.C1), tree.units.C2, '2025-06-01')
		).toEqual(ok());
		expect(await membershipsOf(id)).toEqual([
			['Đơn vị C2', '2025-06-01', null, null],
			['Đơn vị C1', '2020-01-01', '2025-06-01', 'transfer']
		]);
		const started = (await auditOf(t.db, 'membership.started')).filter(
			(r) => (r.changes as { member_id: unknown[] }).member_id[1] === id
		);
		expect(started.map((r) => r.unit_path)).toEqual([tree.units.C2.path]);
		// The breadcrumbs follow the open membership, root first, as unitAncestors reads them.
		const detail = await getMemberDetail(t.db, cleared({ id }));
		expect(detail.ancestors).toEqual(await unitAncestors(t.db, tree.units.C2.path));
		expect(detail.ancestors.map((a) => a.id)).toEqual([
			tree.units.B.id,
			tree.units.G1.id,
			tree.units.C2.id
		]);
		expect(detail.status).toBe('official');
	});

	it('refuse: same cell, a date before the current start, a target out of scope', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const em = memberIn(tree.members['10000005'], tree.units.C2); // in C2 since 2020-01-01
		expect(await transferMember(ctx, em, tree.units.C2, '2025-07-01')).toEqual(
			refuse('same_cell', onTarget)
		);
		expect(await transferMember(ctx, em, tree.units.C1, '2019-12-01')).toEqual(
			refuse('date_before_start', { field: 'date', detail: { startedOn: '2020-01-01' } })
		);
		expect(await transferMember(ctx, em, tree.units.GC, '2025-07-01')).toEqual(
			refuse('target_out_of_scope', onTarget)
		);
		const secretary = await ctxFor(t.db, tree.accounts.secretary);
		const binh = memberIn(tree.members['10000002'], tree.units.C1);
		expect(await transferMember(secretary, binh, tree.units.C2, '2025-07-01')).toEqual(
			refuse('target_out_of_scope', onTarget)
		);
		expect(await membershipsOf(em.id)).toEqual([['Đơn vị C2', '2020-01-01', null, null]]);
		expect(await membershipsOf(binh.id)).toEqual([['Đơn vị C1', '2020-01-01', null, null]]);
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

	it('refuse a dissolved cell, in the function and on the form', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const closed = await insertUnit(t.db, 'C5', 'cell', tree.units.G1.id);
		await t.db
			.updateTable('org_units')
			.set({ dissolved_on: '2025-09-01' })
			.where('id', '=', closed.id)
			.execute();
		const id = tree.members['10000001'];
		const an = memberIn(id, tree.units.C1);
		const dissolved = await unitRow(t.db, closed.id);
		expect(await transferMember(org, an, dissolved, '2025-12-01')).toEqual(
			refuse('target_dissolved', onTarget)
		);
		const transfer = transferRoute.actions.default as unknown as Handler;
		const res = await transfer(
			requestEvent(org, '/(app)/members/[id]/transfer', {
				params: { id: String(id) },
				form: { to_unit_id: String(closed.id), date: '2025-12-01' }
			})
		);
		expect(res).toMatchObject({
			status: 400,
			data: { form: { errors: { to_unit_id: ['Chi bộ được chọn đã giải thể.'] } } }
		});
		expect(await membershipsOf(id)).toEqual([['Đơn vị C1', '2020-01-01', null, null]]);
	});
});

describe('roles after a transfer', () => {
	it('end where the new cell is not, on the transfer date, each with a role.ended row', async () => {
		const c3 = await insertUnit(t.db, 'C3', 'cell', tree.units.G1.id);
		const binh = memberIn(tree.members['10000002'], tree.units.C1);
		const account = tree.accounts.plain;
		const deputy = await grant(t.db, account, 'cell_deputy_secretary', tree.units.C1.id);
		const later = await grant(
			t.db,
			account,
			'cell_committee_member',
			tree.units.C1.id,
			'2025-12-01'
		);
		const committee = await grant(t.db, account, 'grassroots_committee_member', tree.units.G1.id);
		const bloc = await grant(t.db, account, 'inspection_commission', tree.units.B.id);
		const before = (await auditOf(t.db, 'role.ended')).length;

		const byCommittee = await ctxFor(t.db, tree.accounts.committee);
		expect(await transferMember(byCommittee, binh, c3, '2025-10-01')).toEqual(ok());
		// The role that starts after the transfer ends on its first day (dates check).
		expect(await endedOn(t.db, [deputy, later, committee, bloc])).toEqual({
			[deputy]: '2025-10-01',
			[later]: '2025-12-01',
			[committee]: null,
			[bloc]: null
		});
		expect((await auditOf(t.db, 'role.ended')).slice(before)).toEqual([
			{
				entity_id: String(deputy),
				unit_path: tree.units.C1.path,
				changes: { ended_on: [null, '2025-10-01'] },
				actor_account_id: tree.accounts.committee
			},
			{
				entity_id: String(later),
				unit_path: tree.units.C1.path,
				changes: { ended_on: [null, '2025-12-01'] },
				actor_account_id: tree.accounts.committee
			}
		]);
		const moved = await ctxFor(t.db, account);
		expect(moved.actor.grants.map((g) => [g.role, g.unitId])).toEqual([
			['inspection_commission', tree.units.B.id],
			['grassroots_committee_member', tree.units.G1.id]
		]);

		// Leaving the grassroots committee ends its role too; the bloc role stays.
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		expect(await transferMember(org, memberIn(binh.id, c3), tree.units.GC, '2025-11-01')).toEqual(
			ok()
		);
		expect(await endedOn(t.db, [committee, bloc])).toEqual({
			[committee]: '2025-11-01',
			[bloc]: null
		});
		expect((await auditOf(t.db, 'role.ended')).slice(before + 2)).toEqual([
			expect.objectContaining({ entity_id: String(committee), unit_path: tree.units.G1.path })
		]);
	});
});

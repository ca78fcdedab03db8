// Roles (roles/assign.ts): given from above, to a member inside the unit, never to oneself; two
// identical assignments at once leave one.
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refuse } from '$lib/domain/result';
import type { Role } from '$lib/domain/roles';
import { assignRole, endRole } from '$lib/server/roles/assign';
import * as rolesRoute from '../../src/routes/(app)/units/[id]/roles/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent } from './helpers/event';
import { auditOf, onServer, someoneWaitsForALock } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
});
afterAll(async () => t?.close());

const onCard = { field: 'card_no' };

/** The open assignments of `role` in `unitId`, by login (the tree's logins are card numbers). */
const holders = (role: Role, unitId: number) =>
	t.db
		.selectFrom('role_assignments as r')
		.innerJoin('accounts as a', 'a.id', 'r.account_id')
		.select(['r.id', 'a.login'])
		.where('r.role', '=', role)
		.where('r.unit_id', '=', unitId)
		.where('r.ended_on', 'is', null)
		.execute();

/** Hides open role assignments from reads, as an identical assignment not yet committed is hidden. */
function blindToRoles(): KyselyPlugin {
	const blind = new Set<string>();
	return {
		transformQuery({ node, queryId }) {
			if (node.kind === 'SelectQueryNode' && JSON.stringify(node).includes('"role_assignments"'))
				blind.add(queryId.queryId);
			return node;
		},
		transformResult: async ({ queryId, result }) =>
			blind.has(queryId.queryId) ? { ...result, rows: [] } : result
	};
}

describe('roles', () => {
	it('are given from above, to a member inside the unit', async () => {
		const committee = await ctxFor(t.db, tree.accounts.committee);
		const secretary = await ctxFor(t.db, tree.accounts.secretary);
		const input = {
			role: 'cell_deputy_secretary' as const,
			card_no: '10000002',
			started_on: '2025-01-01'
		};
		expect(await assignRole(secretary, tree.units.C1, input)).toEqual(refuse('not_found'));
		expect(
			await assignRole(committee, tree.units.G1, { ...input, role: 'grassroots_committee_member' })
		).toEqual(refuse('not_found'));
		expect(await assignRole(committee, tree.units.C1, { ...input, card_no: '10000006' })).toEqual(
			refuse('member_not_found', onCard)
		);
		expect(
			await assignRole(committee, tree.units.C1, { ...input, role: 'organization_department' })
		).toEqual(refuse('role_unfit', { field: 'role' }));
		expect(await holders('cell_deputy_secretary', tree.units.C1.id)).toEqual([]);

		expect(await assignRole(committee, tree.units.C1, input)).toEqual(ok());
		expect(await assignRole(committee, tree.units.C1, input)).toEqual(refuse('duplicate', onCard));
		const [given] = await holders('cell_deputy_secretary', tree.units.C1.id);
		expect(given.login).toBe('10000002');
		expect((await auditOf(t.db, 'role.assigned')).map((r) => r.entity_id)).toContain(
			String(given.id)
		);
		expect(await endRole(committee, tree.units.C1, given.id)).toEqual(ok());
		expect(await endRole(committee, tree.units.C1, given.id)).toEqual(refuse('not_found'));
		expect(await holders('cell_deputy_secretary', tree.units.C1.id)).toEqual([]);
	});

	it('are never given to oneself, even where one gives them to others', async () => {
		// Phạm Thị Dung (10000004) sits on the committee of G1 and is a member of its cell C2.
		const committee = await ctxFor(t.db, tree.accounts.committee);
		const own = { role: 'cell_secretary' as const, card_no: '10000004', started_on: '2025-01-01' };
		expect(await assignRole(committee, tree.units.C2, own)).toEqual(refuse('self', onCard));
		expect(await holders('cell_secretary', tree.units.C2.id)).toEqual([]);
		// Through the page as well: the card number's field says why.
		const viaPage = (await rolesRoute.actions.assign(
			requestEvent(committee, '/(app)/units/[id]/roles', {
				params: { id: String(tree.units.C2.id) },
				search: '?/assign',
				form: own
			}) as never
		)) as { status: number; data: { form: { errors: Record<string, string[]> } } };
		expect(viaPage.status).toBe(400);
		expect(viaPage.data.form.errors.card_no).toEqual([
			'Đồng chí không thể tự phân công chức vụ cho mình; việc này do cấp trên thực hiện.'
		]);
		expect(await holders('cell_secretary', tree.units.C2.id)).toEqual([]);
		expect(await assignRole(committee, tree.units.C2, { ...own, card_no: '10000005' })).toEqual(
			ok()
		);
		expect(await holders('cell_secretary', tree.units.C2.id)).toEqual([
			expect.objectContaining({ login: '10000005' })
		]);
	});
});

describe('simultaneous role assignments', () => {
	const input = {
		role: 'cell_committee_member' as const,
		card_no: '10000007',
		started_on: '2025-01-01'
	};

	it('the second of two identical ones is a duplicate, not an error', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		expect(await assignRole(org, tree.units.GC, input)).toEqual(ok());
		// Its check ran before the first one committed: simulated by hiding the first from it.
		const late = { ...org, db: t.db.withPlugin(blindToRoles()) };
		expect(await assignRole(late, tree.units.GC, input)).toEqual(refuse('duplicate', onCard));
		expect(await holders(input.role, tree.units.GC.id)).toHaveLength(1);
	});

	it.runIf(onServer)('really at the same time on PostgreSQL', async () => {
		const committee = await ctxFor(t.db, tree.accounts.committee);
		const same = { ...input, card_no: '10000003' };
		const account = await t.db
			.selectFrom('accounts')
			.select('id')
			.where('login', '=', '10000003')
			.executeTakeFirstOrThrow();
		let pending!: ReturnType<typeof assignRole>;
		await t.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('role_assignments')
				.values({
					account_id: account.id,
					role: same.role,
					unit_id: tree.units.C1.id,
					started_on: same.started_on
				})
				.execute();
			pending = assignRole(committee, tree.units.C1, same);
			expect(await someoneWaitsForALock(t.db)).toBe(true);
		});
		expect(await pending).toEqual(refuse('duplicate', onCard));
		expect(await holders(same.role, tree.units.C1.id)).toHaveLength(1);
	});
});

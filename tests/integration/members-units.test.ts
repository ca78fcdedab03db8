import type { RequestEvent } from '@sveltejs/kit';
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx, ScopedUnit } from '$lib/server/access/guard';
import { transferMember, updateMember, type MemberInput } from '$lib/server/members/write';
import { getMemberDetail, unitAncestors } from '$lib/server/members/read';
import { assignRole, endRole } from '$lib/server/roles/assign';
import { dissolveUnit, mergeUnit, moveUnit, renameUnit } from '$lib/server/units/manage';
import { listScopeRoots } from '$lib/server/units/read';
import * as editRoute from '../../src/routes/(app)/members/[id]/edit/+page.server';
import * as transferRoute from '../../src/routes/(app)/members/[id]/transfer/+page.server';
import * as manageRoute from '../../src/routes/(app)/units/[id]/manage/+page.server';
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
		.orderBy('id')
		.execute();

type Handler = (e: RequestEvent) => Promise<unknown>;

function event(ctx: Ctx, route: string, id: number, form?: Record<string, string>): RequestEvent {
	const url = new URL(`http://localhost/${route}`);
	let request = new Request(url);
	if (form) {
		const body = new FormData();
		for (const [k, v] of Object.entries(form)) body.append(k, v);
		request = new Request(url, { method: 'POST', body });
	}
	return {
		url,
		params: { id: String(id) },
		route: { id: `/(app)/${route}` },
		request,
		locals: { db: t.db, actor: ctx.actor, requestId: 'members-units-test', session: ctx.session }
	} as unknown as RequestEvent;
}

const UNIT_COLUMNS = ['id', 'path', 'kind', 'name', 'code', 'parent_id', 'dissolved_on'] as const;

const unitRow = (id: number): Promise<ScopedUnit> =>
	t.db.selectFrom('org_units').select(UNIT_COLUMNS).where('id', '=', id).executeTakeFirstOrThrow();

const insertUnit = (code: string, kind: string, parentId: number): Promise<ScopedUnit> =>
	t.db
		.insertInto('org_units')
		.values({ code, kind, name: `Đơn vị ${code}`, parent_id: parentId })
		.returning(UNIT_COLUMNS)
		.executeTakeFirstOrThrow();

async function grant(accountId: number, role: string, unitId: number, startedOn = '2024-01-01') {
	const row = await t.db
		.insertInto('role_assignments')
		.values({ account_id: accountId, role, unit_id: unitId, started_on: startedOn })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function endedOn(ids: number[]): Promise<Record<number, string | null>> {
	const rows = await t.db
		.selectFrom('role_assignments')
		.select(['id', 'ended_on'])
		.where('id', 'in', ids)
		.execute();
	return Object.fromEntries(rows.map((r) => [r.id, r.ended_on]));
}

/** A member with an account and a membership in `cellId` since 2024-01-01. */
async function newMember(card: string, cellId: number): Promise<{ id: number; account: number }> {
	const m = await t.db
		.insertInto('members')
		.values({ card_no: card, full_name: `Đảng viên ${card}` })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('memberships')
		.values({ member_id: m.id, unit_id: cellId, started_on: '2024-01-01' })
		.execute();
	const a = await t.db
		.insertInto('accounts')
		.values({ member_id: m.id, login: card, display_name: `Đảng viên ${card}` })
		.returning('id')
		.executeTakeFirstOrThrow();
	return { id: m.id, account: a.id };
}

function countingQueries(): { plugin: KyselyPlugin; count: () => number } {
	let n = 0;
	return {
		plugin: {
			transformQuery: ({ node }) => (n++, node),
			transformResult: async ({ result }) => result
		},
		count: () => n
	};
}

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

const onServer = Boolean(process.env.TEST_DATABASE_URL);

/** True once another session of this database waits for a lock (PostgreSQL only). */
async function someoneWaitsForALock(timeoutMs = 3000): Promise<boolean> {
	const until = Date.now() + timeoutMs;
	while (Date.now() < until) {
		const r = await sql<{ n: number }>`
			select count(*)::int as n from pg_stat_activity
			where datname = current_database() and wait_event_type = 'Lock'`.execute(t.db);
		if (r.rows[0].n > 0) return true;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	return false;
}

describe('scope roots', () => {
	it('are listed with their counts in one query, however many there are', async () => {
		const reader = await t.db
			.insertInto('accounts')
			.values({ login: 'reader', display_name: 'Người đọc' })
			.returning('id')
			.executeTakeFirstOrThrow();
		const roles = [
			await grant(reader.id, 'grassroots_committee_member', tree.units.G1.id),
			await grant(reader.id, 'cell_committee_member', tree.units.GC.id)
		];
		const counter = countingQueries();
		const ctx = { ...(await ctxFor(t.db, reader.id)), db: t.db.withPlugin(counter.plugin) };
		const roots = await listScopeRoots(ctx);
		expect(roots.map((r) => [r.code, r.kind, r.dissolved_on, r.sub_units, r.members])).toEqual([
			['G1', 'grassroots_committee', null, 2, 5],
			['GC', 'grassroots_cell', null, 0, 2]
		]);
		expect(counter.count()).toBe(1);
		await t.db
			.updateTable('role_assignments')
			.set({ ended_on: '2024-01-01' })
			.where('id', 'in', roles)
			.execute();
	});
});

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

	it('count opening the edit form as a read of the record, like the record page', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000005'];
		await (editRoute.load as unknown as Handler)(event(ctx, `members/${id}/edit`, id));
		expect(await auditOf('member.read')).toEqual([
			{
				entity_id: String(id),
				unit_path: tree.units.C2.path,
				changes: null,
				actor_account_id: tree.accounts.committee
			}
		]);
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
		// The breadcrumbs follow the open membership, root first, as unitAncestors reads them.
		expect(detail.ancestors).toEqual(await unitAncestors(t.db, tree.units.C2.path));
		expect(detail.ancestors.map((a) => a.id)).toEqual([
			tree.units.B.id,
			tree.units.G1.id,
			tree.units.C2.id
		]);
		expect(detail.status).toBe('official');
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

// From here on the tree is: B ─ G1 ─ C1 (five members), B ─ G2 ─ C2 (merged into C1), B ─ GC.
describe('roles after a transfer', () => {
	it('end where the new cell is not, on the transfer date, each with a role.ended row', async () => {
		const c3 = await insertUnit('C3', 'cell', tree.units.G1.id);
		const binh = tree.members['10000002'];
		const account = tree.accounts.plain;
		const deputy = await grant(account, 'cell_deputy_secretary', tree.units.C1.id);
		const later = await grant(account, 'cell_committee_member', tree.units.C1.id, '2025-12-01');
		const committee = await grant(account, 'grassroots_committee_member', tree.units.G1.id);
		const bloc = await grant(account, 'inspection_commission', tree.units.B.id);
		const before = (await auditOf('role.ended')).length;

		const byCommittee = await ctxFor(t.db, tree.accounts.committee);
		expect(await transferMember(byCommittee, binh, c3, '2025-10-01')).toBeUndefined();
		// The role that starts after the transfer ends on its first day (dates check).
		expect(await endedOn([deputy, later, committee, bloc])).toEqual({
			[deputy]: '2025-10-01',
			[later]: '2025-12-01',
			[committee]: null,
			[bloc]: null
		});
		expect((await auditOf('role.ended')).slice(before)).toEqual([
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
		expect(await transferMember(org, binh, tree.units.GC, '2025-11-01')).toBeUndefined();
		expect(await endedOn([committee, bloc])).toEqual({ [committee]: '2025-11-01', [bloc]: null });
		expect((await auditOf('role.ended')).slice(before + 2)).toEqual([
			expect.objectContaining({ entity_id: String(committee), unit_path: tree.units.G1.path })
		]);
	});
});

describe('dissolved targets', () => {
	it('refuse a transfer into a dissolved cell, in the function and on the form', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const c2 = await unitRow(tree.units.C2.id);
		expect(c2.dissolved_on).not.toBeNull();
		const id = tree.members['10000003'];
		expect(await transferMember(org, id, c2, '2025-12-01')).toBe('target_dissolved');
		const res = await (transferRoute.actions.default as unknown as Handler)(
			event(org, `members/${id}/transfer`, id, { to_unit_id: String(c2.id), date: '2025-12-01' })
		);
		expect(res).toMatchObject({
			status: 400,
			data: { form: { errors: { to_unit_id: ['Chi bộ được chọn đã giải thể.'] } } }
		});
	});

	it('refuse a move under a dissolved parent and a merge into a dissolved unit', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const g4 = await insertUnit('G4', 'grassroots_committee', tree.units.B.id);
		expect(await dissolveUnit(org, g4, '2025-12-01')).toBeUndefined();
		const c3 = await t.db
			.selectFrom('org_units')
			.select(UNIT_COLUMNS)
			.where('code', '=', 'C3')
			.executeTakeFirstOrThrow();
		expect(await moveUnit(org, c3, await unitRow(g4.id))).toBe('parent_dissolved');
		const move = await (manageRoute.actions.move as unknown as Handler)(
			event(org, `units/${c3.id}/manage`, c3.id, { parent_id: String(g4.id) })
		);
		expect(move).toMatchObject({
			status: 400,
			data: { form: { errors: { parent_id: ['Đơn vị cấp trên được chọn đã giải thể.'] } } }
		});
		// C1 has members: without the check their new memberships would hit the cell trigger.
		const c2 = await unitRow(tree.units.C2.id);
		expect(await mergeUnit(org, tree.units.C1, c2, '2025-12-01')).toBe('target_dissolved');
		const merge = await (manageRoute.actions.merge as unknown as Handler)(
			event(org, `units/${tree.units.C1.id}/manage`, tree.units.C1.id, {
				target_id: String(c2.id),
				date: '2025-12-01'
			})
		);
		expect(merge).toMatchObject({
			status: 400,
			data: { form: { errors: { target_id: ['Đơn vị nhận đã giải thể.'] } } }
		});
		expect((await unitRow(c3.id)).parent_id).toBe(tree.units.G1.id);
		expect((await unitRow(tree.units.C1.id)).dissolved_on).toBeNull();
	});
});

describe('closing units', () => {
	it('a dissolution ends the unit’s roles, each with a role.ended row', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const g6 = await insertUnit('G6', 'grassroots_committee', tree.units.B.id);
		const role = await grant(tree.accounts.admin, 'grassroots_committee_member', g6.id);
		expect(await dissolveUnit(org, g6, '2025-12-01')).toBeUndefined();
		expect((await endedOn([role]))[role]).not.toBeNull();
		expect((await auditOf('role.ended')).filter((r) => r.entity_id === String(role))).toEqual([
			{
				entity_id: String(role),
				unit_path: g6.path,
				changes: { ended_on: [null, (await endedOn([role]))[role]] },
				actor_account_id: tree.accounts.orgdept
			}
		]);
	});

	it('a merge audits each moved sub-unit and each ended role, and the roles moved members leave', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const g7 = await insertUnit('G7', 'grassroots_committee', tree.units.B.id);
		const c71 = await insertUnit('C71', 'cell', g7.id);
		const c72 = await insertUnit('C72', 'cell', g7.id);
		const person = await newMember('10000071', c71.id);
		const atG7 = await grant(person.account, 'grassroots_committee_member', g7.id);
		const atC71 = await grant(person.account, 'cell_secretary', c71.id);
		const atG1 = await grant(person.account, 'grassroots_committee_member', tree.units.G1.id);

		expect(await mergeUnit(org, g7, tree.units.G1, '2025-12-10')).toBeUndefined();
		const moved = (await auditOf('unit.moved')).filter((r) =>
			[String(c71.id), String(c72.id)].includes(r.entity_id!)
		);
		expect(moved).toEqual(
			[c71, c72].map((c) => ({
				entity_id: String(c.id),
				unit_path: `${tree.units.G1.path}${c.id}/`,
				changes: {
					parent_id: [g7.id, tree.units.G1.id],
					path: [c.path, `${tree.units.G1.path}${c.id}/`]
				},
				actor_account_id: tree.accounts.orgdept
			}))
		);
		const ended = await endedOn([atG7, atC71, atG1]);
		expect(ended[atG7]).not.toBeNull();
		expect([ended[atC71], ended[atG1]]).toEqual([null, null]);

		// A cell merged into one outside G1: the member's G1 role ends on the merge date.
		expect(
			await mergeUnit(org, await unitRow(c71.id), tree.units.GC, '2025-12-15')
		).toBeUndefined();
		const after = await endedOn([atC71, atG1]);
		expect(after[atG1]).toBe('2025-12-15');
		expect(after[atC71]).not.toBeNull();
		const audited = (await auditOf('role.ended')).map((r) => r.entity_id);
		expect(audited).toEqual(expect.arrayContaining([atG7, atC71, atG1].map(String)));
	});
});

describe('tree changes read the unit inside their transaction', () => {
	it('a rename audits the name it replaced, not the one the page loaded', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const loaded = await insertUnit('C8', 'cell', tree.units.G1.id);
		await t.db
			.updateTable('org_units')
			.set({ name: 'Chi bộ Tám' })
			.where('id', '=', loaded.id)
			.execute();
		await renameUnit(org, loaded, { code: 'C8', name: loaded.name });
		expect((await unitRow(loaded.id)).name).toBe(loaded.name);
		const [row] = (await auditOf('unit.renamed')).filter((r) => r.entity_id === String(loaded.id));
		expect(row.changes).toEqual({ name: ['Chi bộ Tám', loaded.name] });
	});

	it('a dissolution counts the members where the unit is now; a merge audits that place', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const g9 = await insertUnit('G9', 'grassroots_committee', tree.units.B.id);
		const loaded = await insertUnit('C9', 'cell', g9.id);
		await newMember('10000091', loaded.id);
		expect(await moveUnit(org, loaded, tree.units.G1)).toBeUndefined();
		expect(await dissolveUnit(org, loaded, '2025-12-20')).toEqual({ members: 1, units: 0 });
		expect((await unitRow(loaded.id)).dissolved_on).toBeNull();
		expect(await mergeUnit(org, loaded, tree.units.C1, '2025-12-20')).toBeUndefined();
		const [merged] = (await auditOf('unit.merged')).filter(
			(r) => r.entity_id === String(loaded.id)
		);
		expect(merged.unit_path).toBe(`${tree.units.G1.path}${loaded.id}/`);
	});

	it.runIf(onServer)(
		'a dissolution waits for a membership being written into the cell',
		async () => {
			const org = await ctxFor(t.db, tree.accounts.orgdept);
			const cell = await insertUnit('C10', 'cell', tree.units.G1.id);
			const m = await t.db
				.insertInto('members')
				.values({ card_no: '10000101', full_name: 'Đảng viên 10000101' })
				.returning('id')
				.executeTakeFirstOrThrow();
			let pending!: ReturnType<typeof dissolveUnit>;
			await t.db.transaction().execute(async (trx) => {
				await trx
					.insertInto('memberships')
					.values({ member_id: m.id, unit_id: cell.id, started_on: '2025-01-01' })
					.execute();
				pending = dissolveUnit(org, cell, '2025-12-20');
				await someoneWaitsForALock();
			});
			expect(await pending).toEqual({ members: 1, units: 0 });
			expect((await unitRow(cell.id)).dissolved_on).toBeNull();
		}
	);
});

describe('simultaneous role assignments', () => {
	const input = {
		role: 'cell_committee_member' as const,
		card_no: '10000005',
		started_on: '2025-01-01'
	};

	it('the second of two identical ones is a duplicate, not an error', async () => {
		const committee = await ctxFor(t.db, tree.accounts.committee);
		expect(await assignRole(committee, tree.units.C1, input)).toBeUndefined();
		// Its check ran before the first one committed: simulated by hiding the first from it.
		const late = { ...committee, db: t.db.withPlugin(blindToRoles()) };
		expect(await assignRole(late, tree.units.C1, input)).toBe('duplicate');
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
			expect(await someoneWaitsForALock()).toBe(true);
		});
		expect(await pending).toBe('duplicate');
	});
});

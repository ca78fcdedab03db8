// The tree of units (units/read.ts, units/manage.ts): scope roots, renames, moves, merges and
// dissolutions, each audited, refused into or under a dissolved unit, and each reading the unit
// inside its own transaction.
import { sql, type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refuse } from '$lib/domain/result';
import type { Ctx } from '$lib/server/access/guard';
import { getMemberDetail } from '$lib/server/members/read';
import { dissolveUnit, mergeUnit, moveUnit, renameUnit } from '$lib/server/units/manage';
import { listScopeRoots } from '$lib/server/units/read';
import * as manageRoute from '../../src/routes/(app)/units/[id]/manage/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent, type Handler } from './helpers/event';
import {
	auditOf,
	endedOn,
	grant,
	insertUnit,
	newMember,
	onServer,
	someoneWaitsForALock,
	unitRow
} from './helpers/org';
import { cleared } from './helpers/scoped';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
});
afterAll(async () => t?.close());

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

/** Posts one of the manage page's actions on `unitId`. */
const postManage = (
	ctx: Ctx,
	name: 'move' | 'merge',
	unitId: number,
	form: Record<string, string>
) =>
	(manageRoute.actions[name] as unknown as Handler)(
		requestEvent(ctx, '/(app)/units/[id]/manage', {
			params: { id: String(unitId) },
			search: `?/${name}`,
			form
		})
	);

describe('scope roots', () => {
	it('are listed with their counts in one query, however many there are', async () => {
		const gr = await insertUnit(t.db, 'GR', 'grassroots_committee', tree.units.B.id);
		const cr1 = await insertUnit(t.db, 'CR1', 'cell', gr.id);
		const cr2 = await insertUnit(t.db, 'CR2', 'cell', gr.id);
		const gr2 = await insertUnit(t.db, 'GR2', 'grassroots_cell', tree.units.B.id);
		await newMember(t.db, '20000001', cr1.id);
		await newMember(t.db, '20000002', cr1.id);
		await newMember(t.db, '20000003', cr2.id);
		await newMember(t.db, '20000004', gr2.id);
		const reader = await t.db
			.insertInto('accounts')
			.values({ login: 'reader', display_name: 'Người đọc' })
			.returning('id')
			.executeTakeFirstOrThrow();
		await grant(t.db, reader.id, 'grassroots_committee_member', gr.id);
		await grant(t.db, reader.id, 'cell_committee_member', gr2.id);
		const counter = countingQueries();
		const ctx = { ...(await ctxFor(t.db, reader.id)), db: t.db.withPlugin(counter.plugin) };
		const roots = await listScopeRoots(ctx);
		expect(roots.map((r) => [r.code, r.kind, r.dissolved_on, r.sub_units, r.members])).toEqual([
			['GR', 'grassroots_committee', null, 2, 3],
			['GR2', 'grassroots_cell', null, 0, 1]
		]);
		expect(counter.count()).toBe(1);
	});
});

// One story in two steps: C2 is renamed and moved under a new committee, then merged into C1.
describe.sequential('a cell renamed, moved, then merged', () => {
	it('renames and moves with the subtree following', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		expect(
			await renameUnit(org, tree.units.C2, { code: 'C2', name: 'Chi bộ Phòng Kế hoạch' })
		).toEqual(ok());
		const g2 = await insertUnit(t.db, 'G2', 'grassroots_committee', tree.units.B.id);
		expect(await moveUnit(org, tree.units.C2, g2)).toEqual(ok());
		const c2 = await unitRow(t.db, tree.units.C2.id);
		expect(c2).toMatchObject({
			path: `${g2.path}${tree.units.C2.id}/`,
			name: 'Chi bộ Phòng Kế hoạch'
		});
		// The committee of G1 no longer sees C2's members: scope follows the tree.
		const committee = await ctxFor(t.db, tree.accounts.committee);
		expect(committee.actor.grants[0].unitPath).toBe(tree.units.G1.path);
		expect(c2.path.startsWith(tree.units.G1.path)).toBe(false);
		const moved = await t.db
			.selectFrom('memberships as ms')
			.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
			.select(sql<number>`count(*)::int`.as('n'))
			.where('ms.ended_on', 'is', null)
			.where('u.path', 'like', `${g2.path}%`)
			.executeTakeFirstOrThrow();
		expect(moved.n).toBe(2);
		await expect(
			t.db
				.updateTable('org_units')
				.set({ parent_id: tree.units.C2.id })
				.where('id', '=', g2.id)
				.execute()
		).rejects.toMatchObject({ constraint: 'org_units_cycle_check' });
	});

	it('merges it into another cell, keeping the history, then refuses to dissolve a non-empty unit', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const c2 = await unitRow(t.db, tree.units.C2.id);
		expect(await mergeUnit(org, c2, c2, '2025-09-01')).toEqual(
			refuse('same', { field: 'target_id' })
		);
		expect(await dissolveUnit(org, tree.units.C1, '2025-09-01')).toEqual(
			refuse('not_empty', { detail: { members: 3, units: 0 } })
		);
		expect(await mergeUnit(org, c2, tree.units.C1, '2025-09-01')).toEqual(ok());
		const after = await t.db
			.selectFrom('org_units')
			.select(['dissolved_on', 'merged_into_id'])
			.where('id', '=', c2.id)
			.executeTakeFirstOrThrow();
		expect(after).toEqual({ dissolved_on: '2025-09-01', merged_into_id: tree.units.C1.id });
		const history = await getMemberDetail(t.db, cleared({ id: tree.members['10000004'] }));
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

describe('dissolved targets', () => {
	it('refuse a move under a dissolved parent and a merge into a dissolved unit', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const g4 = await insertUnit(t.db, 'G4', 'grassroots_committee', tree.units.B.id);
		expect(await dissolveUnit(org, g4, '2025-12-01')).toEqual(ok());
		const c3 = await insertUnit(t.db, 'C3', 'cell', tree.units.G1.id);
		expect(await moveUnit(org, c3, await unitRow(t.db, g4.id))).toEqual(
			refuse('parent_dissolved', { field: 'parent_id' })
		);
		expect(await postManage(org, 'move', c3.id, { parent_id: String(g4.id) })).toMatchObject({
			status: 400,
			data: { form: { errors: { parent_id: ['Đơn vị cấp trên được chọn đã giải thể.'] } } }
		});
		// C1 has members: without the check their new memberships would hit the cell trigger.
		const c4 = await insertUnit(t.db, 'C4', 'cell', tree.units.G1.id);
		expect(await dissolveUnit(org, c4, '2025-12-01')).toEqual(ok());
		const closed = await unitRow(t.db, c4.id);
		expect(await mergeUnit(org, tree.units.C1, closed, '2025-12-01')).toEqual(
			refuse('target_dissolved', { field: 'target_id' })
		);
		const merge = await postManage(org, 'merge', tree.units.C1.id, {
			target_id: String(c4.id),
			date: '2025-12-01'
		});
		expect(merge).toMatchObject({
			status: 400,
			data: { form: { errors: { target_id: ['Đơn vị nhận đã giải thể.'] } } }
		});
		expect((await unitRow(t.db, c3.id)).parent_id).toBe(tree.units.G1.id);
		expect((await unitRow(t.db, tree.units.C1.id)).dissolved_on).toBeNull();
	});
});

describe('closing units', () => {
	it('a dissolution ends the unit’s roles, each with a role.ended row', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const g6 = await insertUnit(t.db, 'G6', 'grassroots_committee', tree.units.B.id);
		const role = await grant(t.db, tree.accounts.admin, 'grassroots_committee_member', g6.id);
		expect(await dissolveUnit(org, g6, '2025-12-01')).toEqual(ok());
		const ended = (await endedOn(t.db, [role]))[role];
		expect(ended).not.toBeNull();
		expect((await auditOf(t.db, 'role.ended')).filter((r) => r.entity_id === String(role))).toEqual(
			[
				{
					entity_id: String(role),
					unit_path: g6.path,
					changes: { ended_on: [null, ended] },
					actor_account_id: tree.accounts.orgdept
				}
			]
		);
	});

	it('a merge audits each moved sub-unit and each ended role, and the roles moved members leave', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const g7 = await insertUnit(t.db, 'G7', 'grassroots_committee', tree.units.B.id);
		const c71 = await insertUnit(t.db, 'C71', 'cell', g7.id);
		const c72 = await insertUnit(t.db, 'C72', 'cell', g7.id);
		const person = await newMember(t.db, '10000071', c71.id);
		const atG7 = await grant(t.db, person.account, 'grassroots_committee_member', g7.id);
		const atC71 = await grant(t.db, person.account, 'cell_secretary', c71.id);
		const atG1 = await grant(t.db, person.account, 'grassroots_committee_member', tree.units.G1.id);

		expect(await mergeUnit(org, g7, tree.units.G1, '2025-12-10')).toEqual(ok());
		const moved = (await auditOf(t.db, 'unit.moved')).filter((r) =>
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
		const ended = await endedOn(t.db, [atG7, atC71, atG1]);
		expect(ended[atG7]).not.toBeNull();
		expect([ended[atC71], ended[atG1]]).toEqual([null, null]);

		// A cell merged into one outside G1: the member's G1 role ends on the merge date.
		expect(await mergeUnit(org, await unitRow(t.db, c71.id), tree.units.GC, '2025-12-15')).toEqual(
			ok()
		);
		const after = await endedOn(t.db, [atC71, atG1]);
		expect(after[atG1]).toBe('2025-12-15');
		expect(after[atC71]).not.toBeNull();
		const audited = (await auditOf(t.db, 'role.ended')).map((r) => r.entity_id);
		expect(audited).toEqual(expect.arrayContaining([atG7, atC71, atG1].map(String)));
	});
});

describe('tree changes read the unit inside their transaction', () => {
	it('a rename audits the name it replaced, not the one the page loaded', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const loaded = await insertUnit(t.db, 'C8', 'cell', tree.units.G1.id);
		await t.db
			.updateTable('org_units')
			.set({ name: 'Chi bộ Tám' })
			.where('id', '=', loaded.id)
			.execute();
		expect(await renameUnit(org, loaded, { code: 'C8', name: loaded.name })).toEqual(ok());
		expect((await unitRow(t.db, loaded.id)).name).toBe(loaded.name);
		const [row] = (await auditOf(t.db, 'unit.renamed')).filter(
			(r) => r.entity_id === String(loaded.id)
		);
		expect(row.changes).toEqual({ name: ['Chi bộ Tám', loaded.name] });
	});

	it('a dissolution counts the members where the unit is now; a merge audits that place', async () => {
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const g9 = await insertUnit(t.db, 'G9', 'grassroots_committee', tree.units.B.id);
		const loaded = await insertUnit(t.db, 'C9', 'cell', g9.id);
		await newMember(t.db, '10000091', loaded.id);
		expect(await moveUnit(org, loaded, tree.units.G1)).toEqual(ok());
		expect(await dissolveUnit(org, loaded, '2025-12-20')).toEqual(
			refuse('not_empty', { detail: { members: 1, units: 0 } })
		);
		expect((await unitRow(t.db, loaded.id)).dissolved_on).toBeNull();
		expect(await mergeUnit(org, loaded, tree.units.C1, '2025-12-20')).toEqual(ok());
		const [merged] = (await auditOf(t.db, 'unit.merged')).filter(
			(r) => r.entity_id === String(loaded.id)
		);
		expect(merged.unit_path).toBe(`${tree.units.G1.path}${loaded.id}/`);
	});

	it.runIf(onServer)(
		'a dissolution waits for a membership being written into the cell',
		async () => {
			const org = await ctxFor(t.db, tree.accounts.orgdept);
			const cell = await insertUnit(t.db, 'C10', 'cell', tree.units.G1.id);
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
				await someoneWaitsForALock(t.db);
			});
			expect(await pending).toEqual(refuse('not_empty', { detail: { members: 1, units: 0 } }));
			expect((await unitRow(t.db, cell.id)).dissolved_on).toBeNull();
		}
	);
});

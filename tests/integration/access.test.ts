import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can, scopePaths } from '$lib/server/access/actor';
import { requireMember, requireUnit } from '$lib/server/access/guard';
import { listMembers } from '$lib/server/members/list';
import { createTestDb, type TestDb } from './helpers/db';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
});
afterAll(async () => t?.close());

const query = { q: '', unitPath: null, status: null, page: 1 };
const names = async (accountId: number, q = '') =>
	(await listMembers(await ctxFor(t.db, accountId), { ...query, q })).rows
		.map((r) => r.full_name)
		.sort();

describe('scopes', () => {
	it('follow the roles: cell, subtree, bloc, nothing', async () => {
		const sec = await ctxFor(t.db, tree.accounts.secretary);
		const com = await ctxFor(t.db, tree.accounts.committee);
		const org = await ctxFor(t.db, tree.accounts.orgdept);
		const plain = await ctxFor(t.db, tree.accounts.plain);
		const admin = await ctxFor(t.db, tree.accounts.admin);
		expect(scopePaths(sec.actor, 'member.read')).toEqual([tree.units.C1.path]);
		expect(scopePaths(sec.actor, 'member.manage')).toEqual([]);
		expect(scopePaths(com.actor, 'member.manage')).toEqual([tree.units.G1.path]);
		expect(can(org.actor, 'unit.manage', tree.units.C2.path)).toBe(true);
		expect(scopePaths(plain.actor, 'member.read')).toEqual([]);
		expect(admin.actor.isSystemAdmin).toBe(true);
		expect(scopePaths(admin.actor, 'member.read')).toEqual([]);
	});

	it('filter the member directory in SQL', async () => {
		expect(await names(tree.accounts.secretary)).toEqual([
			'Lê Đức Cường',
			'Nguyễn Văn An',
			'Trần Thị Bình'
		]);
		expect(await names(tree.accounts.committee)).toHaveLength(5);
		expect(await names(tree.accounts.orgdept)).toHaveLength(7);
		expect(await names(tree.accounts.plain)).toEqual([]);
		expect(await names(tree.accounts.admin)).toEqual([]);
	});

	it('search ignores diacritics and case, and matches card numbers', async () => {
		expect(await names(tree.accounts.orgdept, 'nguyen van')).toEqual(['Nguyễn Văn An']);
		expect(await names(tree.accounts.orgdept, 'NGUYỄN văn')).toEqual(['Nguyễn Văn An']);
		expect(await names(tree.accounts.orgdept, 'dang thu')).toEqual(['Đặng Thu Hà']);
		expect(await names(tree.accounts.orgdept, '10000005')).toEqual(['Hoàng Văn Em']);
		expect(await names(tree.accounts.orgdept, '%')).toEqual([]);
		// In scope only: the secretary of C1 does not find a C2 member by name.
		expect(await names(tree.accounts.secretary, 'hoang')).toEqual([]);
	});

	it('answers 404 for out-of-scope and missing records alike', async () => {
		const sec = await ctxFor(t.db, tree.accounts.secretary);
		const plain = await ctxFor(t.db, tree.accounts.plain);
		await expect(requireUnit(sec, tree.units.C1.id, 'unit.read')).resolves.toMatchObject({
			id: tree.units.C1.id
		});
		await expect(requireUnit(sec, tree.units.C2.id, 'unit.read')).rejects.toMatchObject({
			status: 404
		});
		await expect(requireUnit(sec, 999_999, 'unit.read')).rejects.toMatchObject({ status: 404 });
		await expect(requireMember(sec, tree.members['10000004'], 'member.read')).rejects.toMatchObject(
			{ status: 404 }
		);
		await expect(
			requireMember(sec, tree.members['10000002'], 'member.manage')
		).rejects.toMatchObject({ status: 404 });
		// A member reads their own record but cannot manage it.
		await expect(
			requireMember(plain, tree.members['10000002'], 'member.read')
		).resolves.toMatchObject({ isSelf: true });
		await expect(
			requireMember(plain, tree.members['10000002'], 'member.manage')
		).rejects.toMatchObject({ status: 404 });
		await expect(
			requireMember(plain, tree.members['10000001'], 'member.read')
		).rejects.toMatchObject({ status: 404 });
	});

	it('ignores ended roles and roles in dissolved units', async () => {
		await t.db
			.updateTable('role_assignments')
			.set({ ended_on: '2025-01-01' })
			.where('account_id', '=', tree.accounts.secretary)
			.execute();
		const sec = await ctxFor(t.db, tree.accounts.secretary);
		expect(sec.actor.grants).toEqual([]);
		await t.db
			.updateTable('role_assignments')
			.set({ ended_on: null })
			.where('account_id', '=', tree.accounts.secretary)
			.execute();
	});
});

describe('audit trail', () => {
	it('cannot be edited or deleted, by anyone', async () => {
		await t.db
			.insertInto('audit_log')
			.values({ action: 'test', entity_type: 'test', actor_account_id: tree.accounts.admin })
			.execute();
		await expect(
			t.db.updateTable('audit_log').set({ action: 'changed' }).execute()
		).rejects.toMatchObject({
			constraint: 'audit_log_immutable'
		});
		await expect(t.db.deleteFrom('audit_log').execute()).rejects.toMatchObject({
			constraint: 'audit_log_immutable'
		});
	});
});

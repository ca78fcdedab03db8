// A small organization for integration tests, inserted directly:
//   bloc B
//   ├─ grassroots committee G1 ── cells C1 (3 members), C2 (2 members)
//   └─ grassroots cell GC (2 members)
// plus accounts holding roles: secretary of C1, committee member of G1, organization department.
import type { Role, UnitKind } from '$lib/domain/roles';
import { loadActor, type Actor } from '$lib/server/access/actor';
import type { Ctx, ScopedUnit } from '$lib/server/access/guard';
import type { Db } from '$lib/server/db/connect';
import { cleared } from './scoped';

export interface Tree {
	/** Cleared for any actor: tests call the unit functions directly (helpers/scoped.ts). */
	units: Record<'B' | 'G1' | 'C1' | 'C2' | 'GC', ScopedUnit>;
	members: Record<string, number>;
	accounts: Record<'secretary' | 'committee' | 'orgdept' | 'plain' | 'admin', number>;
}

const PEOPLE: [string, string, 'C1' | 'C2' | 'GC'][] = [
	['10000001', 'Nguyễn Văn An', 'C1'],
	['10000002', 'Trần Thị Bình', 'C1'],
	['10000003', 'Lê Đức Cường', 'C1'],
	['10000004', 'Phạm Thị Dung', 'C2'],
	['10000005', 'Hoàng Văn Em', 'C2'],
	['10000006', 'Đặng Thu Hà', 'GC'],
	['10000007', 'Bùi Quang Huy', 'GC']
];

export async function buildTree(db: Db): Promise<Tree> {
	const unit = async (code: string, kind: UnitKind, parent: number | null) =>
		db
			.insertInto('org_units')
			.values({ code, kind, name: `Đơn vị ${code}`, parent_id: parent })
			.returning(['id', 'path', 'kind', 'name', 'code', 'parent_id', 'dissolved_on'])
			.executeTakeFirstOrThrow()
			.then(cleared);
	const B = await unit('B', 'bloc', null);
	const G1 = await unit('G1', 'grassroots_committee', B.id);
	const C1 = await unit('C1', 'cell', G1.id);
	const C2 = await unit('C2', 'cell', G1.id);
	const GC = await unit('GC', 'grassroots_cell', B.id);
	const units = { B, G1, C1, C2, GC };

	const members: Record<string, number> = {};
	const accountOf: Record<string, number> = {};
	for (const [card_no, full_name, cell] of PEOPLE) {
		const m = await db
			.insertInto('members')
			.values({ card_no, full_name, birth_date: '1980-05-01', joined_on: '2005-05-19' })
			.returning('id')
			.executeTakeFirstOrThrow();
		members[card_no] = m.id;
		await db
			.insertInto('memberships')
			.values({ member_id: m.id, unit_id: units[cell].id, started_on: '2020-01-01' })
			.execute();
		await db
			.insertInto('member_statuses')
			.values({ member_id: m.id, status: 'official', started_on: '2006-05-19' })
			.execute();
		const a = await db
			.insertInto('accounts')
			.values({ member_id: m.id, login: card_no, display_name: full_name })
			.returning('id')
			.executeTakeFirstOrThrow();
		accountOf[card_no] = a.id;
	}
	const admin = await db
		.insertInto('accounts')
		.values({ login: 'admin', display_name: 'Quản trị' })
		.returning('id')
		.executeTakeFirstOrThrow();
	const grant = (account_id: number, role: Role, unit_id: number | null) =>
		db
			.insertInto('role_assignments')
			.values({ account_id, role, unit_id, started_on: '2024-01-01' })
			.execute();
	await grant(accountOf['10000001'], 'cell_secretary', C1.id);
	await grant(accountOf['10000004'], 'grassroots_committee_member', G1.id);
	await grant(accountOf['10000006'], 'organization_department', B.id);
	await grant(admin.id, 'system_admin', null);
	return {
		units,
		members,
		accounts: {
			secretary: accountOf['10000001'],
			committee: accountOf['10000004'],
			orgdept: accountOf['10000006'],
			plain: accountOf['10000002'],
			admin: admin.id
		}
	};
}

export async function actorFor(db: Db, accountId: number): Promise<Actor> {
	const a = await db
		.selectFrom('accounts')
		.select(['id', 'member_id', 'display_name', 'login'])
		.where('id', '=', accountId)
		.executeTakeFirstOrThrow();
	return loadActor(db, { accountId: a.id, memberId: a.member_id, displayName: a.display_name });
}

export async function ctxFor(db: Db, accountId: number): Promise<Ctx> {
	return ctxOf(db, await actorFor(db, accountId));
}

/** The context a signed-in request gives the area modules. */
export function ctxOf(db: Db, actor: Actor): Ctx {
	const accountId = actor.accountId;
	return {
		db,
		actor,
		requestId: 'test-request',
		session: {
			sessionId: 'test-session',
			accountId,
			memberId: actor.memberId,
			login: 'test',
			displayName: actor.displayName,
			locale: 'vi',
			mustChangePassword: false,
			expiresAt: new Date(Date.now() + 3600_000)
		}
	};
}

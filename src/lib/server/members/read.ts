// Reading member records: each reader takes the handle access/guard returns, never a bare id.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { MemberHandle, ScopedMember } from '../access/guard';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';

export const MEMBER_FIELDS = [
	'card_no',
	'full_name',
	'birth_date',
	'gender',
	'joined_on',
	'full_member_on',
	'party_position',
	'government_position',
	'mass_org_position',
	'workplace',
	'phone',
	'email'
] as const;

/**
 * A member's record with its status history, memberships (the open one first), the units above
 * the open one (root first) and the account's login: one query. The nested lists come back
 * as JSON, which keeps their values as they are (ids, text, 'YYYY-MM-DD' dates).
 */
export async function getMemberDetail(db: Db, scoped: MemberHandle) {
	const memberId = scoped.id;
	const row = await db
		.selectFrom('members')
		.select(['id', ...MEMBER_FIELDS, 'updated_at'])
		.select((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('member_statuses as s')
					.select(['s.id', 's.status', 's.started_on', 's.ended_on', 's.note'])
					.whereRef('s.member_id', '=', 'members.id')
					.orderBy('s.started_on', 'desc')
					.orderBy('s.id', 'desc')
			).as('statuses'),
			jsonArrayFrom(
				eb
					.selectFrom('memberships as ms')
					.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
					.select([
						'ms.id',
						'ms.started_on',
						'ms.ended_on',
						'ms.end_reason',
						'u.id as unit_id',
						'u.name as unit_name',
						'u.path as unit_path'
					])
					.whereRef('ms.member_id', '=', 'members.id')
					.orderBy(sql`ms.ended_on is null`, 'desc')
					.orderBy('ms.started_on', 'desc')
			).as('memberships'),
			jsonArrayFrom(
				eb
					.selectFrom('memberships as cm')
					.innerJoin('org_units as cu', 'cu.id', 'cm.unit_id')
					.innerJoin('org_units as a', (j) =>
						// The ids on the open membership's unit path ('/1/5/23/'), as in unitAncestors.
						j.on(sql<boolean>`a.id = any(string_to_array(trim('/' from cu.path), '/')::int[])`)
					)
					.select(['a.id', 'a.name', 'a.kind', 'a.depth', 'a.path'])
					.whereRef('cm.member_id', '=', 'members.id')
					.where('cm.ended_on', 'is', null)
					.orderBy('a.depth')
			).as('ancestors'),
			eb
				.selectFrom('accounts')
				.select('login')
				.whereRef('accounts.member_id', '=', 'members.id')
				.as('account_login')
		])
		.where('id', '=', memberId)
		.executeTakeFirstOrThrow();
	const { statuses, memberships, ancestors, account_login, ...member } = row;
	return {
		member,
		status: statuses.find((s) => s.ended_on === null)?.status ?? null,
		statuses,
		memberships,
		ancestors,
		account: account_login === null ? null : { login: account_login }
	};
}

export type MemberDetail = Awaited<ReturnType<typeof getMemberDetail>>;

export async function getMemberName(db: Db, member: MemberHandle): Promise<string> {
	const row = await db
		.selectFrom('members')
		.select('full_name')
		.where('id', '=', member.id)
		.executeTakeFirstOrThrow();
	return row.full_name;
}

/** The units on a path, root first (one query, ids taken from the path). */
export async function unitAncestors(db: Db, path: string) {
	const ids = path.split('/').filter(Boolean).map(Number);
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('org_units')
		.select(['id', 'name', 'kind', 'depth', 'path'])
		.where('id', 'in', ids)
		.execute();
	return rows.sort((a, b) => a.depth - b.depth);
}

/** Records that a committee role opened another member's record (domain §5: access trail). */
export async function recordMemberRead(
	db: Db,
	ctx: { accountId: number; requestId: string },
	member: ScopedMember
): Promise<void> {
	if (member.isSelf) return;
	await audit.record(db, ctx, {
		action: 'member.read',
		entityType: 'member',
		entityId: member.id,
		unitPath: member.unitPath
	});
}

/** The member's current cell and its units, or undefined when they belong to no cell now. */
export async function findCurrentCell(db: Db, memberId: number) {
	const cell = await db
		.selectFrom('memberships as ms')
		.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
		.select(['u.id', 'u.path', 'u.name', 'u.kind'])
		.where('ms.member_id', '=', memberId)
		.where('ms.ended_on', 'is', null)
		.executeTakeFirst();
	return cell;
}

// What the database already holds for the codes and card numbers named in the file: one query
// each, whatever the file's size.
import { sql } from 'kysely';
import type { Db } from '../db/connect';

export interface DbUnit {
	id: number;
	code: string;
	name: string;
	kind: string;
	path: string;
	parent_id: number | null;
	parent_code: string | null;
	parent_path: string | null;
	dissolved_on: string | null;
}

export async function loadUnits(db: Db, codes: string[]): Promise<Map<string, DbUnit>> {
	if (codes.length === 0) return new Map();
	const { rows } = await sql<DbUnit>`
		select u.id, u.code, u.name, u.kind, u.path, u.parent_id, u.dissolved_on,
			p.code as parent_code, p.path as parent_path
		from org_units u left join org_units p on p.id = u.parent_id
		where u.code = any(${codes}::text[])`.execute(db);
	return new Map(rows.map((r) => [r.code, r]));
}

/** Units that hold something a kind change would strand: sub-units or current members. */
export async function loadOccupiedUnits(db: Db, ids: number[]): Promise<Set<number>> {
	if (ids.length === 0) return new Set();
	const { rows } = await sql<{ id: number }>`
		select u.id from org_units u
		where u.id = any(${ids}::int[])
			and (exists (select 1 from org_units c where c.parent_id = u.id)
				or exists (select 1 from memberships ms where ms.unit_id = u.id and ms.ended_on is null))`.execute(
		db
	);
	return new Set(rows.map((r) => r.id));
}

export interface DbMember {
	id: number;
	card_no: string;
	full_name: string;
	birth_date: string | null;
	gender: string | null;
	joined_on: string | null;
	full_member_on: string | null;
	party_position: string | null;
	government_position: string | null;
	mass_org_position: string | null;
	workplace: string | null;
	phone: string | null;
	email: string | null;
	membership_id: number | null;
	unit_id: number | null;
	unit_path: string | null;
	membership_started_on: string | null;
	status_id: number | null;
	status: string | null;
	status_started_on: string | null;
	/** The open membership's cell, else the latest one: where the member is filed (as in guard). */
	scope_path: string | null;
}

/** Members by card number; `lock` takes row locks so a concurrent edit waits for the import. */
export async function loadMembers(
	db: Db,
	cards: string[],
	lock: boolean
): Promise<Map<string, DbMember>> {
	if (cards.length === 0) return new Map();
	const { rows } = await sql<DbMember>`
		select m.id, m.card_no, m.full_name, m.birth_date, m.gender, m.joined_on, m.full_member_on,
			m.party_position, m.government_position, m.mass_org_position, m.workplace, m.phone, m.email,
			ms.id as membership_id, ms.unit_id, u.path as unit_path, ms.started_on as membership_started_on,
			st.id as status_id, st.status, st.started_on as status_started_on,
			coalesce(u.path, (
				select u2.path from memberships ms2 join org_units u2 on u2.id = ms2.unit_id
				where ms2.member_id = m.id order by ms2.started_on desc, ms2.id desc limit 1
			)) as scope_path
		from members m
		left join memberships ms on ms.member_id = m.id and ms.ended_on is null
		left join org_units u on u.id = ms.unit_id
		left join member_statuses st on st.member_id = m.id and st.ended_on is null
		where m.card_no = any(${cards}::text[])
		${lock ? sql`for update of m` : sql``}`.execute(db);
	return new Map(rows.map((r) => [r.card_no, r]));
}

/**
 * Logins (lower case) already taken by an account, a new member's login being their card
 * number; each with where the account's member is filed (their open membership's cell, else
 * the latest one), or null for an account of nobody's.
 */
export async function loadTakenLogins(
	db: Db,
	logins: string[]
): Promise<Map<string, string | null>> {
	if (logins.length === 0) return new Map();
	const { rows } = await sql<{ login: string; scope_path: string | null }>`
		select lower(a.login) as login, (
			select u.path from memberships ms join org_units u on u.id = ms.unit_id
			where ms.member_id = a.member_id
			order by ms.ended_on is null desc, ms.started_on desc, ms.id desc limit 1
		) as scope_path
		from accounts a
		where lower(a.login) = any(${logins.map((l) => l.toLowerCase())}::text[])`.execute(db);
	return new Map(rows.map((r) => [r.login, r.scope_path]));
}

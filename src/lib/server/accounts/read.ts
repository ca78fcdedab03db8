// What a system administrator sees of accounts: login, display name, status, dates and roles.
// Never member fields: the administrator runs the system, not the party records (domain §5).
import { sql, type SqlBool } from 'kysely';
import type { AccountListQuery, AccountStatus } from '$lib/schemas/accounts';
import type { AdminCtx } from '../access/guard';

export const PAGE_SIZE = 25;

// One definition of the status for the list, the filter and the detail page. "Pending" means the
// person has never chosen a password of their own (only an activation link or a temporary one).
const status = sql<AccountStatus>`case
	when a.disabled_at is not null then 'disabled'
	when a.password_changed_at is null and (a.password_hash is null or a.must_change_password)
		then 'pending'
	else 'active' end`;

export interface AccountRow {
	id: number;
	login: string;
	display_name: string;
	status: AccountStatus;
	last_login_at: Date | null;
	created_at: Date;
}

/** LIKE treats % and _ as wildcards and \ as the escape: typed text must match literally. */
function likeContains(s: string): string {
	return `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listAccounts(
	ctx: AdminCtx,
	query: AccountListQuery
): Promise<{ rows: AccountRow[]; hasNext: boolean }> {
	let q = ctx.db
		.selectFrom('accounts as a')
		.select(['a.id', 'a.login', 'a.display_name', status.as('status')])
		.select(['a.last_login_at', 'a.created_at']);
	// One folded expression over login and name, so a trigram index on it can serve this later.
	if (query.q)
		q = q.where(
			sql<SqlBool>`vn_fold(a.login || ' ' || a.display_name) like vn_fold(${likeContains(query.q)})`
		);
	if (query.status) q = q.where(sql<SqlBool>`${status} = ${query.status}`);
	const rows = await q
		.orderBy(sql`vn_fold(a.display_name)`)
		.orderBy('a.id')
		.limit(PAGE_SIZE + 1)
		.offset((query.page - 1) * PAGE_SIZE)
		.execute();
	return { rows: rows.slice(0, PAGE_SIZE), hasNext: rows.length > PAGE_SIZE };
}

export interface AccountDetail extends AccountRow {
	has_member: boolean;
	must_change_password: boolean;
	disabled_at: Date | null;
	password_changed_at: Date | null;
	activation_expires_at: Date | null;
	roles: { id: number; role: string; unit_name: string | null; started_on: string }[];
}

export async function findAccount(
	ctx: AdminCtx,
	accountId: number
): Promise<AccountDetail | undefined> {
	const { db } = ctx;
	const [account, roles] = await Promise.all([
		db
			.selectFrom('accounts as a')
			.select(['a.id', 'a.login', 'a.display_name', status.as('status')])
			.select(['a.last_login_at', 'a.created_at', 'a.must_change_password', 'a.disabled_at'])
			.select(['a.password_changed_at'])
			.select((eb) => [
				eb('a.member_id', 'is not', null).as('has_member'),
				eb
					.selectFrom('account_tokens as t')
					.select((e) => e.fn.max('t.expires_at').as('x'))
					.whereRef('t.account_id', '=', 'a.id')
					.where('t.used_at', 'is', null)
					.where('t.expires_at', '>', sql<Date>`now()`)
					.as('activation_expires_at')
			])
			.where('a.id', '=', accountId)
			.executeTakeFirst(),
		db
			.selectFrom('role_assignments as r')
			.leftJoin('org_units as u', 'u.id', 'r.unit_id')
			.select(['r.id', 'r.role', 'u.name as unit_name', 'r.started_on'])
			.where('r.account_id', '=', accountId)
			.where('r.ended_on', 'is', null)
			.orderBy('r.started_on')
			.orderBy('r.id')
			.execute()
	]);
	if (!account) return undefined;
	return {
		...account,
		has_member: Boolean(account.has_member),
		activation_expires_at: account.activation_expires_at ?? null,
		roles
	};
}

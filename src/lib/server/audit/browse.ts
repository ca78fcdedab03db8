// Browsing the audit trail of the actor's subtree (needs 'audit.read'), or of account
// administration, which belongs to no unit (access/policy.ts accountAuditScope), newest first, with
// the names of the records and units it mentions looked up in the same pass (no per-row queries).
import { sql, type ExpressionBuilder, type SqlBool, type Expression } from 'kysely';
import { inScope, type Ctx } from '../access/guard';
import { accountAuditScope } from '../access/policy';
import type { DB } from '../db/schema';

export const AUDIT_PAGE_SIZE = 50;

const numericId = sql<number>`case when l.entity_id ~ '^[0-9]{1,9}$' then l.entity_id::int end`;

export type AuditKind = 'changes' | 'reads' | 'all' | 'accounts';

/** Rows about accounts (created, activated, reset, disabled…), within the actor's account scope. */
function accountRows(
	eb: ExpressionBuilder<DB & { l: DB['audit_log'] }, 'l'>,
	scope: 'all' | string[] | null
): Expression<SqlBool> {
	if (scope === null) return sql<SqlBool>`false`;
	const admin = eb.and([
		eb('l.unit_path', 'is', null),
		eb('l.entity_type', '=', 'account'),
		eb('l.action', 'like', 'account.%')
	]);
	if (scope === 'all') return admin;
	const under = sql.join(
		scope.map((p) => sql`mu.path like ${p + '%'}`),
		sql` or `
	);
	return eb.and([
		admin,
		sql<SqlBool>`exists (select 1 from accounts ac
			join memberships ms on ms.member_id = ac.member_id and ms.ended_on is null
			join org_units mu on mu.id = ms.unit_id
			where ac.id = ${numericId} and (${under}))`
	]);
}

export async function listAudit(ctx: Ctx, opts: { kind: AuditKind; page: number }) {
	let q = ctx.db
		.selectFrom('audit_log as l')
		.leftJoin('accounts as a', 'a.id', 'l.actor_account_id')
		.select([
			'l.id',
			'l.at',
			'l.action',
			'l.entity_type',
			'l.entity_id',
			'l.changes',
			'a.display_name as actor_name',
			// The member a record is about: the member itself, or the member of a membership.
			sql<number | null>`case l.entity_type
				when 'member' then ${numericId}
				when 'membership' then (select ms.member_id from memberships ms where ms.id = ${numericId})
			end`.as('member_id'),
			sql<string | null>`case when l.entity_type = 'unit'
				then (select u.name from org_units u where u.id = ${numericId}) end`.as('unit_name'),
			sql<string | null>`case when l.entity_type = 'account'
				then (select ac.display_name from accounts ac where ac.id = ${numericId}) end`.as('account_name')
		])
		.where((eb) =>
			opts.kind === 'accounts'
				? accountRows(eb, accountAuditScope(ctx.actor))
				: inScope(eb, 'l.unit_path', ctx.actor, 'audit.read')
		);
	if (opts.kind === 'changes') q = q.where('l.action', '<>', 'member.read');
	if (opts.kind === 'reads') q = q.where('l.action', '=', 'member.read');
	const rows = await q
		.orderBy('l.at', 'desc')
		.orderBy('l.id', 'desc')
		.limit(AUDIT_PAGE_SIZE + 1)
		.offset((opts.page - 1) * AUDIT_PAGE_SIZE)
		.execute();
	const page = rows.slice(0, AUDIT_PAGE_SIZE);
	const names = await lookupNames(ctx, page);
	return {
		rows: page.map((r) => ({
			...r,
			id: String(r.id),
			member_name: r.member_id ? (names.members.get(r.member_id) ?? null) : null
		})),
		unitNames: Object.fromEntries(names.units),
		hasNext: rows.length > AUDIT_PAGE_SIZE
	};
}

/** Member names and the names of units referred to by unit_id changes, in two set queries. */
async function lookupNames(
	ctx: Ctx,
	rows: { member_id: number | null; changes: unknown }[]
): Promise<{ members: Map<number, string>; units: Map<number, string> }> {
	const memberIds = [...new Set(rows.map((r) => r.member_id).filter((x): x is number => !!x))];
	const unitIds = new Set<number>();
	for (const r of rows) {
		const changes = (r.changes as Record<string, unknown> | null) ?? {};
		for (const key of ['unit_id', 'parent_id', 'merged_into_id']) {
			const values = ([] as unknown[]).concat(changes[key] ?? []);
			for (const v of values) if (typeof v === 'number') unitIds.add(v);
		}
	}
	const [members, units] = await Promise.all([
		memberIds.length
			? ctx.db
					.selectFrom('members')
					.select(['id', 'full_name'])
					.where('id', 'in', memberIds)
					.execute()
			: [],
		unitIds.size
			? ctx.db
					.selectFrom('org_units')
					.select(['id', 'name'])
					.where('id', 'in', [...unitIds])
					.execute()
			: []
	]);
	return {
		members: new Map(members.map((m) => [m.id, m.full_name])),
		units: new Map(units.map((u) => [u.id, u.name]))
	};
}

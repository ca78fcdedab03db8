// Browsing the audit trail of the actor's subtree (needs 'audit.read'), newest first.
import { inScope, type Ctx } from '../access/guard';

export const AUDIT_PAGE_SIZE = 50;

export async function listAudit(
	ctx: Ctx,
	opts: { kind: 'changes' | 'reads' | 'all'; page: number }
) {
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
			'a.display_name as actor_name'
		])
		.where((eb) => inScope(eb, 'l.unit_path', ctx.actor, 'audit.read'));
	if (opts.kind === 'changes') q = q.where('l.action', '<>', 'member.read');
	if (opts.kind === 'reads') q = q.where('l.action', '=', 'member.read');
	const rows = await q
		.orderBy('l.at', 'desc')
		.orderBy('l.id', 'desc')
		.limit(AUDIT_PAGE_SIZE + 1)
		.offset((opts.page - 1) * AUDIT_PAGE_SIZE)
		.execute();
	return {
		rows: rows.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, id: String(r.id) })),
		hasNext: rows.length > AUDIT_PAGE_SIZE
	};
}

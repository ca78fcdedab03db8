// The audit trail. Call inside the transaction of the change so both commit or neither does.
import { sql, type Kysely } from 'kysely';
import { unnest } from '../db/bulk';
import type { DB } from '../db/schema';

export interface AuditContext {
	accountId: number | null;
	requestId: string;
}

export type Changes = Record<string, [unknown, unknown]>;

export interface AuditEntry {
	action: string;
	entityType: string;
	entityId?: string | number | null;
	/** Where the record lives (a unit path), so committees can browse their subtree's history. */
	unitPath?: string | null;
	changes?: Changes | Record<string, unknown> | null;
}

export async function record(db: Kysely<DB>, ctx: AuditContext, entry: AuditEntry): Promise<void> {
	await recordMany(db, ctx, [entry]);
}

/**
 * Many entries in one statement (column arrays expanded by unnest): an import writes thousands,
 * beyond what multi-row VALUES allows in bind parameters and faster on the embedded database.
 */
export async function recordMany(
	db: Kysely<DB>,
	ctx: AuditContext,
	entries: AuditEntry[]
): Promise<void> {
	if (entries.length === 0) return;
	const v = unnest({
		action: ['text', entries.map((e) => e.action)],
		entity_type: ['text', entries.map((e) => e.entityType)],
		entity_id: ['text', entries.map((e) => (e.entityId == null ? null : String(e.entityId)))],
		unit_path: ['text', entries.map((e) => e.unitPath ?? null)],
		changes: ['text', entries.map((e) => (e.changes ? JSON.stringify(e.changes) : null))]
	});
	await sql`
		insert into audit_log (actor_account_id, action, entity_type, entity_id, unit_path, changes, request_id)
		select ${ctx.accountId}::int, v.action, v.entity_type, v.entity_id, v.unit_path, v.changes::jsonb,
			${ctx.requestId}::text
		from ${v}`.execute(db);
}

/** Field-by-field before → after of what changed; undefined when nothing did. */
export function diff<T extends Record<string, unknown>>(
	before: T,
	after: Partial<T>
): Changes | undefined {
	const changes: Changes = {};
	for (const [k, v] of Object.entries(after)) {
		if (v !== undefined && !sameValue(before[k], v)) changes[k] = [before[k] ?? null, v];
	}
	return Object.keys(changes).length ? changes : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
	return (a ?? null) === (b ?? null);
}

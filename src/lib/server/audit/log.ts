// The audit trail. Call inside the transaction of the change so both commit or neither does.
import type { Kysely } from 'kysely';
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

export async function recordMany(
	db: Kysely<DB>,
	ctx: AuditContext,
	entries: AuditEntry[]
): Promise<void> {
	if (entries.length === 0) return;
	await db
		.insertInto('audit_log')
		.values(
			entries.map((e) => ({
				actor_account_id: ctx.accountId,
				action: e.action,
				entity_type: e.entityType,
				entity_id: e.entityId == null ? null : String(e.entityId),
				unit_path: e.unitPath ?? null,
				changes: e.changes ? JSON.stringify(e.changes) : null,
				request_id: ctx.requestId
			}))
		)
		.execute();
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

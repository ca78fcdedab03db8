// Audit entries collected while writing; unit paths are filled in at the end, once every move
// and new unit has its final path.
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import type { AuditEntry, Changes } from '../audit/log';

export interface Draft {
	action: string;
	entityType: string;
	entityId: number;
	unitId: number;
	changes: Changes | Record<string, unknown>;
}

export async function unitPaths(db: Db, ids: number[]): Promise<Map<number, string>> {
	const unique = [...new Set(ids)];
	if (unique.length === 0) return new Map();
	const { rows } = await sql<{ id: number; path: string }>`
		select id, path from org_units where id = any(${unique}::int[])`.execute(db);
	return new Map(rows.map((r) => [r.id, r.path]));
}

export function toEntries(drafts: Draft[], paths: Map<number, string>): AuditEntry[] {
	return drafts.map((d) => ({
		action: d.action,
		entityType: d.entityType,
		entityId: d.entityId,
		unitPath: paths.get(d.unitId) ?? null,
		changes: d.changes
	}));
}

/** The deepest unit containing every path ('/1/5/' for '/1/5/8/' and '/1/5/9/12/'). */
export function commonPath(paths: Iterable<string>): string | null {
	let common: string[] | null = null;
	for (const p of paths) {
		const parts = p.split('/').filter(Boolean);
		if (common === null) common = parts;
		else {
			let i = 0;
			while (i < common.length && i < parts.length && common[i] === parts[i]) i++;
			common = common.slice(0, i);
		}
	}
	return common && common.length ? `/${common.join('/')}/` : null;
}

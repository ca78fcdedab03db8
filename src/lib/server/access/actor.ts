// The actor: who is asking, with the unit roles they hold today. Loaded once per request.
import { sql } from 'kysely';
import type { Capability, UnitKind, UnitRole } from '$lib/domain/roles';
import { ROLE_CAPABILITIES } from '$lib/domain/roles';
import type { Db } from '../db/connect';

export interface Grant {
	role: UnitRole;
	unitId: number;
	unitPath: string;
	unitKind: UnitKind;
	unitName: string;
}

export interface Actor {
	accountId: number;
	memberId: number | null;
	displayName: string;
	isSystemAdmin: boolean;
	grants: Grant[];
}

export async function loadActor(
	db: Db,
	account: { accountId: number; memberId: number | null; displayName: string }
): Promise<Actor> {
	const rows = await db
		.selectFrom('role_assignments as r')
		.leftJoin('org_units as u', 'u.id', 'r.unit_id')
		.select(['r.role', 'r.unit_id', 'u.path', 'u.kind', 'u.name'])
		.where('r.account_id', '=', account.accountId)
		.where('r.ended_on', 'is', null)
		.where('r.started_on', '<=', sql<string>`current_date`)
		.where((eb) => eb.or([eb('r.unit_id', 'is', null), eb('u.dissolved_on', 'is', null)]))
		.orderBy('u.path')
		.execute();
	const grants: Grant[] = [];
	let isSystemAdmin = false;
	for (const r of rows) {
		if (r.role === 'system_admin') isSystemAdmin = true;
		else if (r.unit_id !== null && r.path && r.kind && r.name)
			grants.push({
				role: r.role,
				unitId: r.unit_id,
				unitPath: r.path,
				unitKind: r.kind,
				unitName: r.name
			});
	}
	return { ...account, isSystemAdmin, grants };
}

/** Path prefixes of the subtrees where the actor has `cap`, without nested duplicates. */
export function scopePaths(actor: Actor, cap: Capability): string[] {
	const paths = actor.grants
		.filter((g) => ROLE_CAPABILITIES[g.role].includes(cap))
		.map((g) => g.unitPath)
		.sort();
	return paths.filter((p, i) => !paths.slice(0, i).some((q) => p.startsWith(q)));
}

export function can(actor: Actor, cap: Capability, unitPath: string): boolean {
	return scopePaths(actor, cap).some((p) => unitPath.startsWith(p));
}

/** True when the actor holds any committee or cell role (sees more than their own records). */
export function hasUnitRoles(actor: Actor): boolean {
	return actor.grants.length > 0;
}

// The actor: who is asking, with the unit roles they hold today. Loaded once per request.
import { sql, type Expression } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
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
	return actorFrom(account, await grantsQuery(db, sql.val(account.accountId)).execute());
}

/** The account's roles as a JSON array, for selecting in the same query as its session. */
export function grantsJson(db: Db, accountId: Expression<number>) {
	return jsonArrayFrom(grantsQuery(db, accountId));
}

/** The roles an account holds today, in units that still exist (system_admin has no unit). */
function grantsQuery(db: Db, accountId: Expression<number>) {
	return db
		.selectFrom('role_assignments as r')
		.leftJoin('org_units as u', 'u.id', 'r.unit_id')
		.select(['r.role', 'r.unit_id', 'u.path', 'u.kind', 'u.name'])
		.where('r.account_id', '=', accountId)
		.where('r.ended_on', 'is', null)
		.where('r.started_on', '<=', sql<string>`current_date`)
		.where((eb) => eb.or([eb('r.unit_id', 'is', null), eb('u.dissolved_on', 'is', null)]))
		.orderBy('u.path');
}

type GrantRow = Awaited<ReturnType<ReturnType<typeof grantsQuery>['execute']>>[number];

export function actorFrom(
	account: { accountId: number; memberId: number | null; displayName: string },
	rows: GrantRow[]
): Actor {
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
	return {
		accountId: account.accountId,
		memberId: account.memberId,
		displayName: account.displayName,
		isSystemAdmin,
		grants
	};
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

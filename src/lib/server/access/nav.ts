// What the navigation offers an actor: derived from the same scopes that guard the routes.
import type { Actor } from './actor';
import { scopePaths } from './actor';
import { accountAuditScope, mayManageCatalogs } from './policy';

export interface NavFlags {
	me: boolean;
	commitments: boolean;
	registrations: boolean;
	units: boolean;
	members: boolean;
	audit: boolean;
	admin: AdminTools;
}

export interface AdminTools {
	import: boolean;
	years: boolean;
	catalogs: boolean;
	integrity: boolean;
	accounts: boolean;
}

export function adminTools(actor: Actor): AdminTools {
	const years = scopePaths(actor, 'year.manage').length > 0;
	return {
		import: scopePaths(actor, 'member.manage').length > 0,
		years,
		catalogs: mayManageCatalogs(actor),
		integrity: years,
		accounts: actor.isSystemAdmin
	};
}

export function navFlags(actor: Actor): NavFlags {
	return {
		me: actor.memberId !== null,
		commitments: actor.memberId !== null,
		registrations: actor.memberId !== null,
		units: scopePaths(actor, 'unit.read').length > 0,
		members: scopePaths(actor, 'member.read').length > 0,
		audit: scopePaths(actor, 'audit.read').length > 0 || accountAuditScope(actor) !== null,
		admin: adminTools(actor)
	};
}

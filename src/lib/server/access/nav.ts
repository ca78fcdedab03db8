// What the navigation offers an actor: derived from the same scopes that guard the routes.
import type { Actor } from './actor';
import { scopePaths } from './actor';

export interface NavFlags {
	me: boolean;
	units: boolean;
	members: boolean;
	import: boolean;
	accounts: boolean;
	audit: boolean;
}

export function navFlags(actor: Actor): NavFlags {
	return {
		me: actor.memberId !== null,
		units: scopePaths(actor, 'unit.read').length > 0,
		members: scopePaths(actor, 'member.read').length > 0,
		import: scopePaths(actor, 'member.manage').length > 0,
		accounts: actor.isSystemAdmin,
		audit: scopePaths(actor, 'audit.read').length > 0
	};
}

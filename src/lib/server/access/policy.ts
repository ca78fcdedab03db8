// Every "may this person do this here" that is more than one capability in a subtree. Area modules
// and routes ask these; none re-derives a rule from role names.
import { CELL_KINDS, ROLE_CAPABILITIES, type Capability } from '$lib/domain/roles';
import { can, scopePaths, type Actor, type Grant } from './actor';

/**
 * Roles are given from above: `role.manage` over a strict ancestor of the unit, or over the bloc
 * itself (the organization department administers the bloc's own posts). Nobody gives a role to
 * themselves: assignRole checks the person, this checks the place.
 */
export function mayAssignRolesAt(actor: Actor, unitPath: string): boolean {
	return actor.grants.some(
		(g) =>
			grantHas(g, 'role.manage') &&
			unitPath.startsWith(g.unitPath) &&
			(unitPath !== g.unitPath || g.unitKind === 'bloc')
	);
}

/** The catalogs are shared by every bloc: their organization departments and the system administrator edit them. */
export function mayManageCatalogs(actor: Actor): boolean {
	return actor.isSystemAdmin || scopePaths(actor, 'year.manage').length > 0;
}

export interface ManagedBloc {
	id: number;
	name: string;
	path: string;
}

/** The blocs whose review years the actor manages. */
export function managedBlocs(actor: Actor): ManagedBloc[] {
	const seen = new Set<number>();
	const out: ManagedBloc[] = [];
	for (const g of actor.grants) {
		if (seen.has(g.unitId) || g.unitKind !== 'bloc' || !can(actor, 'year.manage', g.unitPath))
			continue;
		seen.add(g.unitId);
		out.push({ id: g.unitId, name: g.unitName, path: g.unitPath });
	}
	return out;
}

/**
 * Confirming or returning a member's commitment: the reviewers of the member's current cell, and
 * never the member themselves (a secretary's own commitment goes to the deputy).
 */
export function mayReviewCommitmentOf(
	actor: Actor,
	member: { memberId: number; cellPath: string }
): boolean {
	return commitmentReviewRight(actor, member) === 'may';
}

/** As above, telling a reviewer's own commitment (`own`: they are told why) from no right at all. */
export function commitmentReviewRight(
	actor: Actor,
	member: { memberId: number; cellPath: string }
): 'may' | 'own' | 'none' {
	if (!can(actor, 'commitment.review', member.cellPath)) return 'none';
	return member.memberId === actor.memberId ? 'own' : 'may';
}

/** The cells where the actor reviews commitments (for their home page's count). */
export function reviewedCells(actor: Actor): Grant[] {
	return actor.grants.filter(
		(g) => grantHas(g, 'commitment.review') && CELL_KINDS.includes(g.unitKind)
	);
}

function grantHas(g: Grant, cap: Capability): boolean {
	return ROLE_CAPABILITIES[g.role].includes(cap);
}

// Every "may this person do this here" that is more than one capability in a subtree. Area modules
// and routes ask these; none re-derives a rule from role names.
import { CELL_KINDS, ROLE_CAPABILITIES, type Capability, type UnitKind } from '$lib/domain/roles';
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
 * What decides who reviews a member's commitment, loaded with it in the same query
 * (reviewFactsSql in review-facts.ts): the member's current cell, and whether the member reviews
 * that cell's commitments themself (its secretary or deputy) and anyone else does.
 */
export interface CommitmentReviewFacts {
	memberId: number;
	cellPath: string;
	cellKind: UnitKind;
	/** The member is a secretary or deputy secretary of the cell today. */
	memberReviews: boolean;
	/** Someone other than the member is a secretary or deputy secretary of the cell today. */
	otherReviewer: boolean;
}

/**
 * Confirming or returning a member's commitment (issue 7 item 9): nobody reviews their own.
 * - A member's commitment is reviewed by the secretary or deputy secretary of their current cell.
 * - A reviewer's own commitment (the secretary's) by the cell's other reviewer (the deputy), or,
 *   where there is none, by the committee directly above the cell: the members of the committee
 *   of its grassroots organization (đảng ủy cơ sở); for a grassroots cell (chi bộ cơ sở), which
 *   has no such committee above it, the bloc's standing committee.
 */
export function mayReviewCommitmentOf(actor: Actor, member: CommitmentReviewFacts): boolean {
	return commitmentReviewRight(actor, member) === 'may';
}

/** As above, telling one's own commitment (`own`: they are told why) from no right at all. */
export function commitmentReviewRight(
	actor: Actor,
	member: CommitmentReviewFacts
): 'may' | 'own' | 'none' {
	const reviewsCell = can(actor, 'commitment.review', member.cellPath);
	if (member.memberId === actor.memberId)
		return reviewsCell || committeeAbove(actor, member) ? 'own' : 'none';
	const byCommittee = member.memberReviews && !member.otherReviewer;
	return (byCommittee ? committeeAbove(actor, member) : reviewsCell) ? 'may' : 'none';
}

/**
 * Approving or returning a member's registration (Chỉ thị 05): the same people as their
 * commitment, by the same rule. The cell's secretary and deputy approve what their members
 * register, nobody their own.
 */
export function registrationReviewRight(
	actor: Actor,
	member: CommitmentReviewFacts
): 'may' | 'own' | 'none' {
	return commitmentReviewRight(actor, member);
}

/**
 * Proposing common actions to a unit's members for their registrations: in a cell, those who
 * approve its registrations (its secretary and deputy); above it, those who run the committee
 * (its members, and the bloc's organization department), for every cell under it.
 */
export function mayProposeActionsAt(actor: Actor, unit: { path: string; kind: UnitKind }): boolean {
	return CELL_KINDS.includes(unit.kind)
		? can(actor, 'commitment.review', unit.path)
		: can(actor, 'member.manage', unit.path);
}

/**
 * Recording a cell's meetings (their minutes, attendance and the comments given): those who lead
 * its follow-up, its secretary and deputy; committees above read them.
 */
export function mayRecordMeetingsAt(actor: Actor, unit: { path: string; kind: UnitKind }): boolean {
	return leadsCell(actor, unit);
}

/** Proposing a cell's member as an exemplary example (gương điển hình): its secretary and deputy. */
export function mayProposeExemplaryAt(
	actor: Actor,
	unit: { path: string; kind: UnitKind }
): boolean {
	return leadsCell(actor, unit);
}

/**
 * Approving or declining a cell's proposal: the committee directly above the cell, as for the
 * commitments of a lone reviewer (its grassroots organization's committee; the bloc's standing
 * committee for a grassroots cell). Nobody decides in the cell that proposed.
 */
export function mayDecideExemplaryFor(
	actor: Actor,
	cell: { cellPath: string; cellKind: UnitKind }
): boolean {
	return committeeAbove(actor, cell);
}

/**
 * Recording the facts the year-end rating weighs (discipline, leave, the year's subject type and
 * conclusions): whoever manages the member's records, the grassroots committee and the bloc's
 * organization department; the cell reads them.
 */
export function mayRecordRatingFacts(actor: Actor, memberUnitPath: string): boolean {
	return can(actor, 'member.manage', memberUnitPath);
}

/**
 * Recording the cell's proposal for its members' ratings (the comment, the level, the vote of its
 * year-end meeting): its secretary and deputy, as they record its meetings.
 */
export function mayProposeRatingsAt(actor: Actor, cell: { path: string; kind: UnitKind }): boolean {
	return leadsCell(actor, cell);
}

/**
 * Deciding and approving the ratings of a grassroots organization's members: the grassroots
 * committee of a đảng bộ cơ sở; a chi bộ cơ sở's secretary and deputy, for the chi bộ cơ sở
 * decides on its own members (domain §3: the cell proposes, the grassroots level decides).
 */
export function mayDecideRatingsAt(actor: Actor, org: { path: string; kind: UnitKind }): boolean {
	if (org.kind === 'grassroots_cell') return leadsCell(actor, org);
	return (
		org.kind === 'grassroots_committee' &&
		committeeGrants(actor).some(
			(g) => g.unitKind === 'grassroots_committee' && g.unitPath === org.path
		)
	);
}

/**
 * Where the actor takes part in the year-end rating, for their home page: the organizations whose
 * members' levels they decide, and the cells whose proposals they record.
 */
export function ratingScopes(actor: Actor): { orgs: Grant[]; cells: Grant[] } {
	const unit = (g: Grant) => ({ path: g.unitPath, kind: g.unitKind });
	const once = (grants: Grant[]) =>
		grants.filter((g, i) => grants.findIndex((o) => o.unitId === g.unitId) === i);
	return {
		orgs: once(actor.grants.filter((g) => mayDecideRatingsAt(actor, unit(g)))),
		cells: once(actor.grants.filter((g) => mayProposeRatingsAt(actor, unit(g))))
	};
}

/**
 * Re-rating or cancelling an approved rating: the standing committee of the bloc above the
 * grassroots organization (domain §3: the level above reviews the grassroots level's decisions).
 */
export function mayRerateRatingsAt(actor: Actor, org: { path: string }): boolean {
	return actor.grants.some(
		(g) =>
			g.role === 'bloc_standing_committee' &&
			g.unitKind === 'bloc' &&
			org.path.startsWith(g.unitPath) &&
			org.path !== g.unitPath
	);
}

function leadsCell(actor: Actor, unit: { path: string; kind: UnitKind }): boolean {
	return CELL_KINDS.includes(unit.kind) && can(actor, 'commitment.review', unit.path);
}

/** The actor sits on the committee that reviews the cell's reviewers when it has only one. */
function committeeAbove(actor: Actor, cell: { cellPath: string; cellKind: UnitKind }): boolean {
	return committeeGrants(actor).some(
		(g) =>
			cell.cellPath.startsWith(g.unitPath) &&
			(g.unitKind === 'grassroots_committee' || cell.cellKind === 'grassroots_cell')
	);
}

function committeeGrants(actor: Actor): Grant[] {
	return actor.grants.filter(
		(g) =>
			(g.role === 'grassroots_committee_member' && g.unitKind === 'grassroots_committee') ||
			(g.role === 'bloc_standing_committee' && g.unitKind === 'bloc')
	);
}

/**
 * Whether the actor may confirm anything in a cell at all (the guard of its bulk confirmation;
 * each commitment is still checked on its own): its reviewers, and the committee above it when
 * the cell has a lone reviewer (hasLoneReviewer in review-facts.ts), whose own it confirms.
 */
export function mayReviewInCell(
	actor: Actor,
	cell: { path: string; kind: UnitKind; loneReviewer: boolean }
): boolean {
	return (
		can(actor, 'commitment.review', cell.path) ||
		(cell.loneReviewer && committeeAbove(actor, { cellPath: cell.path, cellKind: cell.kind }))
	);
}

/**
 * Where the actor may find commitments to review (for their home page's count): the cells they
 * review, and the subtrees of the committees whose cells' lone reviewers they review.
 */
export function commitmentReviewScopes(actor: Actor): { cells: Grant[]; committees: Grant[] } {
	return {
		cells: actor.grants.filter(
			(g) => grantHas(g, 'commitment.review') && CELL_KINDS.includes(g.unitKind)
		),
		committees: committeeGrants(actor)
	};
}

/**
 * Audit rows of account administration belong to no unit. The system administrator reads all of
 * them; an organization department those about accounts of members filed under its units (the
 * bloc). Returns 'all', those unit paths, or null for anyone else.
 */
export function accountAuditScope(actor: Actor): 'all' | string[] | null {
	if (actor.isSystemAdmin) return 'all';
	const paths = actor.grants
		.filter((g) => g.role === 'organization_department')
		.map((g) => g.unitPath);
	return paths.length > 0 ? paths : null;
}

function grantHas(g: Grant, cap: Capability): boolean {
	return ROLE_CAPABILITIES[g.role].includes(cap);
}

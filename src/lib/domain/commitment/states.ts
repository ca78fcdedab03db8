// The commitment's life in a year, as one table the server checks before every change and the UI
// reads to decide which buttons to show. "secretary" is the cell secretary or deputy secretary of
// the member's cell (who acts is decided by access/, not here).
import type { UnitRole } from '../roles';
import { stateMachine, type Transition } from '../state-machine';

export const COMMITMENT_STATES = [
	'not_started',
	'draft',
	'signed',
	'returned',
	'confirmed'
] as const;
export type CommitmentState = (typeof COMMITMENT_STATES)[number];

/** The cell's decision on a signed version (commitment_reviews.decision). */
export type ReviewDecision = 'confirmed' | 'returned';

export const COMMITMENT_ACTORS = ['member', 'secretary'] as const;
export type CommitmentActor = (typeof COMMITMENT_ACTORS)[number];

export const COMMITMENT_ACTIONS = ['save_draft', 'sign', 'amend', 'confirm', 'return'] as const;
export type CommitmentAction = (typeof COMMITMENT_ACTIONS)[number];

/** Unit roles that act as `secretary` for the members of their cell. */
export const COMMITMENT_REVIEWER_ROLES: readonly UnitRole[] = [
	'cell_secretary',
	'cell_deputy_secretary'
];

export const TRANSITIONS: readonly Transition<
	CommitmentState,
	CommitmentActor,
	CommitmentAction
>[] = [
	{ from: 'not_started', actor: 'member', action: 'save_draft', to: 'draft' },
	{ from: 'draft', actor: 'member', action: 'save_draft', to: 'draft' },
	{ from: 'draft', actor: 'member', action: 'sign', to: 'signed' },
	// Amending before the cell has confirmed: the next signature is a new version superseding
	// this one; both are kept.
	{ from: 'signed', actor: 'member', action: 'amend', to: 'draft' },
	{ from: 'returned', actor: 'member', action: 'amend', to: 'draft' },
	{ from: 'signed', actor: 'secretary', action: 'confirm', to: 'confirmed' },
	{ from: 'signed', actor: 'secretary', action: 'return', to: 'returned' }
	// confirmed is final: nothing leaves it.
];

const machine = stateMachine(COMMITMENT_ACTIONS, TRANSITIONS);
export const nextState = machine.next;
export const can = machine.can;
export const allowedActions = machine.allowed;

export interface StateFacts {
	/** A commitment_drafts row exists for the member and year. */
	hasDraft: boolean;
	/** The draft was saved after the latest signature (ignored when nothing is signed yet). */
	draftIsNewer: boolean;
	/** The latest signed version and the cell's decision on it, if any. */
	latest?: { review?: ReviewDecision | null } | null;
}

/**
 * The state from what is stored. A draft older than the latest signature is the leftover of that
 * signature (if the signing transaction keeps it) and does not count.
 */
export function deriveState({ hasDraft, draftIsNewer, latest }: StateFacts): CommitmentState {
	if (!latest) return hasDraft ? 'draft' : 'not_started';
	if (latest.review === 'confirmed') return 'confirmed';
	if (hasDraft && draftIsNewer) return 'draft';
	return latest.review === 'returned' ? 'returned' : 'signed';
}

// The registration's life in a year, as one table the server checks before every change and the
// UI reads for its buttons. "secretary" is whoever reviews the member's cell (access/policy.ts).
import { stateMachine, type Transition } from '../state-machine';

export const REGISTRATION_STATES = [
	'not_started',
	'draft',
	'submitted',
	'returned',
	'approved'
] as const;
export type RegistrationState = (typeof REGISTRATION_STATES)[number];

export type RegistrationDecision = 'approved' | 'returned';

export const REGISTRATION_ACTORS = ['member', 'secretary'] as const;
export type RegistrationActor = (typeof REGISTRATION_ACTORS)[number];

export const REGISTRATION_ACTIONS = ['save_draft', 'submit', 'edit', 'approve', 'return'] as const;
export type RegistrationAction = (typeof REGISTRATION_ACTIONS)[number];

export const TRANSITIONS: readonly Transition<
	RegistrationState,
	RegistrationActor,
	RegistrationAction
>[] = [
	{ from: 'not_started', actor: 'member', action: 'save_draft', to: 'draft' },
	{ from: 'draft', actor: 'member', action: 'save_draft', to: 'draft' },
	{ from: 'draft', actor: 'member', action: 'submit', to: 'submitted' },
	// Editing a submitted, returned or approved version starts a draft of the next version; the
	// submitted ones are all kept. An approved version stays in force until the next is approved.
	{ from: 'submitted', actor: 'member', action: 'edit', to: 'draft' },
	{ from: 'returned', actor: 'member', action: 'edit', to: 'draft' },
	{ from: 'approved', actor: 'member', action: 'edit', to: 'draft' },
	{ from: 'submitted', actor: 'secretary', action: 'approve', to: 'approved' },
	{ from: 'submitted', actor: 'secretary', action: 'return', to: 'returned' }
];

const machine = stateMachine(REGISTRATION_ACTIONS, TRANSITIONS);
export const nextState = machine.next;
export const can = machine.can;
export const allowedActions = machine.allowed;

export interface RegistrationFacts {
	hasDraft: boolean;
	/** The latest submitted version and the cell's decision on it, if any. */
	latest?: { decision: RegistrationDecision | null } | null;
}

/** The state from what is stored: a draft is always newer than the versions (submitting clears it). */
export function deriveState({ hasDraft, latest }: RegistrationFacts): RegistrationState {
	if (hasDraft) return 'draft';
	if (!latest) return 'not_started';
	return latest.decision ?? 'submitted';
}

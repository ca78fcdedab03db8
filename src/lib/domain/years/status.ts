// A review year's own life: prepared as a draft, opened for the whole bloc, closed (read-only, the
// database enforces it), and reopened only by an explicit, audited act.
import { stateMachine, type Transition } from '../state-machine';

export const YEAR_STATUSES = ['draft', 'open', 'closed'] as const;
export type YearStatus = (typeof YEAR_STATUSES)[number];

export const YEAR_ACTIONS = ['open', 'close', 'reopen'] as const;
export type YearAction = (typeof YEAR_ACTIONS)[number];

/** Only the organization department of the year's bloc manages it (access/ decides who that is). */
type YearActor = 'organization_department';

export const YEAR_TRANSITIONS: readonly Transition<YearStatus, YearActor, YearAction>[] = [
	{ from: 'draft', actor: 'organization_department', action: 'open', to: 'open' },
	{ from: 'open', actor: 'organization_department', action: 'close', to: 'closed' },
	{ from: 'closed', actor: 'organization_department', action: 'reopen', to: 'open' }
];

export const yearMachine = stateMachine(YEAR_ACTIONS, YEAR_TRANSITIONS);

/** Which fields may change in which status: windows while draft or open, pins only while draft. */
export const EDITABLE_IN: Record<'windows' | 'pins', readonly YearStatus[]> = {
	windows: ['draft', 'open'],
	pins: ['draft']
};

import { describe, expect, it } from 'vitest';
import {
	allowedActions,
	can,
	deriveState,
	nextState,
	REGISTRATION_ACTIONS,
	REGISTRATION_ACTORS,
	REGISTRATION_STATES,
	TRANSITIONS,
	type RegistrationAction,
	type RegistrationActor,
	type RegistrationFacts,
	type RegistrationState
} from './states';

// Every (state, actor, action) → next state, written out in full so that any change to the
// table fails here and has to be made on purpose. '-' means refused.
const EXPECTED = `
state        actor      save_draft  submit     edit   approve   return
not_started  member     draft       -          -      -         -
not_started  secretary  -           -          -      -         -
draft        member     draft       submitted  -      -         -
draft        secretary  -           -          -      -         -
submitted    member     -           -          draft  -         -
submitted    secretary  -           -          -      approved  returned
returned     member     -           -          draft  -         -
returned     secretary  -           -          -      -         -
approved     member     -           -          draft  -         -
approved     secretary  -           -          -      -         -
`;

type Row = [RegistrationState, RegistrationActor, RegistrationAction, string];

function expectedTable(): Row[] {
	const [head, ...rows] = EXPECTED.trim()
		.split('\n')
		.map((l) => l.trim().split(/\s+/));
	const actions = head.slice(2) as RegistrationAction[];
	return rows.flatMap(([state, actor, ...cells]) =>
		actions.map(
			(action, i) =>
				[state as RegistrationState, actor as RegistrationActor, action, cells[i]] as Row
		)
	);
}

describe('the registration state machine', () => {
	const table = expectedTable();

	it('the expected table covers every combination exactly once', () => {
		expect(table).toHaveLength(
			REGISTRATION_STATES.length * REGISTRATION_ACTORS.length * REGISTRATION_ACTIONS.length
		);
		const keys = new Set(table.map(([s, a, x]) => `${s}/${a}/${x}`));
		expect(keys.size).toBe(table.length);
		for (const [s, a, x] of table) {
			expect(REGISTRATION_STATES).toContain(s);
			expect(REGISTRATION_ACTORS).toContain(a);
			expect(REGISTRATION_ACTIONS).toContain(x);
		}
	});

	it.each(table)('%s + %s + %s → %s', (state, actor, action, next) => {
		expect(nextState(state, actor, action)).toBe(next === '-' ? undefined : next);
		expect(can(state, actor, action)).toBe(next !== '-');
	});

	it('has exactly the transitions of the table, none duplicated', () => {
		const allowed = table.filter(([, , , next]) => next !== '-');
		expect(TRANSITIONS).toHaveLength(allowed.length);
		const keys = TRANSITIONS.map((t) => `${t.from}/${t.actor}/${t.action}`);
		expect(new Set(keys).size).toBe(keys.length);
	});

	it('reaches every state from not_started', () => {
		const reachable = new Set<RegistrationState>(['not_started']);
		for (let changed = true; changed;) {
			changed = false;
			for (const t of TRANSITIONS) {
				if (reachable.has(t.from) && !reachable.has(t.to)) {
					reachable.add(t.to);
					changed = true;
				}
			}
		}
		expect([...reachable].sort()).toEqual([...REGISTRATION_STATES].sort());
	});

	it('never goes back to not_started', () => {
		expect(TRANSITIONS.filter((t) => t.to === 'not_started')).toEqual([]);
	});

	it('leaves approving and returning to the secretary, and only of a submitted version', () => {
		const decisions = TRANSITIONS.filter((t) => t.action === 'approve' || t.action === 'return');
		expect(decisions.every((t) => t.actor === 'secretary' && t.from === 'submitted')).toBe(true);
		expect(can('submitted', 'member', 'approve')).toBe(false);
		expect(can('draft', 'secretary', 'approve')).toBe(false);
		expect(can('returned', 'secretary', 'approve')).toBe(false);
		expect(can('approved', 'secretary', 'return')).toBe(false);
	});

	it('refuses what the member cannot do', () => {
		expect(can('not_started', 'member', 'submit')).toBe(false);
		expect(can('submitted', 'member', 'submit')).toBe(false);
		expect(can('submitted', 'member', 'save_draft')).toBe(false);
		expect(can('approved', 'member', 'save_draft')).toBe(false);
		expect(can('draft', 'member', 'edit')).toBe(false);
		expect(can('not_started', 'member', 'edit')).toBe(false);
		expect(nextState('returned', 'member', 'submit')).toBeUndefined();
	});

	it('gives the buttons to show, in a fixed order', () => {
		expect(allowedActions('not_started', 'member')).toEqual(['save_draft']);
		expect(allowedActions('draft', 'member')).toEqual(['save_draft', 'submit']);
		expect(allowedActions('submitted', 'member')).toEqual(['edit']);
		expect(allowedActions('submitted', 'secretary')).toEqual(['approve', 'return']);
		expect(allowedActions('returned', 'member')).toEqual(['edit']);
		expect(allowedActions('approved', 'member')).toEqual(['edit']);
		for (const state of REGISTRATION_STATES) {
			if (state !== 'submitted') expect(allowedActions(state, 'secretary')).toEqual([]);
		}
	});

	it('agrees with nextState for every state and actor', () => {
		for (const state of REGISTRATION_STATES) {
			for (const actor of REGISTRATION_ACTORS) {
				const expected = REGISTRATION_ACTIONS.filter((a) => nextState(state, actor, a));
				expect(allowedActions(state, actor)).toEqual(expected);
			}
		}
	});
});

describe('deriveState', () => {
	it.each([
		['nothing stored', { hasDraft: false }, 'not_started'],
		['nothing stored, latest null', { hasDraft: false, latest: null }, 'not_started'],
		['a draft only', { hasDraft: true }, 'draft'],
		['a draft only, latest null', { hasDraft: true, latest: null }, 'draft'],
		['submitted, undecided', { hasDraft: false, latest: { decision: null } }, 'submitted'],
		['returned', { hasDraft: false, latest: { decision: 'returned' } }, 'returned'],
		['approved', { hasDraft: false, latest: { decision: 'approved' } }, 'approved'],
		['submitted, then edited', { hasDraft: true, latest: { decision: null } }, 'draft'],
		['returned, then edited', { hasDraft: true, latest: { decision: 'returned' } }, 'draft'],
		['approved, then edited', { hasDraft: true, latest: { decision: 'approved' } }, 'draft']
	] as [string, RegistrationFacts, RegistrationState][])('%s → %s', (_, facts, expected) => {
		expect(deriveState(facts)).toBe(expected);
	});

	it('walks a whole year: draft, submit, return, edit, submit again, approve, edit', () => {
		let state = deriveState({ hasDraft: false });
		const step = (actor: RegistrationActor, action: RegistrationAction) => {
			const next = nextState(state, actor, action);
			expect(next, `${state} + ${actor} + ${action}`).toBeDefined();
			state = next!;
		};
		step('member', 'save_draft');
		expect(state).toBe(deriveState({ hasDraft: true }));
		step('member', 'save_draft');
		expect(state).toBe(deriveState({ hasDraft: true }));
		step('member', 'submit');
		expect(state).toBe(deriveState({ hasDraft: false, latest: { decision: null } }));
		step('secretary', 'return');
		expect(state).toBe(deriveState({ hasDraft: false, latest: { decision: 'returned' } }));
		step('member', 'edit');
		expect(state).toBe(deriveState({ hasDraft: true, latest: { decision: 'returned' } }));
		step('member', 'submit');
		expect(state).toBe(deriveState({ hasDraft: false, latest: { decision: null } }));
		step('secretary', 'approve');
		expect(state).toBe(deriveState({ hasDraft: false, latest: { decision: 'approved' } }));
		step('member', 'edit');
		expect(state).toBe(deriveState({ hasDraft: true, latest: { decision: 'approved' } }));
	});
});

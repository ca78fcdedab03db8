import { describe, expect, it } from 'vitest';
import {
	allowedActions,
	can,
	COMMITMENT_ACTIONS,
	COMMITMENT_ACTORS,
	COMMITMENT_REVIEWER_ROLES,
	COMMITMENT_STATES,
	deriveState,
	nextState,
	TRANSITIONS,
	type CommitmentAction,
	type CommitmentActor,
	type CommitmentState
} from './states';

// Every (state, actor, action) → next state, written out in full so that any change to the
// table fails here and has to be made on purpose. '-' means refused.
const EXPECTED = `
state        actor      save_draft  sign    amend  confirm    return
not_started  member     draft       -       -      -          -
not_started  secretary  -           -       -      -          -
draft        member     draft       signed  -      -          -
draft        secretary  -           -       -      -          -
signed       member     -           -       draft  -          -
signed       secretary  -           -       -      confirmed  returned
returned     member     -           -       draft  -          -
returned     secretary  -           -       -      -          -
confirmed    member     -           -       -      -          -
confirmed    secretary  -           -       -      -          -
`;

function expectedTable(): [CommitmentState, CommitmentActor, CommitmentAction, string][] {
	const [head, ...rows] = EXPECTED.trim()
		.split('\n')
		.map((l) => l.trim().split(/\s+/));
	const actions = head.slice(2) as CommitmentAction[];
	return rows.flatMap(([state, actor, ...cells]) =>
		actions.map(
			(action, i) =>
				[state as CommitmentState, actor as CommitmentActor, action, cells[i]] as [
					CommitmentState,
					CommitmentActor,
					CommitmentAction,
					string
				]
		)
	);
}

describe('the commitment state machine', () => {
	const table = expectedTable();

	it('the expected table covers every combination exactly once', () => {
		expect(table).toHaveLength(
			COMMITMENT_STATES.length * COMMITMENT_ACTORS.length * COMMITMENT_ACTIONS.length
		);
		const keys = new Set(table.map(([s, a, x]) => `${s}/${a}/${x}`));
		expect(keys.size).toBe(table.length);
		for (const [s, a, x] of table) {
			expect(COMMITMENT_STATES).toContain(s);
			expect(COMMITMENT_ACTORS).toContain(a);
			expect(COMMITMENT_ACTIONS).toContain(x);
		}
	});

	it.each(table)('%s + %s + %s → %s', (state, actor, action, next) => {
		expect(nextState(state, actor, action)).toBe(next === '-' ? undefined : next);
		expect(can(state, actor, action)).toBe(next !== '-');
	});

	it('has no duplicate or unreachable transitions', () => {
		const keys = TRANSITIONS.map((t) => `${t.from}/${t.actor}/${t.action}`);
		expect(new Set(keys).size).toBe(keys.length);
		const reachable = new Set<CommitmentState>(['not_started']);
		for (let changed = true; changed;) {
			changed = false;
			for (const t of TRANSITIONS) {
				if (reachable.has(t.from) && !reachable.has(t.to)) {
					reachable.add(t.to);
					changed = true;
				}
			}
		}
		expect([...reachable].sort()).toEqual([...COMMITMENT_STATES].sort());
	});

	it('keeps confirmed final', () => {
		expect(TRANSITIONS.filter((t) => t.from === 'confirmed')).toEqual([]);
	});

	it('gives the buttons to show, in a fixed order', () => {
		expect(allowedActions('not_started', 'member')).toEqual(['save_draft']);
		expect(allowedActions('draft', 'member')).toEqual(['save_draft', 'sign']);
		expect(allowedActions('signed', 'member')).toEqual(['amend']);
		expect(allowedActions('signed', 'secretary')).toEqual(['confirm', 'return']);
		expect(allowedActions('returned', 'member')).toEqual(['amend']);
		expect(allowedActions('returned', 'secretary')).toEqual([]);
		expect(allowedActions('confirmed', 'member')).toEqual([]);
		expect(allowedActions('confirmed', 'secretary')).toEqual([]);
	});

	it('agrees with nextState for every state and actor', () => {
		for (const state of COMMITMENT_STATES) {
			for (const actor of COMMITMENT_ACTORS) {
				const expected = COMMITMENT_ACTIONS.filter((a) => nextState(state, actor, a));
				expect(allowedActions(state, actor)).toEqual(expected);
			}
		}
	});

	it('lets the cell secretary and deputy review', () => {
		expect(COMMITMENT_REVIEWER_ROLES).toEqual(['cell_secretary', 'cell_deputy_secretary']);
	});
});

describe('deriveState', () => {
	it.each([
		['nothing stored', { hasDraft: false, draftIsNewer: false }, 'not_started'],
		['a draft only', { hasDraft: true, draftIsNewer: false }, 'draft'],
		['a draft only (flag ignored)', { hasDraft: true, draftIsNewer: true }, 'draft'],
		['signed, no draft', { hasDraft: false, draftIsNewer: false, latest: {} }, 'signed'],
		[
			'signed, review null',
			{ hasDraft: false, draftIsNewer: false, latest: { review: null } },
			'signed'
		],
		[
			'signed, draft left over from before signing',
			{ hasDraft: true, draftIsNewer: false, latest: {} },
			'signed'
		],
		['signed, then amended', { hasDraft: true, draftIsNewer: true, latest: {} }, 'draft'],
		[
			'returned',
			{ hasDraft: false, draftIsNewer: false, latest: { review: 'returned' } },
			'returned'
		],
		[
			'returned, old draft',
			{ hasDraft: true, draftIsNewer: false, latest: { review: 'returned' } },
			'returned'
		],
		[
			'returned, then amended',
			{ hasDraft: true, draftIsNewer: true, latest: { review: 'returned' } },
			'draft'
		],
		[
			'confirmed',
			{ hasDraft: false, draftIsNewer: false, latest: { review: 'confirmed' } },
			'confirmed'
		],
		[
			'confirmed wins over any draft',
			{ hasDraft: true, draftIsNewer: true, latest: { review: 'confirmed' } },
			'confirmed'
		],
		['latest null', { hasDraft: false, draftIsNewer: false, latest: null }, 'not_started']
	] as const)('%s → %s', (_, facts, expected) => {
		expect(deriveState(facts)).toBe(expected);
	});

	it('walks a whole year: draft, sign, return, amend, sign again, confirm', () => {
		let state = deriveState({ hasDraft: false, draftIsNewer: false });
		const step = (actor: CommitmentActor, action: CommitmentAction) => {
			const next = nextState(state, actor, action);
			expect(next, `${state} + ${actor} + ${action}`).toBeDefined();
			state = next!;
		};
		step('member', 'save_draft');
		expect(state).toBe(deriveState({ hasDraft: true, draftIsNewer: false }));
		step('member', 'sign');
		expect(state).toBe(deriveState({ hasDraft: false, draftIsNewer: false, latest: {} }));
		step('secretary', 'return');
		expect(state).toBe(
			deriveState({ hasDraft: false, draftIsNewer: false, latest: { review: 'returned' } })
		);
		step('member', 'amend');
		expect(state).toBe(
			deriveState({ hasDraft: true, draftIsNewer: true, latest: { review: 'returned' } })
		);
		step('member', 'sign');
		expect(state).toBe(deriveState({ hasDraft: false, draftIsNewer: false, latest: {} }));
		step('secretary', 'confirm');
		expect(state).toBe(
			deriveState({ hasDraft: false, draftIsNewer: false, latest: { review: 'confirmed' } })
		);
		expect(allowedActions(state, 'member')).toEqual([]);
	});
});

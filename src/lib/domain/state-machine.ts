// A state machine as data: rows of (state, actor, action) → next state. The server checks a row
// exists before every change; the UI reads the same table to decide which buttons to show. Each
// area declares its table; who counts as which actor is decided by access/, not here.

export interface Transition<S extends string, A extends string, X extends string> {
	from: S;
	actor: A;
	action: X;
	to: S;
}

export interface StateMachine<S extends string, A extends string, X extends string> {
	readonly transitions: readonly Transition<S, A, X>[];
	next(state: S, actor: A, action: X): S | undefined;
	can(state: S, actor: A, action: X): boolean;
	/** In the order of `actions`, so buttons keep their place. */
	allowed(state: S, actor: A): X[];
}

export function stateMachine<S extends string, A extends string, X extends string>(
	actions: readonly X[],
	transitions: readonly Transition<S, A, X>[]
): StateMachine<S, A, X> {
	const next = (state: S, actor: A, action: X) =>
		transitions.find((t) => t.from === state && t.actor === actor && t.action === action)?.to;
	const can = (state: S, actor: A, action: X) => next(state, actor, action) !== undefined;
	return {
		transitions,
		next,
		can,
		allowed: (state, actor) => actions.filter((action) => can(state, actor, action))
	};
}

// The one place a refused operation becomes an HTTP answer: `not_found` is the 404 page (as for a
// record that does not exist), a problem with a field is that field's error, any other problem the
// form's message, each with the status statusOf() gives.
import { error, fail, type ActionFailure } from '@sveltejs/kit';
import { message, setError, type SuperValidated } from 'sveltekit-superforms';
import { NOT_FOUND, statusOf, type Problem } from '$lib/domain/result';

export type FormMessage = { type: 'error' | 'success'; text: string };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyForm = SuperValidated<Record<string, any>, FormMessage, any>;

/** For a superform: the field's error when the problem names a field of this form, else its message. */
export function refuseForm<F extends AnyForm>(form: F, problem: Problem, text: string) {
	if (problem.code === NOT_FOUND) error(404);
	const status = statusOf(problem);
	if (problem.field && problem.field in form.data)
		return setError(form, problem.field as never, text, { status });
	return message(form, { type: 'error', text }, { status });
}

/** For a plain form action (no superform): `form.error` carries the text. */
export function refuseAction(problem: Problem, text: string): ActionFailure<{ error: string }> {
	if (problem.code === NOT_FOUND) error(404);
	return fail(statusOf(problem), { error: text });
}

/** For a load or an endpoint: the error page with the text. */
export function refusePage(problem: Problem, text: string): never {
	error(statusOf(problem), text);
}

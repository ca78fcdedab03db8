// The registration form's page data and its save and submit actions, shared by the member's own
// page and the page where the cell enters a registration on a member's behalf: the same form, the
// same checks, the same answers.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { EMPTY_CONTENT, MAX_ACTIONS } from '$lib/domain/registration/content';
import { diffRegistrations } from '$lib/domain/registration/diff';
import { allowedActions, can } from '$lib/domain/registration/states';
import { statusOf, type Problem } from '$lib/domain/result';
import { registrationPhaseText } from '$lib/labels/registrations';
import { m } from '$lib/paraglide/messages';
import { formOf, parseRegistration, readRegistrationForm } from '$lib/schemas/registration';
import type { Ctx } from '../access/guard';
import * as writer from './member';

/** What the form page shows of an opened registration. */
export function formPage(r: writer.OpenRegistration) {
	const { chain } = r;
	const shown = chain.draft?.content ?? chain.latest?.content ?? EMPTY_CONTENT;
	// What the next approval would change: the draft or the waiting version against the one in force.
	const pending =
		chain.draft?.content ?? (chain.state === 'submitted' ? chain.latest?.content : null);
	return {
		year: { year: r.year.year, theme: r.year.theme },
		cell: r.cell.name,
		phase: r.phase,
		state: chain.state,
		actions: r.phase.state === 'open' ? allowedActions(chain.state, 'member') : [],
		// Saving and submitting are one step from a first visit too (member.ts, gate).
		canSubmit:
			r.phase.state === 'open' &&
			can(chain.state === 'not_started' ? 'draft' : chain.state, 'member', 'submit'),
		values: formOf(shown),
		content: shown,
		draftOnBehalf: chain.draft?.on_behalf ?? false,
		versions: chain.versions.map((v) => ({
			version: v.version,
			submitted_at: v.submitted_at,
			on_behalf: v.on_behalf,
			acknowledged_at: v.acknowledged_at,
			decision: v.decision,
			comment: v.comment,
			reviewed_at: v.reviewed_at,
			reviewer_name: v.reviewer_name
		})),
		diff:
			pending && chain.inForce && pending !== chain.inForce.content
				? diffRegistrations(chain.inForce.content, pending)
				: null,
		inForce: chain.inForce?.version ?? null
	};
}

export function problemText(
	r: writer.OpenRegistration,
	problem: Problem<writer.RegistrationProblem | 'not_found' | 'full'>
): string {
	switch (problem.code) {
		case 'not_found':
			return m.registration_err_template_gone();
		case 'full':
			return m.registration_v_too_many({ max: String(MAX_ACTIONS) });
		case 'phase':
			return registrationPhaseText(r.phase);
		case 'empty':
			return m.registration_err_empty();
		case 'unchanged':
			return m.registration_err_unchanged();
		case 'conflict':
			return m.registration_err_state();
	}
}

/**
 * Checks the posted form and saves it as the draft (`submit`: submits it): a refused form comes
 * back as typed, with its errors. Returns undefined when done (the caller answers).
 */
export async function writeFromForm(
	event: RequestEvent,
	ctx: Ctx,
	r: writer.OpenRegistration,
	how: 'save' | 'submit'
) {
	const values = readRegistrationForm(await event.request.formData());
	const parsed = parseRegistration(values, r.year.year);
	if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
	const result =
		how === 'save'
			? await writer.saveDraft(ctx, r, parsed.content)
			: await writer.submit(ctx, r, parsed.content);
	if (!result.ok)
		return fail(statusOf(result.problem), {
			values,
			errors: {},
			error: problemText(r, result.problem)
		});
	return undefined;
}

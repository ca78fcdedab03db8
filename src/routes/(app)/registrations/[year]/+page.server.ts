import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { EMPTY_CONTENT, MAX_ACTIONS } from '$lib/domain/registration/content';
import { diffRegistrations } from '$lib/domain/registration/diff';
import { allowedActions, can } from '$lib/domain/registration/states';
import { statusOf, type Problem } from '$lib/domain/result';
import { registrationPhaseText } from '$lib/labels/registrations';
import { m } from '$lib/paraglide/messages';
import { formOf, parseRegistration, readRegistrationForm } from '$lib/schemas/registration';
import { requireActor } from '$lib/server/access/guard';
import { refuseAction } from '$lib/server/http/refuse';
import * as own from '$lib/server/registrations/member';
import { adoptTemplate, listTemplatesForCell } from '$lib/server/registrations/templates';
import type { Actions, PageServerLoad } from './$types';

async function open(event: RequestEvent) {
	const ctx = requireActor(event);
	if (!/^\d{4}$/.test(event.params.year ?? '')) error(404);
	const r = await own.openOwn(ctx, Number(event.params.year));
	if (!r) error(404);
	return { ctx, r };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, r } = await open(event);
	const { chain } = r;
	const editable = r.phase.state === 'open' && can(chain.state, 'member', 'save_draft');
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
		values: formOf(shown),
		content: shown,
		versions: chain.versions.map((v) => ({
			version: v.version,
			submitted_at: v.submitted_at,
			on_behalf: v.on_behalf,
			decision: v.decision,
			comment: v.comment,
			reviewed_at: v.reviewed_at,
			reviewer_name: v.reviewer_name
		})),
		diff:
			pending && chain.inForce && pending !== chain.inForce.content
				? diffRegistrations(chain.inForce.content, pending)
				: null,
		inForce: chain.inForce?.version ?? null,
		// The cell's and the committees' proposals, to adopt while writing.
		templates: editable ? await listTemplatesForCell(ctx.db, r.cell.path, r.year.id) : []
	};
};

function problemText(
	r: own.OpenRegistration,
	problem: Problem<own.RegistrationProblem | 'not_found' | 'full'>
) {
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

/** The posted form, checked; a refused one comes back as typed, with its errors. */
async function readForm(event: RequestEvent, r: own.OpenRegistration) {
	const values = readRegistrationForm(await event.request.formData());
	const parsed = parseRegistration(values, r.year.year);
	return { values, parsed };
}

export const actions: Actions = {
	save: async (event) => {
		const { ctx, r } = await open(event);
		const { values, parsed } = await readForm(event, r);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await own.saveDraft(ctx, r, parsed.content);
		if (!result.ok)
			return fail(statusOf(result.problem), {
				values,
				errors: {},
				error: problemText(r, result.problem)
			});
		return { saved: true };
	},
	submit: async (event) => {
		const { ctx, r } = await open(event);
		const { values, parsed } = await readForm(event, r);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await own.submit(ctx, r, parsed.content);
		if (!result.ok)
			return fail(statusOf(result.problem), {
				values,
				errors: {},
				error: problemText(r, result.problem)
			});
		redirect(303, `/registrations/${r.year.year}?submitted=1`);
	},
	adopt: async (event) => {
		const { ctx, r } = await open(event);
		const id = Number((await event.request.formData()).get('template_id'));
		const result = await adoptTemplate(ctx, r, Number.isSafeInteger(id) ? id : 0);
		// A template withdrawn meanwhile is a message, not a 404: the page itself is still there.
		if (!result.ok)
			return fail(result.problem.code === 'not_found' ? 400 : statusOf(result.problem), {
				error: problemText(r, result.problem)
			});
		redirect(303, `/registrations/${r.year.year}?adopted=1#form`);
	},
	edit: async (event) => {
		const { ctx, r } = await open(event);
		const result = await own.startEdit(ctx, r);
		if (!result.ok) return refuseAction(result.problem, problemText(r, result.problem));
		redirect(303, `/registrations/${r.year.year}#form`);
	},
	discard: async (event) => {
		const { ctx, r } = await open(event);
		const result = await own.discardEdit(ctx, r);
		if (!result.ok) return refuseAction(result.problem, problemText(r, result.problem));
		redirect(303, `/registrations/${r.year.year}`);
	}
};

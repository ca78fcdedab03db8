import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { can } from '$lib/domain/registration/states';
import { statusOf } from '$lib/domain/result';
import { requireActor } from '$lib/server/access/guard';
import { refuseAction } from '$lib/server/http/refuse';
import { formPage, problemText, writeFromForm } from '$lib/server/registrations/form';
import * as own from '$lib/server/registrations/member';
import { listTasks } from '$lib/server/registrations/tasks';
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
	const editable = r.phase.state === 'open' && can(r.chain.state, 'member', 'save_draft');
	return {
		...formPage(r),
		// The cell's and the committees' proposals, to adopt while writing.
		templates: editable ? await listTemplatesForCell(ctx.db, r.cell.path, r.year.id) : [],
		tasks: (await listTasks(ctx.db, r.member, r.year.id)).map((t) => ({
			id: t.id,
			source: t.assigned_by ?? '',
			action: t.task
		})),
		// A version the cell entered for the member, which they have not confirmed yet.
		toAcknowledge:
			r.chain.latest?.on_behalf && !r.chain.latest.acknowledged_at ? r.chain.latest.version : null
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, r } = await open(event);
		return (await writeFromForm(event, ctx, r, 'save')) ?? { saved: true };
	},
	submit: async (event) => {
		const { ctx, r } = await open(event);
		const refused = await writeFromForm(event, ctx, r, 'submit');
		if (refused) return refused;
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
	},
	acknowledge: async (event) => {
		const { ctx, r } = await open(event);
		const result = await own.acknowledge(ctx, r);
		if (!result.ok) return refuseAction(result.problem, problemText(r, result.problem));
		return { acknowledged: true };
	}
};

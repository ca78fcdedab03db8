import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { formatCode } from '$lib/domain/commitment/canonical';
import { AREA_ORDER, type AreaCode } from '$lib/domain/commitment/snapshot';
import { allowedActions } from '$lib/domain/commitment/states';
import { m } from '$lib/paraglide/messages';
import { draftSchema, signSchema, splitLines } from '$lib/schemas/commitment';
import type { Problem } from '$lib/domain/result';
import { requireActor } from '$lib/server/access/guard';
import { refuseAction, refuseForm } from '$lib/server/http/refuse';
import * as own from '$lib/server/commitments/member';
import { commitmentView } from '$lib/server/commitments/view';
import { phaseText as phaseMessage } from '$lib/labels/commitments';
import type { Actions, PageServerLoad } from './$types';

async function open(event: RequestEvent) {
	const ctx = requireActor(event);
	const year = Number(event.params.year);
	if (!/^\d{4}$/.test(event.params.year ?? '')) error(404);
	const c = await own.openOwn(ctx, year);
	if (!c) error(404);
	return { ctx, c };
}

// Saving and signing post the same form: one id, so either answer lands on it (also without JS).
const FORM_ID = 'commitment';

const personalOf = (data: Record<AreaCode, string>) =>
	Object.fromEntries(AREA_ORDER.map((a) => [a, splitLines(data[a] ?? '')])) as Record<
		AreaCode,
		string[]
	>;

export const load: PageServerLoad = async (event) => {
	const { ctx, c } = await open(event);
	const text = Object.fromEntries(AREA_ORDER.map((a) => [a, c.personal[a].join('\n')]));
	const view = await commitmentView(ctx.db, c.composition, c.chain, c.personal);
	const document = view.document;
	if (!document) error(404);
	return {
		document,
		versions: view.versions,
		diff: view.diff,
		year: { year: c.year.year, place: c.year.place },
		phase: c.phase,
		state: c.chain.state,
		actions: c.phase.state === 'open' ? allowedActions(c.chain.state, 'member') : [],
		preview: own.previewOf(c),
		form: await superValidate({ ...text, typed_name: '' }, zod4(signSchema), {
			errors: false,
			id: FORM_ID
		})
	};
};

function problemText(c: own.MemberCommitment, problem: Problem<own.CommitmentProblem>): string {
	switch (problem.code) {
		case 'phase':
			return phaseMessage(c.phase);
		case 'throttled':
			return m.login_throttled({ minutes: String(problem.detail?.minutes ?? 15) });
		case 'unchanged':
			return m.commitment_err_unchanged();
		case 'stale':
			return m.commitment_err_stale();
		case 'password':
			return m.commitment_err_password();
		case 'name':
			return m.commitment_err_name();
		case 'conflict':
			return m.commitment_err_state();
	}
}

export const actions: Actions = {
	save: async (event) => {
		const { ctx, c } = await open(event);
		const form = await superValidate(event.request, zod4(draftSchema), { id: FORM_ID });
		if (!form.valid) return fail(400, { form });
		const result = await own.saveDraft(ctx, c, personalOf(form.data));
		if (!result.ok) return refuseForm(form, result.problem, problemText(c, result.problem));
		return message(form, { type: 'success', text: m.commitment_saved() });
	},
	sign: async (event) => {
		const { ctx, c } = await open(event);
		const form = await superValidate(event.request, zod4(signSchema), { id: FORM_ID });
		const password = form.data.password;
		form.data.password = '';
		if (!form.valid) return fail(400, { form });
		const personal = personalOf(form.data);
		const result = await own.sign(ctx, c, {
			personal,
			typedName: form.data.typed_name,
			preview: form.data.preview,
			password,
			ip: event.getClientAddress(),
			userAgent: event.request.headers.get('user-agent')
		});
		if (result.ok)
			redirect(303, `/commitments/${c.year.year}?signed=${formatCode(result.value.code)}`);
		// Without the digest nothing says what the member read: the form sent was incomplete or
		// from an old page, not a text that changed (that answer would send them looking for
		// changes). Nothing is written, not even the draft.
		if (result.problem.code === 'stale' && !form.data.preview)
			return message(form, { type: 'error', text: m.commitment_err_no_preview() }, { status: 400 });
		if (result.problem.code === 'stale') {
			// The member must read the new text before signing it: a fresh page shows it (with or
			// without JavaScript) along with their own items, kept as the draft.
			await own.saveDraft(ctx, c, personal);
			redirect(303, `/commitments/${c.year.year}?updated=1`);
		}
		return refuseForm(form, result.problem, problemText(c, result.problem));
	},
	amend: async (event) => {
		const { ctx, c } = await open(event);
		const result = await own.amend(ctx, c);
		if (!result.ok) return refuseAction(result.problem, problemText(c, result.problem));
		redirect(303, `/commitments/${c.year.year}#sign`);
	},
	discard: async (event) => {
		const { ctx, c } = await open(event);
		const result = await own.discardAmendment(ctx, c);
		if (!result.ok) return refuseAction(result.problem, problemText(c, result.problem));
		redirect(303, `/commitments/${c.year.year}`);
	}
};

import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { proposalSchema, readProposalForm } from '$lib/schemas/exemplary';
import { parseFields } from '$lib/schemas/fields';
import { idParam, requireActor } from '$lib/server/access/guard';
import { mayProposeExemplaryAt } from '$lib/server/access/policy';
import { findCandidate } from '$lib/server/exemplary/read';
import { propose, type ProposalProblem } from '$lib/server/exemplary/write';
import { refuseAction } from '$lib/server/http/refuse';
import { openUnitYear } from '$lib/server/years/unit-year';
import type { Actions, PageServerLoad } from './$types';

/** The cell, its open year and the member it proposes, for its secretary and deputy; else a 404. */
async function opened(event: RequestEvent, memberId: number) {
	const ctx = requireActor(event);
	const { unit, year } = await openUnitYear(
		ctx,
		idParam(event.params.id),
		event.url.searchParams.get('year')
	);
	if (!year || year.status !== 'open' || !mayProposeExemplaryAt(ctx.actor, unit)) error(404);
	const member = await findCandidate(ctx.db, unit, year.id, memberId);
	if (!member || member.id === ctx.actor.memberId) error(404);
	return { ctx, unit, year, member };
}

function problemText(code: ProposalProblem): string {
	switch (code) {
		case 'year_closed':
			return m.exemplary_err_year_closed();
		case 'conflict':
			return m.exemplary_err_proposed();
		case 'files':
			return m.exemplary_err_files();
		case 'own':
			return m.exemplary_err_own();
		case 'not_found':
			return '';
	}
}

export const load: PageServerLoad = async (event) => {
	const { unit, year, member } = await opened(event, Number(event.url.searchParams.get('member')));
	return { unit: { id: unit.id, name: unit.name }, year: year.year, member };
};

export const actions: Actions = {
	propose: async (event) => {
		const values = readProposalForm(await event.request.formData());
		const { ctx, unit, year } = await opened(event, Number(values.member_id));
		const parsed = parseFields(proposalSchema, values);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await propose(ctx, unit, year, parsed.value);
		if (!result.ok) {
			const text = problemText(result.problem.code);
			if (result.problem.field)
				return fail(400, { values, errors: { [result.problem.field]: text } });
			return refuseAction(result.problem, text);
		}
		redirect(303, `/units/${unit.id}/exemplary?year=${year.year}&proposed=1#p${result.value}-name`);
	}
};

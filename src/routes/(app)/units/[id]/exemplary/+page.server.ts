import { fail, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { decisionSchema, readDecisionForm } from '$lib/schemas/exemplary';
import { parseFields } from '$lib/schemas/fields';
import { idParam, requireActor } from '$lib/server/access/guard';
import { mayDecideExemplaryFor, mayProposeExemplaryAt } from '$lib/server/access/policy';
import { listCandidates, listProposals, PROPOSALS_PER_PAGE } from '$lib/server/exemplary/read';
import { decide, type DecisionProblem } from '$lib/server/exemplary/write';
import { refuseAction } from '$lib/server/http/refuse';
import { openUnitYear } from '$lib/server/years/unit-year';
import type { Actions, PageServerLoad } from './$types';

function opened(event: RequestEvent) {
	const ctx = requireActor(event);
	return openUnitYear(ctx, idParam(event.params.id), event.url.searchParams.get('year')).then(
		(o) => ({ ctx, ...o })
	);
}

function pageParam(raw: string | null): number {
	const n = Number(raw);
	return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export const load: PageServerLoad = async (event) => {
	const { ctx, unit, year } = await opened(event);
	const page = pageParam(event.url.searchParams.get('page'));
	const open = year?.status === 'open';
	const canPropose = open && mayProposeExemplaryAt(ctx.actor, unit);
	const [list, candidates] = year
		? await Promise.all([
				listProposals(ctx.db, unit, year.id, page),
				canPropose ? listCandidates(ctx.db, unit, year.id, ctx.actor.memberId) : []
			])
		: [{ rows: [], counts: { waiting: 0, approved: 0, declined: 0 } }, []];
	const total = list.counts.waiting + list.counts.approved + list.counts.declined;
	return {
		unit: { id: unit.id, name: unit.name, kind: unit.kind },
		years: unit.years.map((y) => y.year),
		year: year ? { year: year.year } : null,
		page,
		pages: Math.max(1, Math.ceil(total / PROPOSALS_PER_PAGE)),
		counts: list.counts,
		proposals: list.rows.map(({ cell_path, cell_kind, ...row }) => ({
			...row,
			canDecide:
				open &&
				row.decision === null &&
				mayDecideExemplaryFor(ctx.actor, { cellPath: cell_path, cellKind: cell_kind })
		})),
		canPropose,
		candidates,
		proposed: event.url.searchParams.get('proposed') === '1'
	};
};

function problemText(code: DecisionProblem): string {
	switch (code) {
		case 'conflict':
			return m.exemplary_err_decided();
		case 'year_closed':
			return m.exemplary_err_year_closed();
		case 'not_found':
			return '';
	}
}

export const actions: Actions = {
	decide: async (event) => {
		const { ctx, unit } = await opened(event);
		const values = readDecisionForm(await event.request.formData());
		const parsed = parseFields(decisionSchema, values);
		if (!parsed.ok)
			return fail(400, { proposalId: Number(values.proposal_id), values, errors: parsed.errors });
		const result = await decide(ctx, unit, parsed.value);
		if (!result.ok) return refuseAction(result.problem, problemText(result.problem.code));
		return { decided: parsed.value.proposal_id, decision: parsed.value.decision };
	}
};

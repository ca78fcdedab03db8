import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { checkApproval, decisionWindow, standingOf } from '$lib/domain/rating/decision';
import { ruleSetById } from '$lib/domain/rating/rule-sets';
import { NOT_FOUND, statusOf } from '$lib/domain/result';
import { phaseStatus, todayInVietnam } from '$lib/domain/years/phases';
import type { RuleSet as RuleSetId } from '$lib/domain/years/settings';
import { parseFields } from '$lib/schemas/fields';
import { decisionSchema, readDecisionForm } from '$lib/schemas/rating';
import { idParam, requireActor } from '$lib/server/access/guard';
import { mayDecideRatingsAt, mayProposeRatingsAt } from '$lib/server/access/policy';
import { refuseAction } from '$lib/server/http/refuse';
import { BOARD_PAGE_SIZE, deciderOf, loadBoard } from '$lib/server/ratings/board';
import { approvalText, decisionText } from '$lib/server/ratings/problems';
import { approveRatings, decideRating } from '$lib/server/ratings/write';
import { openUnitYear } from '$lib/server/years/unit-year';
import type { Actions, PageServerLoad } from './$types';

/** The unit, the year shown, and the grassroots organization that decides its members' levels. */
async function opened(event: RequestEvent) {
	const ctx = requireActor(event);
	const { unit, year } = await openUnitYear(
		ctx,
		idParam(event.params.id),
		event.url.searchParams.get('year')
	);
	return { ctx, unit, year, org: deciderOf(unit.ancestors) };
}

function pageParam(raw: string | null): number {
	const n = Number(raw);
	return Number.isSafeInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

export const load: PageServerLoad = async (event) => {
	const { ctx, unit, year, org } = await opened(event);
	const base = {
		unit: { id: unit.id, name: unit.name, kind: unit.kind },
		years: unit.years.map((y) => y.year)
	};
	if (!year) return { ...base, year: null };
	const page = pageParam(event.url.searchParams.get('page'));
	const isOrg = org?.id === unit.id;
	const cellId = Number(event.url.searchParams.get('cell')) || null;
	const { rows, cells, tally, approval } = await loadBoard(ctx.db, unit, year.id, {
		page,
		orgId: org?.id ?? null,
		cellId
	});
	const cell = cells.find((c) => c.id === cellId) ?? null;
	const today = todayInVietnam();
	const window = decisionWindow(year, today);
	const cellReview = phaseStatus(year, 'cell_review', today);
	const decides = isOrg && mayDecideRatingsAt(ctx.actor, unit);
	const canDecide = decides && window.state === 'open' && !approval;
	const check = isOrg
		? checkApproval(
				{ id: String(unit.id), name: unit.name, outstanding: false },
				tally,
				ruleSetById(year.rule_set as RuleSetId).quota
			)
		: null;
	return {
		...base,
		year: { year: year.year, decisionDeadline: year.decision_deadline },
		org: org && !isOrg ? { id: org.id, name: org.name } : null,
		page,
		pages: Math.max(1, Math.ceil((cell?.members ?? tally.members) / BOARD_PAGE_SIZE)),
		cells: cells.length > 1 ? cells : [],
		cell: cell?.id ?? null,
		tally,
		check,
		approval,
		window,
		cellReview,
		decides,
		canDecide,
		rows: rows.map((r) => {
			const standing = standingOf(r.review?.evaluation ?? null);
			const own = r.member_id === ctx.actor.memberId;
			return {
				...r,
				review: r.review && {
					version: r.review.version,
					proposed_level: r.review.proposed_level,
					points: r.review.points,
					on_behalf: r.review.on_behalf
				},
				standing,
				canPropose:
					!approval &&
					!own &&
					standing.kind === 'rated' &&
					cellReview.state === 'open' &&
					mayProposeRatingsAt(ctx.actor, { path: r.cell_path, kind: r.cell_kind }),
				canDecide: canDecide && !own && standing.kind === 'rated'
			};
		}),
		decided: Number(event.url.searchParams.get('decided')) || null,
		approved: event.url.searchParams.get('approved') === '1',
		proposed: Number(event.url.searchParams.get('proposed')) || null
	};
};

export const actions: Actions = {
	decide: async (event) => {
		const { ctx, unit, year, org } = await opened(event);
		if (!year || org?.id !== unit.id || !mayDecideRatingsAt(ctx.actor, unit)) error(404);
		const values = readDecisionForm(await event.request.formData());
		const parsed = parseFields(decisionSchema, values);
		const memberId = Number(values.member_id);
		if (!parsed.ok) return fail(400, { memberId, values, errors: parsed.errors });
		const r = await decideRating(ctx, unit, year, parsed.value);
		if (!r.ok) {
			if (r.problem.code === NOT_FOUND) error(404);
			const text = decisionText(r.problem, year);
			return r.problem.field
				? fail(400, { memberId, values, errors: { [r.problem.field]: text } })
				: fail(statusOf(r.problem), { memberId, error: text });
		}
		return { decided: memberId };
	},
	approve: async (event) => {
		const { ctx, unit, year, org } = await opened(event);
		if (!year || org?.id !== unit.id || !mayDecideRatingsAt(ctx.actor, unit)) error(404);
		const r = await approveRatings(ctx, unit, year);
		if (!r.ok) return refuseAction(r.problem, approvalText(r.problem, year));
		return { approved: true };
	}
};

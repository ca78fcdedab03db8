import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { standingOf } from '$lib/domain/rating/decision';
import { NOT_FOUND } from '$lib/domain/result';
import { phaseStatus, todayInVietnam } from '$lib/domain/years/phases';
import { parseFields } from '$lib/schemas/fields';
import {
	cellProposalSchema,
	readCellProposalForm,
	readRerateForm,
	rerateSchema
} from '$lib/schemas/rating';
import {
	auditCtx,
	idParam,
	requireActor,
	requireUnit,
	type Ctx,
	type ScopedMember
} from '$lib/server/access/guard';
import { mayProposeRatingsAt, mayRerateRatingsAt } from '$lib/server/access/policy';
import { refuseAction } from '$lib/server/http/refuse';
import { recordMemberRead } from '$lib/server/members/read';
import { deciderOf, findApproval, findBoardRow } from '$lib/server/ratings/board';
import { proposalText, rerateText } from '$lib/server/ratings/problems';
import { proposeRating, rerateRating } from '$lib/server/ratings/write';
import { openUnitYear } from '$lib/server/years/unit-year';
import type { Actions, PageServerLoad } from './$types';

/**
 * One member's year-end rating as their cell sees it: the self-review's level and what the rules
 * allow, the cell's proposal (recorded here by its secretary or deputy) and the decision. The
 * member must be a current member of the unit's subtree; else a 404.
 */
async function opened(event: RequestEvent) {
	const ctx = requireActor(event);
	const { unit, year } = await openUnitYear(
		ctx,
		idParam(event.params.id),
		event.url.searchParams.get('year')
	);
	if (!year) error(404);
	const row = await findBoardRow(ctx.db, unit, year.id, idParam(event.params.member));
	if (!row) error(404);
	return { ctx, unit, year, row, org: deciderOf(unit.ancestors) };
}

/** The member's grassroots organization when the actor may re-rate there and it has approved. */
async function rerateScope(
	ctx: Ctx,
	org: { id: number; path: string } | undefined,
	yearId: number
) {
	if (!org || !mayRerateRatingsAt(ctx.actor, org)) return undefined;
	const [unit, approval] = await Promise.all([
		requireUnit(ctx, org.id, 'member.read'),
		findApproval(ctx.db, org.id, yearId)
	]);
	return approval ? unit : undefined;
}

export const load: PageServerLoad = async (event) => {
	const { ctx, unit, year, row, org } = await opened(event);
	// Found in the subtree the guard cleared: a member of the actor's scope, read by them.
	const member = {
		id: row.member_id,
		unitPath: row.cell_path,
		isSelf: row.member_id === ctx.actor.memberId
	} as ScopedMember;
	const [rerateOrg] = await Promise.all([
		year.status === 'open' ? rerateScope(ctx, org, year.id) : undefined,
		recordMemberRead(ctx.db, auditCtx(ctx), member)
	]);
	const cellReview = phaseStatus(year, 'cell_review', todayInVietnam());
	const standing = standingOf(row.review?.evaluation ?? null);
	return {
		unit: { id: unit.id, name: unit.name },
		year: year.year,
		row,
		standing,
		cellReview,
		canRerate: rerateOrg !== undefined,
		rerated: event.url.searchParams.get('rerated') === '1',
		canPropose:
			row.member_id !== ctx.actor.memberId &&
			standing.kind === 'rated' &&
			cellReview.state === 'open' &&
			mayProposeRatingsAt(ctx.actor, { path: row.cell_path, kind: row.cell_kind })
	};
};

export const actions: Actions = {
	rerate: async (event) => {
		const { ctx, unit, year, row, org } = await opened(event);
		const scope = year.status === 'open' ? await rerateScope(ctx, org, year.id) : undefined;
		if (!scope) error(404);
		const values = readRerateForm(await event.request.formData());
		const parsed = parseFields(rerateSchema, { ...values, member_id: row.member_id });
		if (!parsed.ok) return fail(400, { rerate: true, values, errors: parsed.errors });
		const r = await rerateRating(ctx, scope, year, parsed.value);
		if (!r.ok) {
			if (r.problem.code === NOT_FOUND) error(404);
			return refuseAction(r.problem, rerateText(r.problem));
		}
		redirect(303, `/units/${unit.id}/ratings/${row.member_id}?year=${year.year}&rerated=1`);
	},
	propose: async (event) => {
		const { ctx, unit, year, row } = await opened(event);
		// The member's cell lies in the subtree the guard cleared.
		const cell = {
			...unit,
			id: row.cell_id,
			path: row.cell_path,
			kind: row.cell_kind,
			name: row.cell_name
		};
		if (!mayProposeRatingsAt(ctx.actor, cell)) error(404);
		const values = readCellProposalForm(await event.request.formData());
		const parsed = parseFields(cellProposalSchema, { ...values, member_id: row.member_id });
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const r = await proposeRating(ctx, cell, year, parsed.value);
		if (!r.ok) {
			if (r.problem.code === NOT_FOUND) error(404);
			const text = proposalText(r.problem, year);
			if (r.problem.field) return fail(400, { values, errors: { [r.problem.field]: text } });
			return refuseAction(r.problem, text);
		}
		redirect(
			303,
			`/units/${unit.id}/ratings?year=${year.year}&proposed=${row.member_id}#m${row.member_id}`
		);
	}
};

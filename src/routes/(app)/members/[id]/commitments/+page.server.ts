import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { phaseStatus } from '$lib/domain/years/phases';
import { can as stateAllows } from '$lib/domain/commitment/states';
import { todayInVietnam } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import { reviewSchema } from '$lib/schemas/commitment';
import { can } from '$lib/server/access/actor';
import { auditCtx, idParam, requireActor, requireMember, type Ctx } from '$lib/server/access/guard';
import { mayReviewCommitmentOf } from '$lib/server/access/policy';
import { loadReviewFacts } from '$lib/server/access/review-facts';
import { refuseForm } from '$lib/server/http/refuse';
import { loadChain } from '$lib/server/commitments/chain';
import { refusalText, review } from '$lib/server/commitments/review';
import { commitmentView } from '$lib/server/commitments/view';
import { getMemberName, recordMemberRead } from '$lib/server/members/read';
import { listYearsForPath } from '$lib/server/years/read';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function guarded(event: RequestEvent) {
	const ctx: Ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	if (!member.unitPath) error(404);
	return { ctx, member, unitPath: member.unitPath };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, member, unitPath } = await guarded(event);
	const years = await listYearsForPath(ctx.db, unitPath);
	const wanted = Number(event.url.searchParams.get('year'));
	const year = years.find((y) => y.year === wanted) ?? years[0];
	const name = await getMemberName(ctx.db, member);
	await recordMemberRead(ctx.db, auditCtx(ctx), member);
	const form = (commitmentId: number) =>
		superValidate(
			{ commitment_id: commitmentId, decision: 'confirmed' as const, comment: '' },
			zod4(reviewSchema),
			{ errors: false }
		);
	// The way back for committees and secretaries: their follow-up page of the member's cell.
	const cell = can(ctx.actor, 'member.read', unitPath)
		? { id: Number(unitPath.split('/').filter(Boolean).at(-1)) }
		: null;
	if (!year)
		return {
			member: { id: member.id, name },
			cell,
			years: [],
			year: null,
			form: await form(0)
		};
	const chain = await loadChain(ctx.db, member, year.id);
	const view = await commitmentView(ctx.db, undefined, chain);
	const facts = await loadReviewFacts(ctx.db, member);
	const canReview =
		facts !== undefined &&
		mayReviewCommitmentOf(ctx.actor, facts) &&
		year.status === 'open' &&
		stateAllows(chain.state, 'secretary', 'confirm');
	const phase = phaseStatus(year, 'commitment', todayInVietnam());
	return {
		member: { id: member.id, name },
		cell,
		years: years.map((y) => y.year),
		year: { year: year.year, phase },
		state: chain.state,
		...view,
		canReview,
		// After the signing window the member could not amend, so a return would strand them.
		returnClosedOn: canReview && phase.state === 'ended' ? phase.closedOn : null,
		form: await form(chain.latest?.id ?? 0)
	};
};

export const actions: Actions = {
	review: async (event) => {
		const { ctx, member } = await guarded(event);
		const form = await superValidate(event.request, zod4(reviewSchema));
		if (!form.valid) return fail(400, { form });
		// The decision is on this page's member: a commitment id of anyone else is not found,
		// even one the actor may review elsewhere.
		const result = await review(
			ctx,
			form.data.commitment_id,
			form.data.decision,
			form.data.comment,
			member.id
		);
		if (!result.ok)
			return refuseForm(
				form,
				{ ...result.problem, field: 'decision' },
				refusalText(result.problem)
			);
		return message(form, {
			type: 'success',
			text:
				form.data.decision === 'confirmed'
					? m.commitment_reviewed_confirmed()
					: m.commitment_reviewed_returned()
		});
	}
};

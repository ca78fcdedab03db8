import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { criteriaOf } from '$lib/domain/rating/rule-set';
import { ownMember, requireActor } from '$lib/server/access/guard';
import {
	confirmSelfReview,
	openSelfReview,
	startingContent
} from '$lib/server/assessments/self-review';
import { submitFromForm } from '$lib/server/assessments/submission';
import { refuseAction } from '$lib/server/http/refuse';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

async function opened(event: RequestEvent) {
	const ctx = requireActor(event);
	const own = ownMember(ctx);
	if (!own || !/^\d{4}$/.test(event.params.year ?? '')) error(404);
	const review = await openSelfReview(ctx.db, own, Number(event.params.year));
	if (!review) error(404);
	return { ctx, review };
}

export const load: PageServerLoad = async (event) => {
	const { review } = await opened(event);
	const { ruleSet, facts } = review;
	return {
		year: review.year.year,
		phase: review.phase,
		ruleSet,
		facts,
		criteria: criteriaOf(ruleSet, facts.subjectType),
		annex: review.annex,
		start: startingContent(review),
		versions: review.versions.map((v) => ({
			version: v.version,
			proposed_level: v.proposed_level,
			evaluation: v.evaluation,
			on_behalf: v.on_behalf,
			submitted_at: v.submitted_at,
			confirmed_at: v.confirmed_at
		})),
		result: review.rating,
		sent: event.url.searchParams.get('sent'),
		confirmed: event.url.searchParams.get('confirmed') === '1'
	};
};

export const actions: Actions = {
	confirm: async (event) => {
		const { ctx, review } = await opened(event);
		const version = Number((await event.request.formData()).get('version'));
		const r = await confirmSelfReview(ctx, review, version);
		if (!r.ok) return refuseAction(r.problem, m.assessments_confirm_err_stale());
		redirect(303, `/assessments/${review.year.year}?confirmed=1`);
	},
	submit: async (event) => {
		const { ctx, review } = await opened(event);
		const sent = await submitFromForm(ctx, review, await event.request.formData(), {
			onBehalf: false
		});
		if (!sent.ok) return sent.failure;
		redirect(303, `/assessments/${review.year.year}?sent=${sent.version}`);
	}
};

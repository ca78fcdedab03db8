import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { criteriaOf } from '$lib/domain/rating/rule-set';
import { formatDate } from '$lib/labels';
import { ratingProblemLabel } from '$lib/labels/rating';
import { m } from '$lib/paraglide/messages';
import { readSelfReviewForm } from '$lib/schemas/self-review';
import { ownMember, requireActor } from '$lib/server/access/guard';
import {
	openSelfReview,
	startingContent,
	submitSelfReview,
	type OpenSelfReview
} from '$lib/server/assessments/self-review';
import { refuseAction } from '$lib/server/http/refuse';
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
			submitted_at: v.submitted_at
		})),
		sent: event.url.searchParams.get('sent')
	};
};

function windowText(state: string, review: OpenSelfReview): string {
	const p = review.phase;
	if (p.state === 'not_yet')
		return m.assessments_review_err_not_yet({ date: formatDate(p.opensOn) });
	if (p.state === 'ended') return m.assessments_review_err_ended({ date: formatDate(p.closedOn) });
	return state === 'year_closed'
		? m.assessments_review_err_year_closed()
		: m.assessments_review_err_window();
}

export const actions: Actions = {
	submit: async (event) => {
		const { ctx, review } = await opened(event);
		const criteria = criteriaOf(review.ruleSet, review.facts.subjectType);
		const read = readSelfReviewForm(
			await event.request.formData(),
			criteria,
			review.annex,
			review.ruleSet.scale
		);
		if (!read.ok) return fail(400, { values: read.values, errors: read.errors });
		const r = await submitSelfReview(ctx, review, read.content);
		if (!r.ok) {
			const { problem } = r;
			if (problem.code === 'window_closed')
				return refuseAction(problem, windowText(String(problem.detail?.state ?? ''), review));
			if (problem.code === 'conflict')
				return refuseAction(problem, m.assessments_review_err_conflict());
			if (problem.code === 'annex') return refuseAction(problem, m.assessments_review_err_annex());
			const field = problem.field?.replace(/^scores\./, 'score_') ?? 'form';
			return fail(400, { values: read.values, errors: { [field]: ratingProblemLabel(problem) } });
		}
		redirect(303, `/assessments/${review.year.year}?sent=${r.value}`);
	}
};

// One submission of a self-review from a posted form, for the member's own page and the cell's
// entry on their behalf alike: read the form, send it, and word a refusal as its form shows it.
import { fail, type ActionFailure } from '@sveltejs/kit';
import { criteriaOf } from '$lib/domain/rating/rule-set';
import type { Problem } from '$lib/domain/result';
import { formatDate } from '$lib/labels';
import { ratingProblemLabel } from '$lib/labels/rating';
import { m } from '$lib/paraglide/messages';
import { readSelfReviewForm } from '$lib/schemas/self-review';
import type { Ctx } from '../access/guard';
import { refuseAction } from '../http/refuse';
import { submitSelfReview, type OpenSelfReview } from './self-review';

type Failure = ActionFailure<
	{ error: string } | { values: Record<string, string>; errors: Record<string, string> }
>;

function windowText(review: OpenSelfReview): string {
	const p = review.phase;
	if (p.state === 'not_yet')
		return m.assessments_review_err_not_yet({ date: formatDate(p.opensOn) });
	if (p.state === 'ended') return m.assessments_review_err_ended({ date: formatDate(p.closedOn) });
	if (p.state === 'year_closed') return m.assessments_review_err_year_closed();
	return m.assessments_review_err_window();
}

function refusal(
	problem: Problem,
	review: OpenSelfReview,
	values: Record<string, string>
): Failure {
	switch (problem.code) {
		case 'window_closed':
			return refuseAction(problem, windowText(review));
		case 'conflict':
			return refuseAction(problem, m.assessments_review_err_conflict());
		case 'annex':
			return refuseAction(problem, m.assessments_review_err_annex());
		default: {
			// A score the form's rules refuse: the criterion's field.
			const field = problem.field?.replace(/^scores\./, 'score_') ?? 'form';
			return fail(400, { values, errors: { [field]: ratingProblemLabel(problem) } });
		}
	}
}

/** The version sent, or the failure the page shows. */
export async function submitFromForm(
	ctx: Ctx,
	review: OpenSelfReview,
	form: FormData,
	opts: { onBehalf: boolean }
): Promise<{ ok: true; version: number } | { ok: false; failure: Failure }> {
	const criteria = criteriaOf(review.ruleSet, review.facts.subjectType);
	const read = readSelfReviewForm(form, criteria, review.annex, review.ruleSet.scale);
	if (!read.ok)
		return { ok: false, failure: fail(400, { values: read.values, errors: read.errors }) };
	const r = await submitSelfReview(ctx, review, read.content, opts);
	return r.ok
		? { ok: true, version: r.value }
		: { ok: false, failure: refusal(r.problem, review, read.values) };
}

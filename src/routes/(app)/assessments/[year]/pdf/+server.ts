import { error } from '@sveltejs/kit';
import { ownMember, requireActor } from '$lib/server/access/guard';
import { selfReviewPdf } from '$lib/server/assessments/download';
import { openSelfReview } from '$lib/server/assessments/self-review';
import type { RequestHandler } from './$types';

/** The member's own self-review as a PDF. */
export const GET: RequestHandler = async (event) => {
	const ctx = requireActor(event);
	const own = ownMember(ctx);
	if (!own || !/^\d{4}$/.test(event.params.year)) error(404);
	const review = await openSelfReview(ctx.db, own, Number(event.params.year));
	if (!review) error(404);
	return selfReviewPdf(ctx.db, review, event.url.searchParams.get('version'));
};

import { error } from '@sveltejs/kit';
import { auditCtx, idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { selfReviewPdf } from '$lib/server/assessments/download';
import { openSelfReview } from '$lib/server/assessments/self-review';
import { recordMemberRead } from '$lib/server/members/read';
import { listYearsForPath } from '$lib/server/years/read';
import { pickYear } from '$lib/server/years/unit-year';
import type { RequestHandler } from './$types';

/** A member's self-review as a PDF, for whoever reads the member's records (the read is audited). */
export const GET: RequestHandler = async (event) => {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	if (!member.unitPath) error(404);
	const year = pickYear(
		await listYearsForPath(ctx.db, member.unitPath),
		event.url.searchParams.get('year')
	);
	const review = year && (await openSelfReview(ctx.db, member, year.year));
	if (!review) error(404);
	await recordMemberRead(ctx.db, auditCtx(ctx), member);
	return selfReviewPdf(ctx.db, review, event.url.searchParams.get('version'));
};

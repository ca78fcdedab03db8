import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { criteriaOf } from '$lib/domain/rating/rule-set';
import { auditCtx, idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { openSelfReview, startingContent } from '$lib/server/assessments/self-review';
import { submitFromForm } from '$lib/server/assessments/submission';
import { getMemberName, recordMemberRead } from '$lib/server/members/read';
import { mayFollowUp } from '$lib/server/reports/open';
import { listYearsForPath } from '$lib/server/years/read';
import { pickYear } from '$lib/server/years/unit-year';
import type { Actions, PageServerLoad } from './$types';

/** A member's self-review as the cell reads it; entered on their behalf by whoever follows them up. */
async function opened(event: RequestEvent) {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	if (!member.unitPath) error(404);
	const years = await listYearsForPath(ctx.db, member.unitPath);
	const year = pickYear(years, event.url.searchParams.get('year'));
	const review = year && (await openSelfReview(ctx.db, member, year.year));
	if (!review) error(404);
	const mayEnter =
		!member.isSelf && review.phase.state === 'open' && (await mayFollowUp(ctx, member));
	return { ctx, member, years, review, mayEnter };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, member, years, review, mayEnter } = await opened(event);
	const [name] = await Promise.all([
		getMemberName(ctx.db, member),
		recordMemberRead(ctx.db, auditCtx(ctx), member)
	]);
	const { ruleSet, facts } = review;
	return {
		member: { id: member.id, name },
		years: years.map((y) => y.year),
		year: review.year.year,
		phase: review.phase,
		ruleSet,
		facts,
		criteria: criteriaOf(ruleSet, facts.subjectType),
		annex: review.annex,
		start: startingContent(review),
		versions: review.versions,
		mayEnter,
		entering: mayEnter && event.url.searchParams.get('enter') === '1',
		sent: event.url.searchParams.get('sent')
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { ctx, member, review, mayEnter } = await opened(event);
		if (!mayEnter) error(404);
		const sent = await submitFromForm(ctx, review, await event.request.formData(), {
			onBehalf: true
		});
		if (!sent.ok) return sent.failure;
		redirect(303, `/members/${member.id}/assessment?year=${review.year.year}&sent=${sent.version}`);
	}
};

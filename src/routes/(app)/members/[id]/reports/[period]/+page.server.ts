import { error, fail, redirect } from '@sveltejs/kit';
import { parseComment } from '$lib/schemas/comment';
import { auditCtx, idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { refuseAction } from '$lib/server/http/refuse';
import { getMemberName, recordMemberRead } from '$lib/server/members/read';
import { addComment } from '$lib/server/reports/comments';
import { reportForm, submitFromForm } from '$lib/server/reports/form';
import { mayFollowUp, openReportsOnBehalf, openReportsToRead } from '$lib/server/reports/open';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function guarded(event: RequestEvent) {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	const year = Number(event.url.searchParams.get('year'));
	if (!/^\d{1,2}$/.test(event.params.period) || !Number.isInteger(year)) error(404);
	return { ctx, member, year, period: Number(event.params.period) };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, member, year, period } = await guarded(event);
	const [r, may, name] = await Promise.all([
		openReportsToRead(ctx, member, year),
		mayFollowUp(ctx, member),
		getMemberName(ctx.db, member),
		recordMemberRead(ctx.db, auditCtx(ctx), member)
	]);
	if (!r || period < 1 || period > r.periods.length) error(404);
	const page = await reportForm(ctx, r, period);
	return {
		...page,
		member: { id: member.id, name },
		// Those who approve the member's registrations report for them (once they ask: the page is
		// theirs to read and comment on first) and comment; others read.
		mayEnter: page.canSubmit && may,
		canSubmit: page.canSubmit && may && event.url.searchParams.has('enter'),
		canComment: may && r.year.status === 'open'
	};
};

export const actions: Actions = {
	submit: async (event) => {
		const { ctx, member, year, period } = await guarded(event);
		const r = await openReportsOnBehalf(ctx, member, year);
		if (!r || period < 1 || period > r.periods.length) error(404);
		const refused = await submitFromForm(event, ctx, r, period);
		if (refused) return refused;
		redirect(303, `/members/${member.id}/reports/${period}?year=${year}&sent=1`);
	},
	comment: async (event) => {
		const { ctx, member, year, period } = await guarded(event);
		const r = await openReportsToRead(ctx, member, year);
		if (!r || period < 1 || period > r.periods.length) error(404);
		const parsed = parseComment(await event.request.formData());
		if (!parsed.ok) return fail(400, { comment: parsed.values, commentError: parsed.error });
		// Reports come newest version first: the comment is on the one standing now.
		const latest = r.reports.find((x) => x.period === period);
		const result = await addComment(
			ctx,
			member,
			r,
			{ body: parsed.body, reportId: latest?.id ?? null, actionKey: parsed.about || null },
			event.url.origin
		);
		if (!result.ok) return refuseAction(result.problem, m.reports_comment_year_closed());
		return { commented: true };
	}
};

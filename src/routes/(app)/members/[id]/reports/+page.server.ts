import { error } from '@sveltejs/kit';
import { auditCtx, idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { getMemberName, recordMemberRead } from '$lib/server/members/read';
import { listComments } from '$lib/server/reports/comments';
import { openReportsToRead } from '$lib/server/reports/open';
import { glance, periodSummaries } from '$lib/server/reports/view';
import { listYearsForPath } from '$lib/server/years/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	if (!member.unitPath) error(404);
	const years = await listYearsForPath(ctx.db, member.unitPath);
	const wanted = Number(event.url.searchParams.get('year'));
	const year = years.find((y) => y.year === wanted) ?? years[0];
	if (!year) error(404);
	const [r, name] = await Promise.all([
		openReportsToRead(ctx, member, year.year),
		getMemberName(ctx.db, member),
		recordMemberRead(ctx.db, auditCtx(ctx), member)
	]);
	if (!r) error(404);
	return {
		member: { id: member.id, name },
		years: years.map((y) => y.year),
		year: { year: r.year.year, kind: r.year.reporting_period, status: r.year.status },
		periods: periodSummaries(r),
		lines: glance(r),
		comments: await listComments(ctx.db, r.member, r.year.id)
	};
};

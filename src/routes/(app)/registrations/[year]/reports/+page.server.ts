import { error } from '@sveltejs/kit';
import { requireActor } from '$lib/server/access/guard';
import { listComments } from '$lib/server/reports/comments';
import { openOwnReports } from '$lib/server/reports/open';
import { glance, periodNow, periodSummaries } from '$lib/server/reports/view';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	if (!/^\d{4}$/.test(event.params.year)) error(404);
	const r = await openOwnReports(ctx, Number(event.params.year));
	if (!r) error(404);
	return {
		year: { year: r.year.year, kind: r.year.reporting_period, status: r.year.status },
		periods: periodSummaries(r),
		lines: glance(r),
		now: periodNow(r),
		comments: await listComments(ctx.db, r.member, r.year.id)
	};
};

import { error, redirect } from '@sveltejs/kit';
import { requireActor } from '$lib/server/access/guard';
import { reportForm, submitFromForm } from '$lib/server/reports/form';
import { openOwnReports } from '$lib/server/reports/open';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function open(event: RequestEvent) {
	const ctx = requireActor(event);
	if (!/^\d{4}$/.test(event.params.year) || !/^\d{1,2}$/.test(event.params.period)) error(404);
	const r = await openOwnReports(ctx, Number(event.params.year));
	const period = Number(event.params.period);
	if (!r || period < 1 || period > r.periods.length) error(404);
	return { ctx, r, period };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, r, period } = await open(event);
	return reportForm(ctx, r, period);
};

export const actions: Actions = {
	submit: async (event) => {
		const { ctx, r, period } = await open(event);
		const refused = await submitFromForm(event, ctx, r, period);
		if (refused) return refused;
		redirect(303, `/registrations/${r.year.year}/reports/${period}?sent=1`);
	}
};

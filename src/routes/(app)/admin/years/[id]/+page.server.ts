import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { PHASES, phaseStatus, phaseWindow, todayInVietnam } from '$lib/domain/years/phases';
import {
	openYearSchema,
	reopenYearSchema,
	yearPinsSchema,
	yearWindowsSchema,
	type YearPinsInput,
	type YearWindowsInput
} from '$lib/schemas/years';
import { idParam, requireActor, requireCapability } from '$lib/server/access/guard';
import { managedBlocs } from '$lib/server/access/policy';
import { refuseAction, refuseForm } from '$lib/server/http/refuse';
import { countUnverified, latestVersionIds, listVersions } from '$lib/server/catalogs/versions';
import * as manage from '$lib/server/years/manage';
import { pinnedIds } from '$lib/server/years/read';
import { problemText } from '$lib/labels/years';
import { m } from '$lib/paraglide/messages';
import type { Actions, PageServerLoad } from './$types';

async function guarded(event: RequestEvent) {
	const ctx = requireActor(event);
	requireCapability(ctx, 'year.manage');
	const year = await manage.findManagedYear(ctx, idParam(event.params.id));
	if (!year) error(404);
	return { ctx, year };
}

const DONE = ['created', 'saved', 'opened', 'closed', 'reopened'] as const;

export const load: PageServerLoad = async (event) => {
	const { ctx, year } = await guarded(event);
	const today = todayInVietnam();
	const [versions, latest, unverified] = await Promise.all([
		listVersions(ctx.db),
		latestVersionIds(ctx.db),
		countUnverified(ctx.db, pinnedIds(year))
	]);
	const pinned = pinnedIds(year);
	// Stored codes are plain strings; the schemas validate them again.
	const values = {
		...year,
		reporting_period: year.reporting_period as YearWindowsInput['reporting_period'],
		rule_set: year.rule_set as YearPinsInput['rule_set']
	};
	const done = DONE.find((d) => d === event.url.searchParams.get('done'));
	return {
		today,
		done: done ?? null,
		bloc: managedBlocs(ctx.actor).find((b) => b.id === year.unit_id)?.name ?? '',
		year: (({ unit_path: _p, ...y }) => y)(year),
		phases: PHASES.map((p) => ({
			phase: p,
			...phaseWindow(year, p),
			status: phaseStatus(year, p, today)
		})),
		pinned: versions
			.filter((v) => pinned.includes(v.id))
			.map(({ used_by: _u, ...v }) => ({ ...v, newer: latest[v.catalog] !== v.id })),
		versions: versions.map(({ used_by: _u, ...v }) => v),
		latest,
		unverified,
		windows: await superValidate(values, zod4(yearWindowsSchema), { id: 'windows', errors: false }),
		pins: await superValidate(values, zod4(yearPinsSchema), { id: 'pins', errors: false }),
		open: await superValidate(zod4(openYearSchema), { id: 'open' }),
		reopen: await superValidate(zod4(reopenYearSchema), { id: 'reopen' })
	};
};

export const actions: Actions = {
	windows: async (event) => {
		const { ctx, year } = await guarded(event);
		const form = await superValidate(event.request, zod4(yearWindowsSchema), { id: 'windows' });
		if (!form.valid) return fail(400, { windows: form });
		const result = await manage.updateWindows(ctx, year, form.data);
		if (!result.ok) return refuseForm(form, result.problem, problemText(result.problem));
		redirect(303, `/admin/years/${year.id}?done=saved`);
	},
	pins: async (event) => {
		const { ctx, year } = await guarded(event);
		const form = await superValidate(event.request, zod4(yearPinsSchema), { id: 'pins' });
		if (!form.valid) return fail(400, { pins: form });
		const result = await manage.updatePins(ctx, year, form.data);
		if (!result.ok) return refuseForm(form, result.problem, problemText(result.problem));
		redirect(303, `/admin/years/${year.id}?done=saved`);
	},
	open: async (event) => {
		const { ctx, year } = await guarded(event);
		const form = await superValidate(event.request, zod4(openYearSchema), { id: 'open' });
		if (!form.valid) return fail(400, { open: form });
		const result = await manage.openYear(ctx, year, form.data.acknowledged_unverified);
		if (!result.ok) return refuseForm(form, result.problem, problemText(result.problem));
		redirect(303, `/admin/years/${year.id}?done=opened`);
	},
	close: async (event) => {
		const { ctx, year } = await guarded(event);
		// Closing makes the year read-only for everyone: ask for an explicit tick, not one click.
		const data = await event.request.formData();
		if (data.get('confirm') !== 'yes')
			return fail(400, { statusError: m.years_close_confirm_required() });
		const result = await manage.closeYear(ctx, year);
		if (!result.ok) {
			const refused = refuseAction(result.problem, problemText(result.problem));
			return fail(refused.status, { statusError: refused.data.error });
		}
		redirect(303, `/admin/years/${year.id}?done=closed`);
	},
	reopen: async (event) => {
		const { ctx, year } = await guarded(event);
		const form = await superValidate(event.request, zod4(reopenYearSchema), { id: 'reopen' });
		if (!form.valid) return fail(400, { reopen: form });
		const result = await manage.reopenYear(ctx, year, form.data.reason);
		if (!result.ok)
			return refuseForm(form, { ...result.problem, field: 'reason' }, problemText(result.problem));
		redirect(303, `/admin/years/${year.id}?done=reopened`);
	}
};

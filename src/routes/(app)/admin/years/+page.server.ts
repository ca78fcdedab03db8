import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { managedBlocs } from '$lib/server/access/policy';
import { refuseForm } from '$lib/server/http/refuse';
import { zod4 } from 'sveltekit-superforms/adapters';
import { PHASES, phaseStatus, phaseWindow, todayInVietnam } from '$lib/domain/years/phases';
import { m } from '$lib/paraglide/messages';
import { createYearSchema, suggestedWindows } from '$lib/schemas/years';
import { requireActor, requireCapability } from '$lib/server/access/guard';
import { latestVersionIds, listVersions } from '$lib/server/catalogs/versions';
import * as manage from '$lib/server/years/manage';
import { listYearsForUnits } from '$lib/server/years/read';
import { problemText } from '$lib/labels/years';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'year.manage');
	const blocs = managedBlocs(ctx.actor);
	const today = todayInVietnam();
	const [years, versions, latest] = await Promise.all([
		listYearsForUnits(
			ctx.db,
			blocs.map((b) => b.id)
		),
		listVersions(ctx.db),
		latestVersionIds(ctx.db)
	]);
	// Start the form at the year after the newest one (or this year), with the usual windows.
	const year = years.length ? Math.max(...years.map((y) => y.year)) + 1 : Number(today.slice(0, 4));
	const initial = {
		unit_id: blocs[0]?.id,
		year,
		place: '',
		rule_set: 'qd366-2025' as const,
		reporting_period: 'quarterly' as const,
		report_due_days: 10,
		...suggestedWindows(year),
		manifestations_version_id: latest.manifestations,
		prohibitions_version_id: latest.prohibitions,
		standards_version_id: latest.standards
	};
	return {
		today,
		blocs: blocs.map(({ id, name }) => ({ id, name })),
		years: years.map(({ unit_path: _p, ...y }) => ({
			...y,
			phases: PHASES.map((p) => ({
				phase: p,
				...phaseWindow(y, p),
				status: phaseStatus(y, p, today)
			}))
		})),
		versions: versions.map(({ used_by: _u, ...v }) => v),
		latest,
		form: await superValidate(initial, zod4(createYearSchema), { errors: false })
	};
};

export const actions: Actions = {
	create: async (event) => {
		const ctx = requireActor(event);
		requireCapability(ctx, 'year.manage');
		const form = await superValidate(event.request, zod4(createYearSchema));
		if (!form.valid) return fail(400, { form });
		const bloc = managedBlocs(ctx.actor).find((b) => b.id === form.data.unit_id);
		if (!bloc) return setError(form, 'unit_id', m.v_invalid_choice());
		const { unit_id: _u, ...input } = form.data;
		const result = await manage.createYear(ctx, bloc, input);
		if (!result.ok)
			return refuseForm(form, { field: 'year', ...result.problem }, problemText(result.problem));
		redirect(303, `/admin/years/${result.value}?done=created`);
	}
};

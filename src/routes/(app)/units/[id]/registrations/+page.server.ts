import { error, fail } from '@sveltejs/kit';
import { REGISTRATION_STATES, type RegistrationState } from '$lib/domain/registration/states';
import { phaseStatus } from '$lib/domain/years/phases';
import { currentPeriod, periodsOf, periodTiming } from '$lib/domain/years/periods';
import { todayInVietnam } from '$lib/domain/dates';
import { CELL_KINDS } from '$lib/domain/roles';
import { m } from '$lib/paraglide/messages';
import { parseOneAction } from '$lib/schemas/registration';
import { refuseAction } from '$lib/server/http/refuse';
import { can } from '$lib/server/access/actor';
import { mayProposeActionsAt } from '$lib/server/access/policy';
import { clearUnit, idParam, requireActor } from '$lib/server/access/guard';
import { listCellRegistrations, listRegistrationRates } from '$lib/server/registrations/progress';
import {
	listTemplatesOfUnit,
	proposeTemplate,
	withdrawTemplate
} from '$lib/server/registrations/templates';
import { findUnitWithYears } from '$lib/server/years/read';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function opened(event: RequestEvent) {
	const ctx = requireActor(event);
	const unit = clearUnit(
		ctx,
		await findUnitWithYears(ctx.db, idParam(event.params.id)),
		'member.read'
	);
	const wanted = Number(event.url.searchParams.get('year'));
	const year =
		unit.years.find((y) => y.year === wanted) ??
		unit.years.find((y) => y.status === 'open') ??
		unit.years[0];
	return { ctx, unit, year };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, unit, year } = await opened(event);
	const stateParam = event.url.searchParams.get('state') as RegistrationState;
	const state = REGISTRATION_STATES.includes(stateParam) ? stateParam : null;
	const base = {
		unit: { id: unit.id, name: unit.name, kind: unit.kind },
		ancestors: unit.ancestors
			.filter((a) => a.id !== unit.id)
			.map((a) => ({ id: a.id, name: a.name, readable: can(ctx.actor, 'member.read', a.path) })),
		years: unit.years.map((y) => y.year),
		year: year && {
			year: year.year,
			phase: phaseStatus(year, 'registration', todayInVietnam())
		},
		state,
		canPropose: year?.status === 'open' && mayProposeActionsAt(ctx.actor, unit),
		templates: year ? await listTemplatesOfUnit(ctx.db, unit, year.id) : []
	};
	if (!year) return { ...base, reporting: null, cell: null, units: null };
	// Reports of the period asked for (?period=), else of the one due now.
	const today = todayInVietnam();
	const periods = periodsOf(year.year, year.reporting_period, year.report_due_days);
	const asked = periods[Number(event.url.searchParams.get('period')) - 1];
	const period = asked ?? currentPeriod(periods, today) ?? periods[0];
	const reporting = {
		kind: year.reporting_period,
		periods: periods.map((p) => p.number),
		period: { ...period, timing: periodTiming(period, today) }
	};
	if (CELL_KINDS.includes(unit.kind)) {
		const rows = await listCellRegistrations(ctx.db, unit, year.id, period.number);
		const counts = Object.fromEntries(
			REGISTRATION_STATES.map((s) => [s, rows.filter((r) => r.state === s).length])
		) as Record<RegistrationState, number>;
		return {
			...base,
			units: null,
			reporting,
			cell: {
				rows: state ? rows.filter((r) => r.state === state) : rows,
				counts,
				total: rows.length
			}
		};
	}
	return {
		...base,
		reporting,
		cell: null,
		units: await listRegistrationRates(ctx.db, unit, year.id, period.number)
	};
};

export const actions: Actions = {
	propose: async (event) => {
		const { ctx, unit, year } = await opened(event);
		if (!year || !mayProposeActionsAt(ctx.actor, unit)) error(404);
		const parsed = parseOneAction(await event.request.formData(), year.year);
		if (!parsed.ok) return fail(400, { propose: { values: parsed.values, errors: parsed.errors } });
		const result = await proposeTemplate(ctx, unit, year, parsed.action);
		if (!result.ok) return refuseAction(result.problem, m.registration_template_year_closed());
		return { proposed: true };
	},
	withdraw: async (event) => {
		const { ctx, unit } = await opened(event);
		const id = Number((await event.request.formData()).get('template_id'));
		const result = await withdrawTemplate(ctx, unit, Number.isSafeInteger(id) ? id : 0);
		if (!result.ok) return refuseAction(result.problem, m.registration_err_template_gone());
		return { withdrawn: true };
	}
};

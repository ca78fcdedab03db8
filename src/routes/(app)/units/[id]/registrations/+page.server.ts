import { REGISTRATION_STATES, type RegistrationState } from '$lib/domain/registration/states';
import { phaseStatus } from '$lib/domain/years/phases';
import { todayInVietnam } from '$lib/domain/dates';
import { CELL_KINDS } from '$lib/domain/roles';
import { can } from '$lib/server/access/actor';
import { clearUnit, idParam, requireActor } from '$lib/server/access/guard';
import { listCellRegistrations, listRegistrationRates } from '$lib/server/registrations/progress';
import { findUnitWithYears } from '$lib/server/years/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
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
		state
	};
	if (!year) return { ...base, cell: null, units: null };
	if (CELL_KINDS.includes(unit.kind)) {
		const rows = await listCellRegistrations(ctx.db, unit, year.id);
		const counts = Object.fromEntries(
			REGISTRATION_STATES.map((s) => [s, rows.filter((r) => r.state === s).length])
		) as Record<RegistrationState, number>;
		return {
			...base,
			units: null,
			cell: {
				rows: state ? rows.filter((r) => r.state === state) : rows,
				counts,
				total: rows.length
			}
		};
	}
	return { ...base, cell: null, units: await listRegistrationRates(ctx.db, unit, year.id) };
};

import { error } from '@sveltejs/kit';
import { ownMember, requireActor } from '$lib/server/access/guard';
import { findCurrentCell } from '$lib/server/members/read';
import { loadRegistration } from '$lib/server/registrations/chain';
import { listYearsForPath } from '$lib/server/years/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const own = ownMember(ctx);
	if (!own) error(404);
	const cell = await findCurrentCell(ctx.db, own.id);
	const years = cell ? await listYearsForPath(ctx.db, cell.path) : [];
	const chains = await Promise.all(years.map((y) => loadRegistration(ctx.db, own, y.id)));
	return {
		years: years.map((y, i) => ({
			year: y.year,
			state: chains[i].state,
			actions: (chains[i].draft ?? chains[i].latest)?.content.actions.length ?? 0
		}))
	};
};

import { error } from '@sveltejs/kit';
import { ownMember, requireActor } from '$lib/server/access/guard';
import { loadChain } from '$lib/server/commitments/chain';
import { findCurrentCell } from '$lib/server/members/read';
import { listYearsForPath } from '$lib/server/years/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const own = ownMember(ctx);
	if (!own) error(404);
	const cell = await findCurrentCell(ctx.db, own.id);
	const years = cell ? await listYearsForPath(ctx.db, cell.path) : [];
	const chains = await Promise.all(years.map((y) => loadChain(ctx.db, own, y.id)));
	return {
		years: years.map((y, i) => ({ year: y.year, status: y.status, state: chains[i].state }))
	};
};

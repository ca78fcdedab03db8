import { requireActor, requireCapability } from '$lib/server/access/guard';
import { listScopeRoots } from '$lib/server/units/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'unit.read');
	return { roots: await listScopeRoots(ctx) };
};

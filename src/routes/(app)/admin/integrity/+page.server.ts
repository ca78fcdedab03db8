import { scopePaths } from '$lib/server/access/actor';
import { requireActor, requireCapability } from '$lib/server/access/guard';
import { runIntegrityCheck } from '$lib/server/commitments/integrity';
import type { Actions, PageServerLoad } from './$types';

// The organization department's tamper check over its bloc.
export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'year.manage');
	const scope = new Set(scopePaths(ctx.actor, 'year.manage'));
	return {
		units: [
			...new Set(ctx.actor.grants.filter((g) => scope.has(g.unitPath)).map((g) => g.unitName))
		]
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireActor(event);
		requireCapability(ctx, 'year.manage');
		return { report: await runIntegrityCheck(ctx) };
	}
};

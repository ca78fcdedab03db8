import { requireActor } from '$lib/server/access/guard';
import { navFlags } from '$lib/server/access/nav';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const { actor } = requireActor(event);
	return {
		user: {
			displayName: actor.displayName,
			roles: [
				...actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: g.unitName })),
				...(actor.isSystemAdmin
					? [{ role: 'system_admin' as const, unitId: null, unitName: null }]
					: [])
			]
		},
		nav: navFlags(actor)
	};
};

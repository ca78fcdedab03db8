import { requireActor } from '$lib/server/access/guard';
import { loadHome } from '$lib/server/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	home: await loadHome(requireActor(event))
});

import { error } from '@sveltejs/kit';
import { requireActor } from '$lib/server/access/guard';
import { adminTools } from '$lib/server/access/nav';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { actor } = requireActor(event);
	const tools = adminTools(actor);
	if (!Object.values(tools).some(Boolean)) error(404);
	return { tools };
};

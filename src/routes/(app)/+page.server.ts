import { requireActor } from '$lib/server/access/guard';
import { dueForMember } from '$lib/server/commitments/due';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => ({
	due: await dueForMember(requireActor(event))
});

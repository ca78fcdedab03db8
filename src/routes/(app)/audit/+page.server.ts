import { z } from 'zod';
import { requireActor, requireCapability } from '$lib/server/access/guard';
import { listAudit } from '$lib/server/audit/browse';
import type { PageServerLoad } from './$types';

const querySchema = z.object({
	kind: z.enum(['changes', 'reads', 'all']).catch('changes'),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'audit.read');
	const query = querySchema.parse({
		kind: event.url.searchParams.get('kind') ?? undefined,
		page: event.url.searchParams.get('page') ?? undefined
	});
	return { query, ...(await listAudit(ctx, query)) };
};

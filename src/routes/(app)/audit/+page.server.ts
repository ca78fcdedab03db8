import { error } from '@sveltejs/kit';
import { z } from 'zod';
import { scopePaths } from '$lib/server/access/actor';
import { requireActor } from '$lib/server/access/guard';
import { accountAuditScope } from '$lib/server/access/policy';
import { listAudit, type AuditKind } from '$lib/server/audit/browse';
import type { PageServerLoad } from './$types';

const querySchema = z.object({
	kind: z.enum(['changes', 'reads', 'all', 'accounts']).optional().catch(undefined),
	page: z.coerce.number().int().min(1).max(100_000).catch(1)
});

/**
 * The trail of the actor's subtree (audit.read) and, for the organization department and the
 * system administrator, account administration, which belongs to no unit.
 */
export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const kinds: AuditKind[] = [
		...(scopePaths(ctx.actor, 'audit.read').length > 0
			? (['changes', 'reads', 'all'] as const)
			: []),
		...(accountAuditScope(ctx.actor) !== null ? (['accounts'] as const) : [])
	];
	if (kinds.length === 0) error(404);
	const asked = querySchema.parse({
		kind: event.url.searchParams.get('kind') ?? undefined,
		page: event.url.searchParams.get('page') ?? undefined
	});
	const query = {
		kind: asked.kind && kinds.includes(asked.kind) ? asked.kind : kinds[0],
		page: asked.page
	};
	return { query, kinds, ...(await listAudit(ctx, query)) };
};

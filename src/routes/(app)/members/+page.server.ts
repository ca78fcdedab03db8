import { parseMemberQuery } from '$lib/schemas/member-query';
import { requireActor, requireCapability, requireUnit } from '$lib/server/access/guard';
import { listMembers } from '$lib/server/members/list';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'member.read');
	const query = parseMemberQuery(event.url.searchParams);
	const unit = query.unit ? await requireUnit(ctx, query.unit, 'member.read') : null;
	const result = await listMembers(ctx, {
		q: query.q,
		unitPath: unit?.path ?? null,
		status: query.status,
		page: query.page
	});
	return {
		query,
		unit: unit ? { id: unit.id, name: unit.name } : null,
		...result
	};
};

import { parseMemberQuery } from '$lib/schemas/member-query';
import { requireActor, requireCapability, requireUnit } from '$lib/server/access/guard';
import { listMembers, PAGE_SIZE } from '$lib/server/members/list';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'member.read');
	const query = parseMemberQuery(event.url.searchParams);
	const unit = query.unit ? await requireUnit(ctx, query.unit, 'member.read') : null;
	// A refused search lists nothing: the box asks for a correction instead.
	const result = query.search.error
		? { rows: [], hasNext: false, total: 0, pages: 1, page: 1, pageSize: PAGE_SIZE }
		: await listMembers(ctx, {
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

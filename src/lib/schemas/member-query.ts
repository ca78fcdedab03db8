// The member directory's URL query (?q=&unit=&status=&page=): bad filters fall back to defaults;
// a bad search text is refused with a message (see searchText).
import { z } from 'zod';
import { searchText, type SearchText } from './fields';
import { MEMBER_STATUSES } from './member';

const filtersSchema = z.object({
	unit: z.coerce.number().int().positive().nullable().catch(null).default(null),
	status: z.enum(MEMBER_STATUSES).nullable().catch(null).default(null),
	page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1)
});

export type MemberQuery = z.output<typeof filtersSchema> & { q: string; search: SearchText };

export function parseMemberQuery(params: URLSearchParams): MemberQuery {
	const search = searchText(params.get('q'));
	const filters = filtersSchema.parse({
		unit: params.get('unit') || undefined,
		status: params.get('status') || undefined,
		page: params.get('page') ?? undefined
	});
	return { ...filters, q: search.q, search };
}

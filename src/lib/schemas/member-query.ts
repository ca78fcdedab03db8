// The member directory's URL query (?q=&unit=&status=&page=): bad values fall back to defaults.
import { z } from 'zod';
import { MEMBER_STATUSES } from './member';

export const memberQuerySchema = z.object({
	q: z.string().max(100).catch('').default(''),
	unit: z.coerce.number().int().positive().nullable().catch(null).default(null),
	status: z.enum(MEMBER_STATUSES).nullable().catch(null).default(null),
	page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1)
});

export function parseMemberQuery(params: URLSearchParams) {
	return memberQuerySchema.parse({
		q: params.get('q') ?? undefined,
		unit: params.get('unit') || undefined,
		status: params.get('status') || undefined,
		page: params.get('page') ?? undefined
	});
}

// A member's rating as published to them: the latest decision once their grassroots organization
// has approved its ratings (before that, nothing: the levels are still the committee's work).
import type { RatingLevel } from '$lib/domain/rating/levels';
import type { MemberHandle } from '../access/guard';
import type { Db } from '../db/connect';

export interface PublishedRating {
	level: RatingLevel | null;
	kind: string;
	reason: string | null;
	approved_at: Date;
}

export async function publishedRating(
	db: Db,
	member: MemberHandle,
	yearId: number
): Promise<PublishedRating | undefined> {
	return db
		.selectFrom('rating_decisions as d')
		.innerJoin('rating_approvals as a', (j) =>
			j.onRef('a.unit_id', '=', 'd.unit_id').onRef('a.year_id', '=', 'd.year_id')
		)
		.select(['d.level', 'd.kind', 'd.reason', 'a.approved_at'])
		.where('d.member_id', '=', member.id)
		.where('d.year_id', '=', yearId)
		.orderBy('d.version', 'desc')
		.limit(1)
		.executeTakeFirst();
}

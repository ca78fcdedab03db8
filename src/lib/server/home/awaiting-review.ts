// What waits for a cell's decision, for the home page of whoever decides: per cell and open year,
// the members' latest versions with no decision and no new draft under way. One query shape for
// every area whose versions a cell reviews (commitments, registrations); each area names its
// tables and its rule.
import { sql } from 'kysely';
import { CELL_KINDS } from '$lib/domain/roles';
import type { Actor } from '../access/actor';
import { commitmentReviewScopes, type CommitmentReviewFacts } from '../access/policy';
import {
	memberReviewsCell,
	otherReviewsCell,
	reviewFacts,
	type ReviewFactRow
} from '../access/review-facts';
import type { Db } from '../db/connect';

export interface ReviewedTables {
	versions: 'commitments' | 'registrations';
	reviews: 'commitment_reviews' | 'registration_reviews';
	/** The reviews' column naming the version. */
	reviewed: 'commitment_id' | 'registration_id';
	drafts: 'commitment_drafts' | 'registration_drafts';
}

export interface ToReview {
	unitId: number;
	unitName: string;
	year: number;
	count: number;
}

/**
 * Candidates are every member of the cells the actor reviews and the cells' own reviewers under
 * the actor's committees (a lone secretary's falls to it); `may` (the area's rule in
 * access/policy.ts) then decides each, from facts loaded in the same query. The actor's own is
 * never counted: the rule says so.
 */
export async function countAwaitingReview(
	db: Db,
	actor: Actor,
	t: ReviewedTables,
	may: (actor: Actor, facts: CommitmentReviewFacts) => boolean
): Promise<ToReview[]> {
	const { cells, committees } = commitmentReviewScopes(actor);
	if (cells.length === 0 && committees.length === 0) return [];
	const inScope = [
		...(cells.length ? [sql`ms.unit_id in (${sql.join(cells.map((c) => c.unitId))})`] : []),
		...committees.map(
			(c) => sql`(u.path like ${`${c.unitPath}%`} and u.kind in (${sql.join(CELL_KINDS)})
				and ${memberReviewsCell('v.member_id', 'u.id')})`
		)
	];
	const { rows } = await sql<ReviewFactRow & { unitId: number; unitName: string; year: number }>`
		select v.member_id, u.id as "unitId", u.name as "unitName", u.path as cell_path,
			u.kind as cell_kind, y.year,
			${memberReviewsCell('v.member_id', 'u.id')} as member_reviews,
			${otherReviewsCell('v.member_id', 'u.id')} as other_reviewer
		from memberships ms
		join org_units u on u.id = ms.unit_id
		join ${sql.table(t.versions)} v on v.member_id = ms.member_id
		join review_years y on y.id = v.year_id
		where ms.ended_on is null and y.status = 'open' and (${sql.join(inScope, sql` or `)})
			and not exists (select 1 from ${sql.table(t.reviews)} r where r.${sql.ref(t.reviewed)} = v.id)
			and not exists (select 1 from ${sql.table(t.drafts)} d
				where d.member_id = v.member_id and d.year_id = v.year_id)
			and not exists (select 1 from ${sql.table(t.versions)} n where n.supersedes_id = v.id)
		order by vn_fold(u.name), y.year`.execute(db);
	const counts = new Map<string, ToReview>();
	for (const r of rows) {
		if (!may(actor, reviewFacts(r))) continue;
		const key = `${r.unitId}/${r.year}`;
		const entry = counts.get(key) ?? {
			unitId: r.unitId,
			unitName: r.unitName,
			year: r.year,
			count: 0
		};
		entry.count++;
		counts.set(key, entry);
	}
	return [...counts.values()];
}

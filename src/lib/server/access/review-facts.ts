// The facts the commitment review rule (policy.ts, commitmentReviewRight) needs beyond the actor,
// as SQL that callers select in the same query as the commitments they list: no per-row lookups.
import { sql, type RawBuilder } from 'kysely';
import { ROLE_CAPABILITIES, UNIT_ROLES, type UnitKind } from '$lib/domain/roles';
import type { Db } from '../db/connect';
import type { CommitmentReviewFacts } from './policy';
import type { ScopedMember } from './guard';

/** The roles that review a cell's commitments (its secretary and deputy secretary). */
const REVIEWER_ROLES = UNIT_ROLES.filter((r) => ROLE_CAPABILITIES[r].includes('commitment.review'));

/** The accounts (rf_a) holding a reviewing role (rf) in the unit today: a FROM … WHERE. */
function reviewersOf(unit: RawBuilder<unknown>) {
	return sql`from role_assignments rf
		join accounts rf_a on rf_a.id = rf.account_id
		where rf.unit_id = ${unit}
			and rf.role in (${sql.join(REVIEWER_ROLES)})
			and rf.ended_on is null and rf.started_on <= current_date
			and rf_a.disabled_at is null`;
}

/** Someone (the member, or anyone but them) holds a reviewing role in the unit today. */
function reviewerInUnit(memberRef: string, unitRef: string, member: 'is' | 'is_not') {
	return sql<boolean>`exists (select 1 ${reviewersOf(sql.ref(unitRef))}
		and rf_a.member_id ${member === 'is' ? sql`=` : sql`is distinct from`} ${sql.ref(memberRef)})`;
}

/** SQL: the member reviews the cell's commitments themself (its secretary or deputy). */
export function memberReviewsCell(memberRef: string, unitRef: string) {
	return reviewerInUnit(memberRef, unitRef, 'is');
}

/** SQL: someone other than the member reviews the cell's commitments (the deputy, say). */
export function otherReviewsCell(memberRef: string, unitRef: string) {
	return reviewerInUnit(memberRef, unitRef, 'is_not');
}

/** Columns `member_reviews` and `other_reviewer` for a member (column ref) in a cell (unit id ref). */
export function reviewFactColumns(memberRef: string, unitRef: string) {
	return [
		memberReviewsCell(memberRef, unitRef).as('member_reviews'),
		otherReviewsCell(memberRef, unitRef).as('other_reviewer')
	] as const;
}

/**
 * The same columns for the members of one cell: its reviewers are read once per statement (an
 * array), not twice per member, which also spares PostgreSQL planning two subqueries per row.
 */
export function cellReviewFactColumns(memberRef: string, cellId: number) {
	const reviewers = sql<
		(number | null)[]
	>`array(select rf_a.member_id ${reviewersOf(sql`${cellId}::int`)})`;
	const member = sql.ref(memberRef);
	return [
		sql<boolean>`coalesce(${member} = any(${reviewers}), false)`.as('member_reviews'),
		// Every reviewer but the member (an account without a member record counts as another).
		sql<boolean>`cardinality(array_remove(${reviewers}, ${member})) > 0`.as('other_reviewer')
	] as const;
}

export interface ReviewFactRow {
	member_id: number;
	cell_path: string;
	cell_kind: string;
	member_reviews: boolean;
	other_reviewer: boolean;
}

export function reviewFacts(row: ReviewFactRow): CommitmentReviewFacts {
	return {
		memberId: row.member_id,
		cellPath: row.cell_path,
		cellKind: row.cell_kind as UnitKind,
		memberReviews: row.member_reviews,
		otherReviewer: row.other_reviewer
	};
}

/** The cell has exactly one reviewer today, whose own commitment falls to the committee above. */
export async function hasLoneReviewer(db: Db, cellId: number): Promise<boolean> {
	const row = await db
		.selectFrom('role_assignments as rf')
		.innerJoin('accounts as rf_a', 'rf_a.id', 'rf.account_id')
		.select(sql<number>`count(distinct rf_a.member_id)::int`.as('n'))
		.where('rf.unit_id', '=', cellId)
		.where('rf.role', 'in', REVIEWER_ROLES)
		.where('rf.ended_on', 'is', null)
		.where('rf.started_on', '<=', sql<string>`current_date`)
		.where('rf_a.disabled_at', 'is', null)
		.executeTakeFirstOrThrow();
	return row.n === 1;
}

/** The facts for one member in their current cell; undefined when they are in none. */
export async function loadReviewFacts(
	db: Db,
	member: ScopedMember
): Promise<CommitmentReviewFacts | undefined> {
	const row = await db
		.selectFrom('memberships as ms')
		.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
		.select([
			'ms.member_id',
			'u.path as cell_path',
			'u.kind as cell_kind',
			...reviewFactColumns('ms.member_id', 'u.id')
		])
		.where('ms.member_id', '=', member.id)
		.where('ms.ended_on', 'is', null)
		.executeTakeFirst();
	return row && reviewFacts(row);
}

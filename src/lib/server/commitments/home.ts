// The commitments' part of the home page: the years that apply to the member's cell and where each
// commitment stands, what is due by when, and, for a cell's secretary or deputy (or the committee
// above a cell whose secretary reviews alone), the commitments waiting for them.
import { sql } from 'kysely';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import { deriveState, type CommitmentState } from '$lib/domain/commitment/states';
import type { YearStatus } from '$lib/domain/years/status';
import { todayInVietnam } from '$lib/domain/dates';
import { mayReviewCommitmentOf } from '../access/policy';
import { countAwaitingReview, type ReviewedTables, type ToReview } from '../home/awaiting-review';
import type { HomeProvider } from '../home/provider';
import type { Db } from '../db/connect';
import { YEAR_PHASE_COLUMNS } from '../years/read';

export interface DueYear {
	year: number;
	yearStatus: YearStatus;
	state: CommitmentState;
	/** The commitment phase: open until, opens on, ended, year closed. */
	phase: PhaseStatus;
	version: number | null;
	signedAt: Date | null;
	reviewedAt: Date | null;
	href: string;
}

export interface CommitmentsHome {
	years: DueYear[];
	toReview: ToReview[];
}

/**
 * The years that apply to the member's cell (opened by a unit on its path, not drafts, newest
 * first), each with the latest version of the member's commitment, the cell's decision on it and
 * the draft: one round trip.
 */
async function yearsWithLatest(db: Db, memberId: number) {
	return db
		.selectFrom('review_years as y')
		.innerJoin('org_units as u', 'u.id', 'y.unit_id')
		.innerJoin('memberships as ms', (j) =>
			j.on('ms.member_id', '=', memberId).on('ms.ended_on', 'is', null)
		)
		.innerJoin('org_units as cell', 'cell.id', 'ms.unit_id')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('commitments as c')
					.leftJoin('commitment_reviews as r', 'r.commitment_id', 'c.id')
					.select(['c.version', 'c.signed_at', 'r.decision', 'r.reviewed_at'])
					.whereRef('c.year_id', '=', 'y.id')
					.where('c.member_id', '=', memberId)
					.orderBy('c.version', 'desc')
					.limit(1)
					.as('l'),
			(j) => j.onTrue()
		)
		.leftJoin('commitment_drafts as d', (j) =>
			j.onRef('d.year_id', '=', 'y.id').on('d.member_id', '=', memberId)
		)
		.select(YEAR_PHASE_COLUMNS)
		.select(['l.version', 'l.signed_at', 'l.decision', 'l.reviewed_at', 'd.id as draft_id'])
		.where('y.status', '<>', 'draft')
		.where(sql<boolean>`cell.path like u.path || '%'`)
		.orderBy('y.year', 'desc')
		.execute();
}

async function dueYears(db: Db, memberId: number): Promise<DueYear[]> {
	const today = todayInVietnam();
	return (await yearsWithLatest(db, memberId)).map((y) => ({
		year: y.year,
		yearStatus: y.status,
		// Signing deletes the draft, so a draft next to a signed version is always newer.
		state: deriveState({
			hasDraft: y.draft_id !== null,
			draftIsNewer: true,
			latest: y.version !== null ? { review: y.decision } : null
		}),
		phase: phaseStatus(y, 'commitment', today),
		version: y.version,
		signedAt: y.signed_at,
		reviewedAt: y.reviewed_at,
		href: `/commitments/${y.year}`
	}));
}

const COMMITMENT_TABLES: ReviewedTables = {
	versions: 'commitments',
	reviews: 'commitment_reviews',
	reviewed: 'commitment_id',
	drafts: 'commitment_drafts'
};

/** The commitments' section of the home page (an account without a member record: reviews only). */
export const commitmentsHome: HomeProvider<CommitmentsHome> = {
	async load(ctx) {
		const [years, toReview] = await Promise.all([
			ctx.actor.memberId ? dueYears(ctx.db, ctx.actor.memberId) : [],
			countAwaitingReview(ctx.db, ctx.actor, COMMITMENT_TABLES, mayReviewCommitmentOf)
		]);
		return years.length || toReview.length ? { years, toReview } : null;
	}
};

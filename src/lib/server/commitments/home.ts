// The commitments' part of the home page: the years that apply to the member's cell and where each
// commitment stands, what is due by when, and, for a cell's secretary or deputy (or the committee
// above a cell whose secretary reviews alone), the commitments waiting for them.
import { sql, type Expression, type InferResult } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import { deriveState, type CommitmentState } from '$lib/domain/commitment/states';
import type { YearStatus } from '$lib/domain/years/status';
import { todayInVietnam } from '$lib/domain/dates';
import { mayReviewCommitmentOf } from '../access/policy';
import { countAwaitingReview, type ReviewedTables, type ToReview } from '../home/awaiting-review';
import { homeProvider } from '../home/provider';
import type { Db } from '../db/connect';
import { memberCellPath, YEAR_PHASE_COLUMNS } from '../years/read';

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
 * the draft.
 */
function yearsWithLatest(db: Db, memberId: number) {
	return db
		.selectFrom('review_years as y')
		.innerJoin('org_units as u', 'u.id', 'y.unit_id')
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
		.where(sql<boolean>`${memberCellPath(memberId)} like u.path || '%'`)
		.orderBy('y.year', 'desc');
}

/** A row of yearsWithLatest as JSON gives it: its timestamps are strings. */
type YearRow = Omit<
	InferResult<ReturnType<typeof yearsWithLatest>>[number],
	'signed_at' | 'reviewed_at'
> & {
	signed_at: string | null;
	reviewed_at: string | null;
};

const dateOrNull = (s: string | null) => (s === null ? null : new Date(s));

function dueYears(rows: YearRow[]): DueYear[] {
	const today = todayInVietnam();
	return rows.map((y) => ({
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
		signedAt: dateOrNull(y.signed_at),
		reviewedAt: dateOrNull(y.reviewed_at),
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
export const commitmentsHome = homeProvider({
	own: (ctx) =>
		ctx.actor.memberId
			? (jsonArrayFrom(yearsWithLatest(ctx.db, ctx.actor.memberId)) as Expression<YearRow[]>)
			: null,
	extra: (ctx) => countAwaitingReview(ctx.db, ctx.actor, COMMITMENT_TABLES, mayReviewCommitmentOf),
	section(own: YearRow[] | null, toReview: ToReview[]): CommitmentsHome | null {
		const years = dueYears(own ?? []);
		return years.length || toReview.length ? { years, toReview } : null;
	}
});

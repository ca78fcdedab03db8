// The commitments' part of the home page: the years that apply to the member's cell and where each
// commitment stands, what is due by when, and, for a cell's secretary or deputy (or the committee
// above a cell whose secretary reviews alone), the commitments waiting for them.
import { sql } from 'kysely';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import { deriveState, type CommitmentState } from '$lib/domain/commitment/states';
import { CELL_KINDS } from '$lib/domain/roles';
import type { YearStatus } from '$lib/domain/years/status';
import { todayInVietnam } from '$lib/domain/dates';
import type { Actor } from '../access/actor';
import { commitmentReviewScopes, mayReviewCommitmentOf } from '../access/policy';
import { memberReviewsCell, reviewFactColumns, reviewFacts } from '../access/review-facts';
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

/** Signed commitments of a cell the actor reviews, waiting for the cell's decision. */
export interface ToReview {
	unitId: number;
	unitName: string;
	year: number;
	count: number;
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

/**
 * For each cell and open year: how many latest versions the actor may confirm are signed with no
 * decision and no amendment under way (the "signed" state of deriveState). Candidates are every
 * member of the cells the actor reviews and the cells' own reviewers under the actor's committee
 * (a lone secretary's commitment falls to it); the review rule itself (access/policy.ts) then
 * decides each, from facts loaded in the same query. The actor's own is never counted.
 */
async function awaitingReview(db: Db, actor: Actor): Promise<ToReview[]> {
	const { cells, committees } = commitmentReviewScopes(actor);
	if (cells.length === 0 && committees.length === 0) return [];
	const rows = await db
		.selectFrom('memberships as ms')
		.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
		.innerJoin('commitments as c', 'c.member_id', 'ms.member_id')
		.innerJoin('review_years as y', 'y.id', 'c.year_id')
		.leftJoin('commitment_reviews as r', 'r.commitment_id', 'c.id')
		.leftJoin('commitment_drafts as d', (j) =>
			j.onRef('d.member_id', '=', 'c.member_id').onRef('d.year_id', '=', 'c.year_id')
		)
		.select([
			'c.member_id',
			'u.id as unitId',
			'u.name as unitName',
			'u.path as cell_path',
			'u.kind as cell_kind',
			'y.year',
			...reviewFactColumns('c.member_id', 'u.id')
		])
		.where((eb) =>
			eb.or([
				...(cells.length
					? [
							eb(
								'ms.unit_id',
								'in',
								cells.map((g) => g.unitId)
							)
						]
					: []),
				...committees.map((g) =>
					eb.and([
						eb('u.path', 'like', `${g.unitPath}%`),
						eb('u.kind', 'in', CELL_KINDS),
						memberReviewsCell('c.member_id', 'u.id')
					])
				)
			])
		)
		.where('ms.ended_on', 'is', null)
		.where('y.status', '=', 'open')
		.where('r.commitment_id', 'is', null)
		.where('d.id', 'is', null)
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('commitments as n').select('n.id').whereRef('n.supersedes_id', '=', 'c.id')
				)
			)
		)
		.orderBy(sql`vn_fold(u.name)`)
		.orderBy('y.year')
		.execute();
	return countByCell(rows.filter((r) => mayReviewCommitmentOf(actor, reviewFacts(r))));
}

function countByCell(rows: { unitId: number; unitName: string; year: number }[]): ToReview[] {
	const counts = new Map<string, ToReview>();
	for (const r of rows) {
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

/** The commitments' section of the home page (an account without a member record: reviews only). */
export const commitmentsHome: HomeProvider<CommitmentsHome> = {
	async load(ctx) {
		const [years, toReview] = await Promise.all([
			ctx.actor.memberId ? dueYears(ctx.db, ctx.actor.memberId) : [],
			awaitingReview(ctx.db, ctx.actor)
		]);
		return years.length || toReview.length ? { years, toReview } : null;
	}
};

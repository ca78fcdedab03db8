// The registrations' part of the home page: for the member, each open year's registration and
// what is due by when; for whoever reviews a cell, the registrations waiting for them
// (home/awaiting-review.ts, as for commitments).
import { sql } from 'kysely';
import { deriveState, type RegistrationState } from '$lib/domain/registration/states';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import { todayInVietnam } from '$lib/domain/dates';
import type { Actor } from '../access/actor';
import { registrationReviewRight, type CommitmentReviewFacts } from '../access/policy';
import type { Db } from '../db/connect';
import { countAwaitingReview, type ReviewedTables, type ToReview } from '../home/awaiting-review';
import type { HomeProvider } from '../home/provider';
import { YEAR_PHASE_COLUMNS } from '../years/read';

export interface RegistrationDue {
	year: number;
	state: RegistrationState;
	phase: PhaseStatus;
	href: string;
}

export interface RegistrationsHome {
	years: RegistrationDue[];
	toReview: ToReview[];
}

/** The open years of the member's cell with the latest version's decision and the draft. */
async function dueYears(db: Db, memberId: number): Promise<RegistrationDue[]> {
	const rows = await db
		.selectFrom('review_years as y')
		.innerJoin('org_units as u', 'u.id', 'y.unit_id')
		.innerJoin('memberships as ms', (j) =>
			j.on('ms.member_id', '=', memberId).on('ms.ended_on', 'is', null)
		)
		.innerJoin('org_units as cell', 'cell.id', 'ms.unit_id')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('registrations as g')
					.leftJoin('registration_reviews as r', 'r.registration_id', 'g.id')
					.select(['g.id as latest_id', 'r.decision'])
					.whereRef('g.year_id', '=', 'y.id')
					.where('g.member_id', '=', memberId)
					.orderBy('g.version', 'desc')
					.limit(1)
					.as('l'),
			(j) => j.onTrue()
		)
		.leftJoin('registration_drafts as d', (j) =>
			j.onRef('d.year_id', '=', 'y.id').on('d.member_id', '=', memberId)
		)
		.select(YEAR_PHASE_COLUMNS)
		.select(['l.latest_id', 'l.decision', 'd.id as draft_id'])
		.where('y.status', '=', 'open')
		.where(sql<boolean>`cell.path like u.path || '%'`)
		.orderBy('y.year', 'desc')
		.execute();
	const today = todayInVietnam();
	return rows.map((y) => ({
		year: y.year,
		state: deriveState({
			hasDraft: y.draft_id !== null,
			latest: y.latest_id !== null ? { decision: y.decision } : null
		}),
		phase: phaseStatus(y, 'registration', today),
		href: `/registrations/${y.year}`
	}));
}

const REGISTRATION_TABLES: ReviewedTables = {
	versions: 'registrations',
	reviews: 'registration_reviews',
	reviewed: 'registration_id',
	drafts: 'registration_drafts'
};

const mayReview = (actor: Actor, facts: CommitmentReviewFacts) =>
	registrationReviewRight(actor, facts) === 'may';

export const registrationsHome: HomeProvider<RegistrationsHome> = {
	async load(ctx) {
		const [years, toReview] = await Promise.all([
			ctx.actor.memberId ? dueYears(ctx.db, ctx.actor.memberId) : [],
			countAwaitingReview(ctx.db, ctx.actor, REGISTRATION_TABLES, mayReview)
		]);
		return years.length || toReview.length ? { years, toReview } : null;
	}
};

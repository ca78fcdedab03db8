// The registrations' part of the home page: for the member, each open year's registration and
// what is due by when; for whoever reviews a cell, the registrations waiting for them.
import { sql } from 'kysely';
import { deriveState, type RegistrationState } from '$lib/domain/registration/states';
import { CELL_KINDS } from '$lib/domain/roles';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import { todayInVietnam } from '$lib/domain/dates';
import type { Actor } from '../access/actor';
import { commitmentReviewScopes, registrationReviewRight } from '../access/policy';
import { reviewFactColumns, reviewFacts, memberReviewsCell } from '../access/review-facts';
import type { Db } from '../db/connect';
import type { HomeProvider } from '../home/provider';
import { YEAR_PHASE_COLUMNS } from '../years/read';

export interface RegistrationDue {
	year: number;
	state: RegistrationState;
	phase: PhaseStatus;
	href: string;
}

export interface RegistrationsToReview {
	unitId: number;
	unitName: string;
	year: number;
	count: number;
}

export interface RegistrationsHome {
	years: RegistrationDue[];
	toReview: RegistrationsToReview[];
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

/**
 * Per cell and open year, the latest versions waiting for a decision that the actor may give:
 * the candidates are found as for commitments (commitmentReviewScopes), and the rule
 * (registrationReviewRight) decides each from facts loaded in the same query.
 */
async function awaitingReview(db: Db, actor: Actor): Promise<RegistrationsToReview[]> {
	const { cells, committees } = commitmentReviewScopes(actor);
	if (cells.length === 0 && committees.length === 0) return [];
	const rows = await db
		.selectFrom('memberships as ms')
		.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
		.innerJoin('registrations as g', 'g.member_id', 'ms.member_id')
		.innerJoin('review_years as y', 'y.id', 'g.year_id')
		.leftJoin('registration_reviews as r', 'r.registration_id', 'g.id')
		.leftJoin('registration_drafts as d', (j) =>
			j.onRef('d.member_id', '=', 'g.member_id').onRef('d.year_id', '=', 'g.year_id')
		)
		.select([
			'g.member_id',
			'u.id as unitId',
			'u.name as unitName',
			'u.path as cell_path',
			'u.kind as cell_kind',
			'y.year',
			...reviewFactColumns('g.member_id', 'u.id')
		])
		.where((eb) =>
			eb.or([
				...(cells.length
					? [
							eb(
								'ms.unit_id',
								'in',
								cells.map((c) => c.unitId)
							)
						]
					: []),
				...committees.map((c) =>
					eb.and([
						eb('u.path', 'like', `${c.unitPath}%`),
						eb('u.kind', 'in', CELL_KINDS),
						memberReviewsCell('g.member_id', 'u.id')
					])
				)
			])
		)
		.where('ms.ended_on', 'is', null)
		.where('y.status', '=', 'open')
		.where('r.registration_id', 'is', null)
		.where('d.id', 'is', null)
		.where(sql<boolean>`not exists (select 1 from registrations n where n.supersedes_id = g.id)`)
		.orderBy(sql`vn_fold(u.name)`)
		.orderBy('y.year')
		.execute();
	const counts = new Map<string, RegistrationsToReview>();
	for (const r of rows) {
		if (registrationReviewRight(actor, reviewFacts(r)) !== 'may') continue;
		const key = `${r.unitId}/${r.year}`;
		const entry = counts.get(key) ?? { ...r, count: 0 };
		entry.count++;
		counts.set(key, entry);
	}
	return [...counts.values()].map(({ unitId, unitName, year, count }) => ({
		unitId,
		unitName,
		year,
		count
	}));
}

export const registrationsHome: HomeProvider<RegistrationsHome> = {
	async load(ctx) {
		const [years, toReview] = await Promise.all([
			ctx.actor.memberId ? dueYears(ctx.db, ctx.actor.memberId) : [],
			awaitingReview(ctx.db, ctx.actor)
		]);
		return years.length || toReview.length ? { years, toReview } : null;
	}
};

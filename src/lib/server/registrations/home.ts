// The registrations' part of the home page: for the member, each open year's registration and
// what is due by when, and the reports due now or overdue; for whoever reviews a cell, the registrations waiting for them
// (home/awaiting-review.ts, as for commitments).
import { sql, type Expression, type InferResult } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { deriveState, type RegistrationState } from '$lib/domain/registration/states';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import { currentPeriod, periodsOf, periodTiming } from '$lib/domain/years/periods';
import type { ReportingPeriod } from '$lib/domain/years/settings';
import { todayInVietnam } from '$lib/domain/dates';
import type { Actor } from '../access/actor';
import { registrationReviewRight, type CommitmentReviewFacts } from '../access/policy';
import type { Db } from '../db/connect';
import { countAwaitingReview, type ReviewedTables, type ToReview } from '../home/awaiting-review';
import { homeProvider } from '../home/provider';
import { memberCellPath, YEAR_PHASE_COLUMNS } from '../years/read';

export interface RegistrationDue {
	year: number;
	state: RegistrationState;
	phase: PhaseStatus;
	href: string;
	/** The period to report now and the past ones still unreported; null with nothing to report. */
	reports: ReportsDue | null;
}

export interface ReportsDue {
	kind: ReportingPeriod;
	/** The period due now, unless it has been reported. */
	now: { number: number; dueOn: string } | null;
	overdue: number[];
	href: string;
}

/** What the member still has to report in a year, from the periods they have reported. */
function reportsDue(
	year: { year: number; reporting_period: ReportingPeriod; report_due_days: number },
	reported: number[],
	today: string
): ReportsDue {
	const periods = periodsOf(year.year, year.reporting_period, year.report_due_days);
	const current = currentPeriod(periods, today);
	const open = current && periodTiming(current, today) === 'open' ? current : null;
	return {
		kind: year.reporting_period,
		now:
			open && !reported.includes(open.number) ? { number: open.number, dueOn: open.dueOn } : null,
		overdue: periods
			.filter((p) => periodTiming(p, today) === 'due_passed' && !reported.includes(p.number))
			.map((p) => p.number),
		href: `/registrations/${year.year}/reports`
	};
}

export interface RegistrationsHome {
	years: RegistrationDue[];
	toReview: ToReview[];
}

/** The open years of the member's cell with the latest version's decision and the draft. */
function openYears(db: Db, memberId: number) {
	return (
		db
			.selectFrom('review_years as y')
			.innerJoin('org_units as u', 'u.id', 'y.unit_id')
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
			// Reports are due once a version is approved (or the cell gave a task); the periods reported.
			.select((eb) => [
				eb
					.or([
						eb.exists(
							eb
								.selectFrom('registrations as ga')
								.innerJoin('registration_reviews as ra', 'ra.registration_id', 'ga.id')
								.whereRef('ga.year_id', '=', 'y.id')
								.where('ga.member_id', '=', memberId)
								.where('ra.decision', '=', 'approved')
						),
						eb.exists(
							eb
								.selectFrom('assigned_tasks as t')
								.whereRef('t.year_id', '=', 'y.id')
								.where('t.member_id', '=', memberId)
								.where('t.withdrawn_at', 'is', null)
						)
					])
					.as('reporting'),
				sql<number[]>`array(select distinct pr.period from period_reports pr
				where pr.year_id = y.id and pr.member_id = ${memberId})`.as('reported')
			])
			.where('y.status', '=', 'open')
			.where(sql<boolean>`${memberCellPath(memberId)} like u.path || '%'`)
			.orderBy('y.year', 'desc')
	);
}

type YearRow = InferResult<ReturnType<typeof openYears>>[number];

function dueYears(rows: YearRow[]): RegistrationDue[] {
	const today = todayInVietnam();
	return rows.map((y) => ({
		year: y.year,
		state: deriveState({
			hasDraft: y.draft_id !== null,
			latest: y.latest_id !== null ? { decision: y.decision } : null
		}),
		phase: phaseStatus(y, 'registration', today),
		href: `/registrations/${y.year}`,
		reports: y.reporting ? reportsDue(y, y.reported, today) : null
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

export const registrationsHome = homeProvider({
	own: (ctx) =>
		ctx.actor.memberId
			? (jsonArrayFrom(openYears(ctx.db, ctx.actor.memberId)) as Expression<YearRow[]>)
			: null,
	extra: (ctx) => countAwaitingReview(ctx.db, ctx.actor, REGISTRATION_TABLES, mayReview),
	section(own: YearRow[] | null, toReview: ToReview[]): RegistrationsHome | null {
		const years = dueYears(own ?? []);
		return years.length || toReview.length ? { years, toReview } : null;
	}
});

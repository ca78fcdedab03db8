// A member's reporting year opened for a page: the year and its periods, what the member reports
// on and every report so far. The member opens their own; the cell opens a member's to read it
// and comment, or to report on the member's behalf (those who approve their registrations).
import type { Reportable } from '$lib/domain/report/content';
import { todayInVietnam } from '$lib/domain/dates';
import { periodsOf, type Period } from '$lib/domain/years/periods';
import { ownMember, type Ctx, type MemberHandle, type ScopedMember } from '../access/guard';
import { registrationReviewRight } from '../access/policy';
import { loadReviewFacts } from '../access/review-facts';
import type { Db } from '../db/connect';
import { findCurrentCell } from '../members/read';
import { loadRegistration, type RegistrationChain } from '../registrations/chain';
import { listTasks } from '../registrations/tasks';
import { findYearForPath, type ReviewYear } from '../years/read';
import { loadReports, reportablesOf, type ReportVersion } from './read';

export interface OpenReports {
	member: MemberHandle;
	cell: { id: number; path: string; name: string };
	year: ReviewYear;
	periods: Period[];
	today: string;
	chain: RegistrationChain;
	reportables: Reportable[];
	reports: ReportVersion[];
}

export async function openOwnReports(
	ctx: Ctx,
	yearNumber: number
): Promise<OpenReports | undefined> {
	const own = ownMember(ctx);
	return own && openReportsFor(ctx.db, own, yearNumber);
}

/** Whether the actor may report for this member or comment on their reports (never their own). */
export async function mayFollowUp(ctx: Ctx, member: ScopedMember): Promise<boolean> {
	const facts = await loadReviewFacts(ctx.db, member);
	return facts !== undefined && registrationReviewRight(ctx.actor, facts) === 'may';
}

/** A member's reports as the cell follows them up: read by anyone who may read the member. */
export function openReportsToRead(
	ctx: Ctx,
	member: ScopedMember,
	yearNumber: number
): Promise<OpenReports | undefined> {
	return openReportsFor(ctx.db, member, yearNumber);
}

export async function openReportsFor(
	db: Db,
	member: MemberHandle,
	yearNumber: number
): Promise<OpenReports | undefined> {
	const cell = await findCurrentCell(db, member.id);
	if (!cell) return undefined;
	const year = await findYearForPath(db, cell.path, yearNumber);
	if (!year) return undefined;
	const [chain, tasks, reports] = await Promise.all([
		loadRegistration(db, member, year.id),
		listTasks(db, member, year.id),
		loadReports(db, member, year.id)
	]);
	return {
		member,
		cell,
		year,
		periods: periodsOf(year.year, year.reporting_period, year.report_due_days),
		today: todayInVietnam(),
		chain,
		reportables: reportablesOf(chain, tasks),
		reports
	};
}

/**
 * A member's reports as the cell enters them for a member who cannot (an elderly member, one
 * without a phone): only those who approve the member's registrations, never for themselves.
 */
export async function openReportsOnBehalf(
	ctx: Ctx,
	member: ScopedMember,
	yearNumber: number
): Promise<OpenReports | undefined> {
	return (await mayFollowUp(ctx, member)) ? openReportsFor(ctx.db, member, yearNumber) : undefined;
}

// The member's self-review for a year, opened with everything it is written from: the rule set
// the year pins and the member's form, the facts the committee recorded (gathered as the engine
// takes them), the tasks of the year with the result the reports suggest, and the versions so far.
// A submission is one final version with the engine's evaluation of it, in the self-review window.
import { sql } from 'kysely';
import {
	suggestedResult,
	taskCounts,
	type AnnexLine,
	type SelfReviewContent
} from '$lib/domain/assessment/self-review';
import { todayInVietnam } from '$lib/domain/dates';
import { evaluateMember, type Evaluation, type MemberFacts } from '$lib/domain/rating/engine';
import type { RecordedFacts } from '$lib/domain/rating/facts';
import {
	validateScores,
	type RuleSet,
	type ScoreProblemCode,
	type SubjectType
} from '$lib/domain/rating/rule-set';
import { ruleSetById } from '$lib/domain/rating/rule-sets';
import type { ReportLine } from '$lib/domain/report/content';
import { CONFLICT, NOT_FOUND, ok, refuse, type Result } from '$lib/domain/result';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import type { RuleSet as RuleSetId } from '$lib/domain/years/settings';
import { auditCtx, type Ctx, type MemberHandle } from '../access/guard';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { publishedRating, type PublishedRating } from '../ratings/result';
import { openReportsFor, type OpenReports } from '../reports/open';

export interface SelfReviewVersion {
	version: number;
	content: SelfReviewContent;
	proposed_level: string;
	evaluation: Evaluation | null;
	on_behalf: boolean;
	submitted_at: Date;
	/** When the member confirmed a version entered on their behalf; null until then. */
	confirmed_at: Date | null;
}

export interface OpenSelfReview {
	member: MemberHandle;
	year: OpenReports['year'];
	phase: PhaseStatus;
	ruleSet: RuleSet;
	facts: RecordedFacts;
	/** The tasks of the year with the result the reports suggest. */
	annex: AnnexLine[];
	versions: SelfReviewVersion[];
	/** The member's rating once published (which closes the self-review). */
	rating: PublishedRating | null;
}

const DAY_MS = 86_400_000;

/** Days of [from, to] inside [start, end], both inclusive. */
function overlapDays(from: string, to: string, start: string, end: string): number {
	const a = Math.max(Date.parse(from), Date.parse(start));
	const b = Math.min(Date.parse(to), Date.parse(end));
	return b < a ? 0 : Math.round((b - a) / DAY_MS) + 1;
}

async function recordedFacts(
	db: Db,
	memberId: number,
	year: { id: number; year: number },
	reviewOn: string
): Promise<RecordedFacts> {
	const [start, end] = [`${year.year}-01-01`, `${year.year}-12-31`];
	const row = await db
		.selectFrom('members as m')
		.leftJoin('member_year_facts as f', (j) =>
			j.onRef('f.member_id', '=', 'm.id').on('f.year_id', '=', year.id)
		)
		.select((eb) => [
			'm.joined_on',
			'f.subject_type',
			'f.temporary_cell',
			'f.concluded_decline',
			'f.concluded_prohibited_breach',
			sql<string | null>`(select s.status from member_statuses s where s.member_id = m.id
				and s.started_on <= ${reviewOn}::date and (s.ended_on is null or s.ended_on >= ${reviewOn}::date)
				order by s.started_on desc limit 1)`.as('status'),
			eb
				.selectFrom('member_disciplines as d')
				.select(
					sql<MemberFacts['disciplines']>`coalesce(json_agg(json_build_object('form', d.form,
						'date', d.decided_on, 'dutyRelated', d.duty_related,
						'selfFoundAndRemedied', d.self_remedied) order by d.decided_on), '[]')`.as('list')
				)
				.whereRef('d.member_id', '=', 'm.id')
				.where('d.withdrawn_at', 'is', null)
				.where('d.decided_on', '>=', start)
				.where('d.decided_on', '<=', end)
				.as('disciplines'),
			eb
				.selectFrom('member_leaves as l')
				.select(
					sql<
						{ kind: string; starts_on: string; ends_on: string }[]
					>`coalesce(json_agg(json_build_object(
						'kind', l.kind, 'starts_on', l.starts_on, 'ends_on', l.ends_on)), '[]')`.as('list')
				)
				.whereRef('l.member_id', '=', 'm.id')
				.where('l.withdrawn_at', 'is', null)
				.where('l.starts_on', '<=', end)
				.where('l.ends_on', '>=', start)
				.as('leaves')
		])
		.where('m.id', '=', memberId)
		.executeTakeFirstOrThrow();
	const leaves = row.leaves ?? [];
	const sickDays = leaves
		.filter((l) => l.kind === 'sick')
		.reduce((n, l) => n + overlapDays(l.starts_on, l.ends_on, start, end), 0);
	return {
		subjectType: (row.subject_type ?? 'non_leader') as SubjectType,
		// Unknown: the engine refuses the facts, and the page says they are incomplete.
		admittedOn: row.joined_on ?? '',
		reviewOn,
		exempted: row.status === 'exempted',
		suspended: row.status === 'suspended',
		// Months of 30 days, to a tenth; the rules speak of "3 months or more".
		sickLeaveMonths: Math.min(12, Math.floor(sickDays / 3) / 10),
		maternityLeave: leaves.some((l) => l.kind === 'maternity'),
		temporaryActivity: row.temporary_cell !== null,
		disciplines: row.disciplines ?? [],
		concludedDecline: row.concluded_decline ?? false,
		concludedProhibitedBreach: row.concluded_prohibited_breach ?? false,
		shortcomings: { total: 0, remedied: 0 },
		leadership: null
	};
}

/** Each task of the year with the result its latest report suggests. */
function suggestedAnnex(r: OpenReports): AnnexLine[] {
	const latest = new Map<string, ReportLine & { late: boolean }>();
	// Reports come by period ascending, newest version first: the last period's newest wins.
	const seen = new Set<number>();
	for (const report of r.reports) {
		if (seen.has(report.period)) continue;
		seen.add(report.period);
		for (const line of report.content.lines) latest.set(line.key, { ...line, late: report.late });
	}
	return r.reportables.map((t) => ({
		key: t.key,
		title: t.title,
		result: suggestedResult(t.target, latest.get(t.key))
	}));
}

export async function openSelfReview(
	db: Db,
	member: MemberHandle,
	yearNumber: number
): Promise<OpenSelfReview | undefined> {
	const reports = await openReportsFor(db, member, yearNumber);
	if (!reports) return undefined;
	const { year } = reports;
	const [facts, versions, rated] = await Promise.all([
		recordedFacts(db, member.id, year, year.self_review_closes_on),
		db
			.selectFrom('self_reviews as s')
			.leftJoin('self_review_confirmations as c', (j) =>
				j
					.onRef('c.member_id', '=', 's.member_id')
					.onRef('c.year_id', '=', 's.year_id')
					.onRef('c.version', '=', 's.version')
			)
			.select([
				's.version',
				's.content',
				's.proposed_level',
				's.evaluation',
				's.on_behalf',
				's.submitted_at',
				'c.confirmed_at'
			])
			.where('s.member_id', '=', member.id)
			.where('s.year_id', '=', year.id)
			.orderBy('s.version', 'desc')
			.execute(),
		publishedRating(db, member, year.id)
	]);
	return {
		member,
		year,
		// Once the member's rating is published, the self-review it rests on is closed.
		phase: rated
			? { state: 'ended', closedOn: todayInVietnam(rated.approved_at) }
			: phaseStatus(year, 'self_review', todayInVietnam()),
		ruleSet: ruleSetById(year.rule_set as RuleSetId),
		facts,
		annex: suggestedAnnex(reports),
		versions: versions as unknown as SelfReviewVersion[],
		rating: rated ?? null
	};
}

/** What the rules allow for this content and the recorded facts; null when the facts are incomplete. */
export function evaluate(opened: OpenSelfReview, content: SelfReviewContent): Evaluation | null {
	const r = evaluateMember(
		opened.ruleSet,
		{ ...opened.facts, tasks: taskCounts(content.annex) },
		content.scores
	);
	return r.ok ? r.value : null;
}

/**
 * - `window_closed` (`detail.state`): outside the self-review window, or the year is not open;
 * - a score problem (`field: scores.<criterion>`), from the form's rules;
 * - `annex`: the annex does not list the year's tasks (the page is stale);
 * - `conflict`: another version was submitted meanwhile.
 */
export type SubmitProblem = 'window_closed' | 'annex' | 'conflict' | ScoreProblemCode;

export async function submitSelfReview(
	ctx: Ctx,
	opened: OpenSelfReview,
	content: SelfReviewContent,
	opts: { onBehalf: boolean } = { onBehalf: false }
): Promise<Result<number, SubmitProblem>> {
	if (opened.phase.state !== 'open')
		return refuse('window_closed', { detail: { state: opened.phase.state } });
	const scores = validateScores(opened.ruleSet, opened.facts.subjectType, content.scores);
	if (!scores.ok) return scores;
	if (content.annex.map((a) => a.key).join() !== opened.annex.map((a) => a.key).join())
		return refuse('annex');
	const version = (opened.versions[0]?.version ?? 0) + 1;
	const evaluation = evaluate(opened, content);
	try {
		return ok(
			await ctx.db.transaction().execute(async (trx) => {
				await trx
					.insertInto('self_reviews')
					.values({
						member_id: opened.member.id,
						year_id: opened.year.id,
						version,
						rule_set: opened.ruleSet.id,
						subject_type: opened.facts.subjectType,
						content: JSON.stringify(content),
						proposed_level: content.proposedLevel,
						// No evaluation (incomplete facts) is SQL NULL, not a JSON null.
						evaluation: evaluation && JSON.stringify(evaluation),
						on_behalf: opts.onBehalf,
						submitted_by_account_id: ctx.actor.accountId
					})
					.execute();
				await audit.record(trx, auditCtx(ctx), {
					action: 'self_review.submitted',
					entityType: 'member',
					entityId: opened.member.id,
					changes: { year_id: opened.year.id, version, on_behalf: opts.onBehalf }
				});
				return version;
			})
		);
	} catch (err) {
		const constraint = constraintOf(err);
		if (
			constraint === 'self_reviews_version_key' ||
			constraint === 'self_reviews_version_chain_check'
		)
			return refuse(CONFLICT);
		if (constraint === 'self_reviews_year_open_check')
			return refuse('window_closed', { detail: { state: 'year_closed' } });
		throw err;
	}
}

/** The form's starting values: the latest version's, its annex results kept for the same tasks. */
export function startingContent(review: OpenSelfReview): SelfReviewContent | null {
	const latest = review.versions[0]?.content;
	if (!latest) return null;
	const kept = new Map(latest.annex.map((a) => [a.key, a.result]));
	return {
		...latest,
		annex: review.annex.map((a) => ({ ...a, result: kept.get(a.key) ?? a.result }))
	};
}

/**
 * - `not_found`: not the member's own self-review;
 * - `conflict`: not the latest version, not entered on their behalf, or confirmed already.
 */
export type ConfirmProblem = 'not_found' | 'conflict';

/** The member confirms the latest version the cell entered on their behalf. */
export async function confirmSelfReview(
	ctx: Ctx,
	opened: OpenSelfReview,
	version: number
): Promise<Result<undefined, ConfirmProblem>> {
	if (opened.member.id !== ctx.actor.memberId) return refuse(NOT_FOUND);
	const latest = opened.versions[0];
	if (!latest || latest.version !== version || !latest.on_behalf || latest.confirmed_at)
		return refuse(CONFLICT);
	try {
		await ctx.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('self_review_confirmations')
				.values({
					member_id: opened.member.id,
					year_id: opened.year.id,
					version,
					confirmed_by_account_id: ctx.actor.accountId
				})
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'self_review.confirmed',
				entityType: 'member',
				entityId: opened.member.id,
				changes: { year_id: opened.year.id, version }
			});
		});
		return ok();
	} catch (err) {
		if (constraintOf(err) === 'self_review_confirmations_pkey') return refuse(CONFLICT);
		throw err;
	}
}

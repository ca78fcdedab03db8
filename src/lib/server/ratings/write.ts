// The steps of the year-end rating after the self-reviews, each one transaction with its audit
// row: the cell records its proposal for a member, the grassroots organization decides each
// member's level, then approves the whole organization's ratings, which publishes them to the
// members. Each row carries the version its author saw, so two people at once are told, never
// silently overwritten.
import {
	checkApproval,
	decisionWindow,
	needsReason,
	standingOf,
	type ApprovalCheck,
	type DecisionKind
} from '$lib/domain/rating/decision';
import type { Evaluation } from '$lib/domain/rating/engine';
import type { RatingLevel } from '$lib/domain/rating/levels';
import { ruleSetById } from '$lib/domain/rating/rule-sets';
import { CONFLICT, NOT_FOUND, ok, refuse, type Result } from '$lib/domain/result';
import { phaseStatus, todayInVietnam, type YearWindows } from '$lib/domain/years/phases';
import type { RuleSet as RuleSetId } from '$lib/domain/years/settings';
import type { CellProposalInput, DecisionInput, RerateInput } from '$lib/schemas/rating';
import { auditCtx, type Ctx, type ScopedUnit } from '../access/guard';
import { mayDecideRatingsAt, mayProposeRatingsAt, mayRerateRatingsAt } from '../access/policy';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { notify } from '../notifications/store';
import { tallyBoard } from './board';

export interface RatingYear extends YearWindows {
	id: number;
	year: number;
	decision_deadline: string;
	rule_set: string;
}

/** The latest self-review's evaluation of a current member of the subtree; undefined when not one. */
async function memberInTree(ctx: Ctx, unit: ScopedUnit, yearId: number, memberId: number) {
	return ctx.db
		.selectFrom('memberships as ms')
		.innerJoin('org_units as c', 'c.id', 'ms.unit_id')
		.select((eb) => [
			'ms.unit_id',
			eb
				.selectFrom('self_reviews as s')
				.select('s.evaluation')
				.whereRef('s.member_id', '=', 'ms.member_id')
				.where('s.year_id', '=', yearId)
				.orderBy('s.version', 'desc')
				.limit(1)
				.as('evaluation')
		])
		.where('ms.member_id', '=', memberId)
		.where('ms.ended_on', 'is', null)
		.where('c.path', 'like', `${unit.path}%`)
		.executeTakeFirst();
}

/**
 * - `not_found`: not the actor's cell, or not a current member of it;
 * - `window_closed` (`detail.state`): outside the cells' review window;
 * - `own`: nobody records their own (the deputy, or the other secretary, does);
 * - `not_rated`: the rules take the member out of the rating;
 * - `conflict`: a proposal was recorded meanwhile, or the organization has approved its ratings.
 */
export type ProposalProblem = 'not_found' | 'window_closed' | 'own' | 'not_rated' | 'conflict';

export async function proposeRating(
	ctx: Ctx,
	cell: ScopedUnit,
	year: RatingYear,
	input: CellProposalInput
): Promise<Result<number, ProposalProblem>> {
	if (!mayProposeRatingsAt(ctx.actor, cell)) return refuse(NOT_FOUND);
	const phase = phaseStatus(year, 'cell_review', todayInVietnam());
	if (phase.state !== 'open') return refuse('window_closed', { detail: { state: phase.state } });
	if (input.member_id === ctx.actor.memberId) return refuse('own');
	const member = await memberInTree(ctx, cell, year.id, input.member_id);
	if (!member || member.unit_id !== cell.id) return refuse(NOT_FOUND);
	if (standingOf(member.evaluation as Evaluation | null).kind === 'not_rated')
		return refuse('not_rated', { field: 'level' });
	const version = input.seen + 1;
	try {
		await ctx.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('cell_rating_proposals')
				.values({
					member_id: input.member_id,
					year_id: year.id,
					unit_id: cell.id,
					version,
					level: input.level,
					comment: input.comment,
					votes_agree: input.votes_agree,
					votes_present: input.votes_present,
					votes_total: input.votes_total,
					proposed_by_account_id: ctx.actor.accountId
				})
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'rating.proposed',
				entityType: 'member',
				entityId: input.member_id,
				unitPath: cell.path,
				changes: {
					year_id: year.id,
					version,
					level: input.level,
					votes: `${input.votes_agree}/${input.votes_present}/${input.votes_total}`
				}
			});
		});
		return ok(version);
	} catch (err) {
		switch (constraintOf(err)) {
			case 'cell_rating_proposals_version_key':
			case 'cell_rating_proposals_version_chain_check':
				return refuse(CONFLICT);
			case 'cell_rating_proposals_year_open_check':
				return refuse('window_closed', { detail: { state: 'year_closed' } });
			case 'cell_rating_proposals_member_check':
				return refuse(NOT_FOUND);
		}
		throw err;
	}
}

/**
 * - `not_found`: not the actor's organization to decide, or not a current member of it;
 * - `window_closed` (`detail.state`): before the cells' review opens, after the deadline, or
 *   the year is not open;
 * - `own`: nobody decides their own level;
 * - `not_rated`: the rules take the member out of the rating;
 * - `reason_required` (field `reason`): a level above the rules' ceiling needs a written reason;
 * - `conflict`: someone decided meanwhile (`detail.approved` 1 when the ratings were approved).
 */
export type DecisionProblem =
	'not_found' | 'window_closed' | 'own' | 'not_rated' | 'reason_required' | 'conflict';

export async function decideRating(
	ctx: Ctx,
	org: ScopedUnit,
	year: RatingYear,
	input: DecisionInput
): Promise<Result<number, DecisionProblem>> {
	if (!mayDecideRatingsAt(ctx.actor, org)) return refuse(NOT_FOUND);
	const window = decisionWindow(year, todayInVietnam());
	if (window.state !== 'open') return refuse('window_closed', { detail: { state: window.state } });
	if (input.member_id === ctx.actor.memberId) return refuse('own');
	const member = await memberInTree(ctx, org, year.id, input.member_id);
	if (!member) return refuse(NOT_FOUND);
	const standing = standingOf(member.evaluation as Evaluation | null);
	if (standing.kind === 'not_rated') return refuse('not_rated', { field: 'level' });
	const override = needsReason(standing, input.level);
	if (override && input.reason === null) return refuse('reason_required', { field: 'reason' });
	const r = await writeDecision(
		ctx,
		org,
		year,
		{
			member_id: input.member_id,
			version: input.seen + 1,
			kind: 'decided',
			level: input.level,
			ceiling: standing.ceiling,
			// A reason is what an override rests on; without one it would mean nothing.
			reason: override ? input.reason : null
		},
		{ level: input.level, override }
	);
	if (r.ok || r.problem.code !== 'approval') return r as Result<number, DecisionProblem>;
	return refuse(CONFLICT, { detail: { approved: 1 } });
}

type WriteProblem = 'conflict' | 'approval' | 'window_closed';

/**
 * The next version of a member's decision with its audit row, and `then` in the same transaction.
 * Refused as the database refuses it: `conflict` (another version meanwhile), `approval` (the
 * organization's approval is not as the kind needs it), `window_closed` (the year is not open).
 */
async function writeDecision(
	ctx: Ctx,
	org: ScopedUnit,
	year: RatingYear,
	row: {
		member_id: number;
		version: number;
		kind: DecisionKind;
		level: RatingLevel | null;
		ceiling: RatingLevel | null;
		reason: string | null;
	},
	changes: Record<string, unknown>,
	then?: (trx: Db) => Promise<void>
): Promise<Result<number, WriteProblem>> {
	const action = {
		decided: 'rating.decided',
		rerated: 'rating.rerated',
		cancelled: 'rating.cancelled'
	}[row.kind];
	try {
		await ctx.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('rating_decisions')
				.values({
					...row,
					year_id: year.id,
					unit_id: org.id,
					decided_by_account_id: ctx.actor.accountId
				})
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action,
				entityType: 'member',
				entityId: row.member_id,
				unitPath: org.path,
				changes: { year_id: year.id, version: row.version, ...changes }
			});
			await then?.(trx);
		});
		return ok(row.version);
	} catch (err) {
		switch (constraintOf(err)) {
			case 'rating_decisions_version_key':
			case 'rating_decisions_version_chain_check':
				return refuse(CONFLICT);
			case 'rating_decisions_approved_check':
				return refuse('approval');
			case 'rating_decisions_year_open_check':
				return refuse('window_closed', { detail: { state: 'year_closed' } });
		}
		throw err;
	}
}

/**
 * - `not_found`: not the actor's organization;
 * - `window_closed` (`detail.state`): as for a decision;
 * - `incomplete`: members still without a level (`detail.undecided`);
 * - `quota`: more HTXSNV than the quota allows (`detail`: used, limit, base, over);
 * - `conflict`: already approved.
 */
export type ApprovalProblem = 'not_found' | 'window_closed' | 'incomplete' | 'quota' | 'conflict';

export async function approveRatings(
	ctx: Ctx,
	org: ScopedUnit,
	year: RatingYear
): Promise<Result<ApprovalCheck, ApprovalProblem>> {
	if (!mayDecideRatingsAt(ctx.actor, org)) return refuse(NOT_FOUND);
	const window = decisionWindow(year, todayInVietnam());
	if (window.state !== 'open') return refuse('window_closed', { detail: { state: window.state } });
	const settings = ruleSetById(year.rule_set as RuleSetId).quota;
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			// Decisions lock the organization's row for share: none lands between the check and the row.
			await trx
				.selectFrom('org_units')
				.select('id')
				.where('id', '=', org.id)
				.forNoKeyUpdate()
				.execute();
			const tally = await tallyBoard(trx, org, year.id);
			const check = checkApproval(
				{ id: String(org.id), name: org.name, outstanding: false },
				tally,
				settings
			);
			// The quota first: it is what the committee has to rethink, the rest is still to do.
			const [group] = check.quota.groups;
			if (!check.quota.ok)
				return refuse('quota', {
					detail: { used: group.used, limit: group.limit, base: group.base, over: group.over }
				});
			if (check.undecided > 0)
				return refuse('incomplete', { detail: { undecided: check.undecided } });
			await trx
				.insertInto('rating_approvals')
				.values({
					unit_id: org.id,
					year_id: year.id,
					quota: JSON.stringify(check.quota),
					approved_by_account_id: ctx.actor.accountId
				})
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'rating.approved',
				entityType: 'unit',
				entityId: org.id,
				unitPath: org.path,
				changes: { year_id: year.id, ...tally.counts, overrides: tally.overrides }
			});
			const accounts = await trx
				.selectFrom('rating_decisions as d')
				.innerJoin('accounts as a', 'a.member_id', 'd.member_id')
				.select('a.id')
				.distinct()
				.where('d.unit_id', '=', org.id)
				.where('d.year_id', '=', year.id)
				.where('a.disabled_at', 'is', null)
				.execute();
			await notify(
				trx,
				accounts.map((a) => ({
					accountId: a.id,
					kind: 'rating.published' as const,
					payload: { year_id: year.id }
				}))
			);
			return ok(check);
		});
	} catch (err) {
		const constraint = constraintOf(err);
		if (constraint === 'rating_approvals_pkey') return refuse(CONFLICT);
		if (constraint === 'rating_approvals_year_open_check')
			return refuse('window_closed', { detail: { state: 'year_closed' } });
		throw err;
	}
}

/**
 * - `not_found`: not the actor's to re-rate (the bloc's standing committee above), or not a
 *   current member of the organization;
 * - `window_closed`: the year is not open;
 * - `not_approved`: the organization has not approved its ratings yet (it still decides);
 * - `conflict`: the rating changed meanwhile.
 */
export type RerateProblem = 'not_found' | 'window_closed' | 'not_approved' | 'conflict';

export async function rerateRating(
	ctx: Ctx,
	org: ScopedUnit,
	year: RatingYear,
	input: RerateInput
): Promise<Result<number, RerateProblem>> {
	if (!mayRerateRatingsAt(ctx.actor, org)) return refuse(NOT_FOUND);
	if (year.status !== 'open') return refuse('window_closed', { detail: { state: 'year_closed' } });
	const member = await memberInTree(ctx, org, year.id, input.member_id);
	if (!member) return refuse(NOT_FOUND);
	const standing = standingOf(member.evaluation as Evaluation | null);
	const cancel = input.level === 'cancel';
	const r = await writeDecision(
		ctx,
		org,
		year,
		{
			member_id: input.member_id,
			version: input.seen + 1,
			kind: cancel ? 'cancelled' : 'rerated',
			level: cancel ? null : (input.level as RatingLevel),
			ceiling: standing.kind === 'rated' ? standing.ceiling : null,
			reason: input.reason
		},
		{ level: cancel ? null : input.level },
		async (trx) => {
			const account = await trx
				.selectFrom('accounts')
				.select('id')
				.where('member_id', '=', input.member_id)
				.where('disabled_at', 'is', null)
				.executeTakeFirst();
			if (account)
				await notify(trx, [
					{ accountId: account.id, kind: 'rating.changed', payload: { year_id: year.id } }
				]);
		}
	);
	if (r.ok || r.problem.code !== 'approval') return r as Result<number, RerateProblem>;
	return refuse('not_approved');
}

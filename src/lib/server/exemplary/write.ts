// The cell proposes a member as an exemplary example; the committee above approves or declines,
// once. Each is one transaction with its audit row; an approval tells the member.
import { CONFLICT, NOT_FOUND, ok, refuse, type Result } from '$lib/domain/result';
import type { DecisionInput, ProposalInput } from '$lib/schemas/exemplary';
import { auditCtx, type Ctx, type ScopedUnit } from '../access/guard';
import { mayDecideExemplaryFor, mayProposeExemplaryAt } from '../access/policy';
import * as audit from '../audit/log';
import { constraintOf } from '../db/errors';
import { notify } from '../notifications/store';

/**
 * - `not_found`: not the actor's to propose, or the member is not the cell's (told nobody);
 * - `year_closed`: the year is not open; `conflict`: the member was proposed meanwhile;
 * - `files`: a file is not the member's of this year (the form is stale or forged);
 * - `own`: nobody proposes themselves (the deputy, or the other secretary, proposes them).
 */
export type ProposalProblem = 'not_found' | 'year_closed' | 'conflict' | 'files' | 'own';

export async function propose(
	ctx: Ctx,
	cell: ScopedUnit,
	year: { id: number; status: string },
	input: ProposalInput
): Promise<Result<number, ProposalProblem>> {
	if (!mayProposeExemplaryAt(ctx.actor, cell)) return refuse(NOT_FOUND);
	if (year.status !== 'open') return refuse('year_closed');
	if (input.member_id === ctx.actor.memberId) return refuse('own');
	const files = [...new Set(input.files)];
	try {
		return ok(
			await ctx.db.transaction().execute(async (trx) => {
				const row = await trx
					.insertInto('exemplary_proposals')
					.values({
						member_id: input.member_id,
						year_id: year.id,
						unit_id: cell.id,
						reasons: input.reasons,
						proposed_by_account_id: ctx.actor.accountId
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				if (files.length > 0)
					await trx
						.insertInto('exemplary_proposal_evidence')
						.values(files.map((file_id) => ({ proposal_id: row.id, file_id })))
						.execute();
				await audit.record(trx, auditCtx(ctx), {
					action: 'exemplary.proposed',
					entityType: 'exemplary_proposal',
					entityId: row.id,
					unitPath: cell.path,
					changes: { member_id: input.member_id, year_id: year.id, files: files.length }
				});
				return row.id;
			})
		);
	} catch (err) {
		switch (constraintOf(err)) {
			case 'exemplary_proposals_year_open_check':
				return refuse('year_closed');
			case 'exemplary_proposals_member_year_key':
				return refuse(CONFLICT);
			case 'exemplary_proposals_member_check':
			case 'exemplary_proposals_member_id_fkey':
				return refuse(NOT_FOUND);
			case 'exemplary_proposal_evidence_member_check':
			case 'exemplary_proposal_evidence_file_id_fkey':
				return refuse('files', { field: 'files' });
		}
		throw err;
	}
}

/**
 * - `not_found`: no such proposal under the page's unit, or not the actor's to decide;
 * - `conflict`: already decided (by someone else meanwhile); `year_closed`: the year is not open.
 */
export type DecisionProblem = 'not_found' | 'conflict' | 'year_closed';

export async function decide(
	ctx: Ctx,
	unit: ScopedUnit,
	input: DecisionInput
): Promise<Result<undefined, DecisionProblem>> {
	const proposal = await ctx.db
		.selectFrom('exemplary_proposals as p')
		.innerJoin('org_units as c', 'c.id', 'p.unit_id')
		.leftJoin('accounts as a', (j) =>
			j.onRef('a.member_id', '=', 'p.member_id').on('a.disabled_at', 'is', null)
		)
		.select(['p.id', 'p.member_id', 'p.year_id', 'c.path', 'c.kind', 'a.id as account_id'])
		.where('p.id', '=', input.proposal_id)
		.where('c.path', 'like', `${unit.path}%`)
		.executeTakeFirst();
	if (
		!proposal ||
		!mayDecideExemplaryFor(ctx.actor, { cellPath: proposal.path, cellKind: proposal.kind })
	)
		return refuse(NOT_FOUND);
	try {
		await ctx.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('exemplary_decisions')
				.values({
					proposal_id: proposal.id,
					decision: input.decision,
					note: input.note,
					decided_by_account_id: ctx.actor.accountId
				})
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action: input.decision === 'approved' ? 'exemplary.approved' : 'exemplary.declined',
				entityType: 'exemplary_proposal',
				entityId: proposal.id,
				unitPath: proposal.path,
				changes: { member_id: proposal.member_id }
			});
			if (input.decision === 'approved' && proposal.account_id !== null)
				await notify(trx, [
					{
						accountId: proposal.account_id,
						kind: 'exemplary.approved',
						payload: { proposal_id: proposal.id, year_id: proposal.year_id }
					}
				]);
		});
		return ok();
	} catch (err) {
		const constraint = constraintOf(err);
		if (constraint === 'exemplary_decisions_pkey') return refuse(CONFLICT);
		if (constraint === 'exemplary_decisions_year_open_check') return refuse('year_closed');
		throw err;
	}
}

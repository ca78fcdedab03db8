// The facts the year-end rating weighs, as the committee records them (migration 0019): Party
// discipline, leave, and per year the subject type, temporary activity, the competent level's
// conclusions and the workplace's rating. Recorded and withdrawn by whoever manages the member's
// records (access/policy.ts), each in one transaction with its audit row; read by whoever reads the
// member, and by the member.
import { sql } from 'kysely';
import { NOT_FOUND, ok, refuse, type Result } from '$lib/domain/result';
import type {
	DisciplineInput,
	LeaveInput,
	WithdrawalInput,
	YearFactsInput
} from '$lib/schemas/rating-facts';
import { auditCtx, type Ctx, type ScopedMember } from '../access/guard';
import { mayRecordRatingFacts } from '../access/policy';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';

export async function readFacts(db: Db, member: ScopedMember, yearId: number | null) {
	const [disciplines, leaves, year] = await Promise.all([
		db
			.selectFrom('member_disciplines')
			.select([
				'id',
				'decided_on',
				'form',
				'duty_related',
				'self_remedied',
				'authority',
				'reason',
				'withdrawn_at',
				'withdrawn_reason'
			])
			.where('member_id', '=', member.id)
			.orderBy('decided_on', 'desc')
			.orderBy('id', 'desc')
			.execute(),
		db
			.selectFrom('member_leaves')
			.select(['id', 'kind', 'starts_on', 'ends_on', 'note', 'withdrawn_at', 'withdrawn_reason'])
			.where('member_id', '=', member.id)
			.orderBy('starts_on', 'desc')
			.orderBy('id', 'desc')
			.execute(),
		yearId === null
			? undefined
			: db
					.selectFrom('member_year_facts')
					.select([
						'subject_type',
						'temporary_cell',
						'concluded_decline',
						'concluded_prohibited_breach',
						'civil_service_level',
						'updated_at'
					])
					.where('member_id', '=', member.id)
					.where('year_id', '=', yearId)
					.executeTakeFirst()
	]);
	return { disciplines, leaves, year: year ?? null };
}

export type FactsProblem = 'not_found' | 'conflict';

function entitled(ctx: Ctx, member: ScopedMember): boolean {
	return member.unitPath !== null && mayRecordRatingFacts(ctx.actor, member.unitPath);
}

export async function recordDiscipline(
	ctx: Ctx,
	member: ScopedMember,
	input: DisciplineInput
): Promise<Result<number, FactsProblem>> {
	if (!entitled(ctx, member)) return refuse(NOT_FOUND);
	return ok(
		await ctx.db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('member_disciplines')
				.values({ member_id: member.id, ...input, recorded_by_account_id: ctx.actor.accountId })
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit.record(trx, auditCtx(ctx), {
				action: 'rating_fact.discipline_recorded',
				entityType: 'member',
				entityId: member.id,
				unitPath: member.unitPath,
				changes: { discipline_id: row.id, form: input.form, decided_on: input.decided_on }
			});
			return row.id;
		})
	);
}

export async function recordLeave(
	ctx: Ctx,
	member: ScopedMember,
	input: LeaveInput
): Promise<Result<number, FactsProblem>> {
	if (!entitled(ctx, member)) return refuse(NOT_FOUND);
	return ok(
		await ctx.db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('member_leaves')
				.values({ member_id: member.id, ...input, recorded_by_account_id: ctx.actor.accountId })
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit.record(trx, auditCtx(ctx), {
				action: 'rating_fact.leave_recorded',
				entityType: 'member',
				entityId: member.id,
				unitPath: member.unitPath,
				changes: {
					leave_id: row.id,
					kind: input.kind,
					starts_on: input.starts_on,
					ends_on: input.ends_on
				}
			});
			return row.id;
		})
	);
}

/** Withdraws a wrong entry of this member, once; `conflict` when it was withdrawn meanwhile. */
export async function withdrawFact(
	ctx: Ctx,
	member: ScopedMember,
	input: WithdrawalInput
): Promise<Result<undefined, FactsProblem>> {
	if (!entitled(ctx, member)) return refuse(NOT_FOUND);
	const table = input.kind === 'discipline' ? 'member_disciplines' : 'member_leaves';
	return ctx.db.transaction().execute(async (trx) => {
		const updated = await trx
			.updateTable(table)
			.set({
				withdrawn_at: sql<Date>`now()`,
				withdrawn_by_account_id: ctx.actor.accountId,
				withdrawn_reason: input.reason
			})
			.where('id', '=', input.id)
			.where('member_id', '=', member.id)
			.where('withdrawn_at', 'is', null)
			.returning('id')
			.executeTakeFirst();
		if (!updated) {
			const exists = await trx
				.selectFrom(table)
				.select('id')
				.where('id', '=', input.id)
				.where('member_id', '=', member.id)
				.executeTakeFirst();
			return refuse(exists ? 'conflict' : NOT_FOUND);
		}
		await audit.record(trx, auditCtx(ctx), {
			action:
				input.kind === 'discipline'
					? ('rating_fact.discipline_withdrawn' as const)
					: ('rating_fact.leave_withdrawn' as const),
			entityType: 'member',
			entityId: member.id,
			unitPath: member.unitPath,
			changes: { [`${input.kind}_id`]: input.id }
		});
		return ok();
	});
}

/** The member's facts of a year, written whole; the audit row carries what changed. */
export async function saveYearFacts(
	ctx: Ctx,
	member: ScopedMember,
	year: { id: number; status: string },
	input: YearFactsInput
): Promise<Result<undefined, FactsProblem | 'year_closed'>> {
	if (!entitled(ctx, member)) return refuse(NOT_FOUND);
	if (year.status !== 'open') return refuse('year_closed');
	try {
		await ctx.db.transaction().execute(async (trx) => {
			const before = await trx
				.selectFrom('member_year_facts')
				.select([
					'subject_type',
					'temporary_cell',
					'concluded_decline',
					'concluded_prohibited_breach',
					'civil_service_level'
				])
				.where('member_id', '=', member.id)
				.where('year_id', '=', year.id)
				.forUpdate()
				.executeTakeFirst();
			const values = { ...input, updated_by_account_id: ctx.actor.accountId };
			await trx
				.insertInto('member_year_facts')
				.values({ member_id: member.id, year_id: year.id, ...values })
				.onConflict((oc) =>
					oc.columns(['member_id', 'year_id']).doUpdateSet({ ...values, updated_at: sql`now()` })
				)
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'rating_fact.year_saved',
				entityType: 'member',
				entityId: member.id,
				unitPath: member.unitPath,
				changes: { year_id: year.id, ...(audit.diff(before ?? {}, input) ?? {}) }
			});
		});
		return ok();
	} catch (err) {
		if (constraintOf(err) === 'member_year_facts_year_id_fkey') return refuse(NOT_FOUND);
		throw err;
	}
}

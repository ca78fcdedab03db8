// The cell's side: whoever reviews the member's cell (access/policy.ts, registrationReviewRight)
// approves a submitted registration or returns it with a comment. Both are immutable rows,
// audited in the same transaction; a return notifies the member.
import { sql } from 'kysely';
import { can as stateAllows, type RegistrationDecision } from '$lib/domain/registration/states';
import { ok, refuse, type Refused, type Result } from '$lib/domain/result';
import { phaseStatus, type YearWindows } from '$lib/domain/years/phases';
import { todayInVietnam } from '$lib/domain/dates';
import { auditCtx, type Ctx, type ScopedMember } from '../access/guard';
import { registrationReviewRight } from '../access/policy';
import { reviewFactColumns, reviewFacts, type ReviewFactRow } from '../access/review-facts';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { notify } from '../notifications/store';

/**
 * `not_found` is told to nobody (the page answers 404). `not_reviewable`: the version is no longer
 * the one waiting (decided, superseded, being edited) or is the reviewer's own; `window_closed`
 * (`detail.closedOn`): a return after the registration window would leave the member unable to
 * submit again.
 */
export type RegistrationReviewProblem =
	'not_found' | 'year_closed' | 'not_reviewable' | 'own' | 'window_closed';

interface Reviewable extends YearWindows, ReviewFactRow {
	id: number;
	year_id: number;
	superseded: boolean;
	decided: boolean;
	editing: boolean;
	account_id: number | null;
}

function loadReviewable(db: Db, registrationId: number) {
	return db
		.selectFrom('registrations as g')
		.innerJoin('review_years as y', 'y.id', 'g.year_id')
		.innerJoin('memberships as ms', (j) =>
			j.onRef('ms.member_id', '=', 'g.member_id').on('ms.ended_on', 'is', null)
		)
		.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
		.leftJoin('accounts as a', 'a.member_id', 'g.member_id')
		.select([
			'g.id',
			'g.member_id',
			'g.year_id',
			'u.path as cell_path',
			'u.kind as cell_kind',
			...reviewFactColumns('g.member_id', 'u.id'),
			'y.status',
			'y.commitment_opens_on',
			'y.commitment_closes_on',
			'y.registration_opens_on',
			'y.registration_closes_on',
			'y.self_review_opens_on',
			'y.self_review_closes_on',
			'y.cell_review_opens_on',
			'y.cell_review_closes_on',
			'a.id as account_id',
			sql<boolean>`exists (select 1 from registrations n where n.supersedes_id = g.id)`.as(
				'superseded'
			),
			sql<boolean>`exists (select 1 from registration_reviews r where r.registration_id = g.id)`.as(
				'decided'
			),
			sql<boolean>`exists (select 1 from registration_drafts d
				where d.member_id = g.member_id and d.year_id = g.year_id)`.as('editing')
		])
		.where('g.id', '=', registrationId)
		.executeTakeFirst() as Promise<Reviewable | undefined>;
}

function refusal(
	ctx: Ctx,
	g: Reviewable | undefined,
	decision: RegistrationDecision,
	today: string
): Refused<RegistrationReviewProblem> | undefined {
	const right = g ? registrationReviewRight(ctx.actor, reviewFacts(g)) : 'none';
	if (!g || right === 'none') return refuse('not_found');
	if (right === 'own') return refuse('own');
	if (g.status !== 'open') return refuse('year_closed');
	const state = g.decided ? 'approved' : g.editing ? 'draft' : 'submitted';
	const action = decision === 'approved' ? 'approve' : 'return';
	if (g.superseded || !stateAllows(state, 'secretary', action)) return refuse('not_reviewable');
	if (decision === 'returned') {
		const phase = phaseStatus(g, 'registration', today);
		if (phase.state === 'ended')
			return refuse('window_closed', { detail: { closedOn: phase.closedOn } });
	}
	return undefined;
}

function refusedByDatabase(err: unknown): Refused<RegistrationReviewProblem> | undefined {
	switch (constraintOf(err)) {
		case 'registration_reviews_year_open_check':
			return refuse('year_closed');
		case 'registration_reviews_latest_check':
		case 'registration_reviews_registration_key':
			return refuse('not_reviewable');
		default:
			return undefined;
	}
}

/** Approves or returns one version of `member`'s registration (another member's is not found). */
export async function reviewRegistration(
	ctx: Ctx,
	member: ScopedMember,
	registrationId: number,
	decision: RegistrationDecision,
	comment: string
): Promise<Result<undefined, RegistrationReviewProblem>> {
	const today = todayInVietnam();
	const before = await loadReviewable(ctx.db, registrationId);
	if (before && before.member_id !== member.id) return refuse('not_found');
	const refused = refusal(ctx, before, decision, today);
	if (refused) return refused;
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			// The member's row orders this against a new version being submitted (member.ts).
			await trx
				.selectFrom('members')
				.select('id')
				.where('id', '=', member.id)
				.forUpdate()
				.execute();
			const g = await loadReviewable(trx, registrationId);
			const now = refusal(ctx, g, decision, today);
			if (now || !g) return now ?? refuse('not_found');
			await trx
				.insertInto('registration_reviews')
				.values({
					registration_id: g.id,
					decision,
					comment: comment || null,
					reviewer_account_id: ctx.actor.accountId
				})
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action: decision === 'approved' ? 'registration.approved' : 'registration.returned',
				entityType: 'registration',
				entityId: g.id,
				unitPath: g.cell_path,
				changes: { decision: [null, decision] }
			});
			if (decision === 'returned' && g.account_id !== null)
				await notify(trx, [
					{
						accountId: g.account_id,
						kind: 'registration.returned',
						payload: { registration_id: g.id, year_id: g.year_id }
					}
				]);
			return ok();
		});
	} catch (err) {
		const byDatabase = refusedByDatabase(err);
		if (!byDatabase) throw err;
		return byDatabase;
	}
}

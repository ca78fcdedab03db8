// The cell's side: the secretary or deputy secretary of the member's current cell confirms a
// signed commitment or returns it with a comment (a reviewer's own commitment goes to the other
// reviewer or the committee above: access/policy.ts decides). Both are immutable rows, audited; a
// return notifies the member.
import { sql, type RawBuilder } from 'kysely';
import { ok, refuse, type Problem, type Refused, type Result } from '$lib/domain/result';
import { phaseStatus, type YearWindows } from '$lib/domain/years/phases';
import { can as stateAllows, type ReviewDecision } from '$lib/domain/commitment/states';
import {
	isReviewerPost,
	onBehalfOf,
	type OnBehalfOf,
	type ReviewerPost
} from '$lib/domain/commitment/document';
import { todayInVietnam } from '$lib/domain/dates';
import { formatDate } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { Grant } from '../access/actor';
import { auditCtx, type Ctx } from '../access/guard';
import { commitmentReviewRight } from '../access/policy';
import { reviewFactColumns, reviewFacts, type ReviewFactRow } from '../access/review-facts';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { notify } from '../notifications/store';

/**
 * `not_found` is not a reason anyone is told: the page answers 404, as for a commitment that does
 * not exist. `window_closed` carries `detail.closedOn`.
 */
export type ReviewProblem = 'not_found' | 'year_closed' | 'not_reviewable' | 'window_closed';
type ReviewRefusal = Refused<ReviewProblem>;

type Decision = ReviewDecision;

/** A commitment with its year's status and windows (`status` is the year's). */
interface Reviewable extends YearWindows, ReviewFactRow {
	id: number;
	year_id: number;
	superseded: boolean;
	decided: boolean;
	amending: boolean;
	account_id: number | null;
	cell_has_committee: boolean;
}

/** The commitments with what decides whether they can be reviewed, in one query. */
async function loadReviewable(db: Db, ids: number[]): Promise<Reviewable[]> {
	if (ids.length === 0) return [];
	return db
		.selectFrom('commitments as c')
		.innerJoin('review_years as y', 'y.id', 'c.year_id')
		.innerJoin('memberships as ms', (j) =>
			j.onRef('ms.member_id', '=', 'c.member_id').on('ms.ended_on', 'is', null)
		)
		.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
		.leftJoin('accounts as a', 'a.member_id', 'c.member_id')
		.select([
			'c.id',
			'c.member_id',
			'c.year_id',
			'u.path as cell_path',
			'u.kind as cell_kind',
			...reviewFactColumns('c.member_id', 'u.id'),
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
			sql<boolean>`exists (select 1 from commitments n where n.supersedes_id = c.id)`.as(
				'superseded'
			),
			sql<boolean>`exists (select 1 from commitment_reviews r where r.commitment_id = c.id)`.as(
				'decided'
			),
			sql<boolean>`exists (select 1 from commitment_drafts d
				where d.member_id = c.member_id and d.year_id = c.year_id)`.as('amending'),
			cellHasCommittee(sql.ref('u.id')).as('cell_has_committee')
		])
		.where('c.id', 'in', ids)
		.execute();
}

/**
 * loadReviewable again inside the writing transaction, after locking the rows of the members
 * whose commitments these are: sign() takes the same lock before it writes a new version, and
 * the reload is a new statement, so it sees a version signed meanwhile. (Not the commitments'
 * own rows: a row lock needs UPDATE privilege, which the app's role has not there, migration
 * 0011; the insert triggers lock those as their owner.) Locked in id order so that two bulk
 * confirmations of overlapping lists cannot deadlock.
 */
async function lockReviewable(trx: Db, ids: number[]): Promise<Reviewable[]> {
	await trx
		.selectFrom('members')
		.select('id')
		.where('id', 'in', trx.selectFrom('commitments').select('member_id').where('id', 'in', ids))
		.orderBy('id')
		.forUpdate()
		.execute();
	return loadReviewable(trx, ids);
}

function refusal(
	ctx: Ctx,
	c: Reviewable | undefined,
	decision: Decision,
	today: string
): ReviewRefusal | undefined {
	// Someone who may not review this member's cell learns nothing about the commitment.
	const right = c ? commitmentReviewRight(ctx.actor, reviewFacts(c)) : 'none';
	if (!c || right === 'none') return refuse('not_found');
	// Nobody confirms their own commitment (a secretary's goes to the deputy or the committee).
	if (right === 'own') return refuse('not_reviewable');
	if (c.status !== 'open') return refuse('year_closed');
	const state = c.decided ? 'confirmed' : c.amending ? 'draft' : 'signed';
	const action = decision === 'confirmed' ? 'confirm' : 'return';
	if (c.superseded || !stateAllows(state, 'secretary', action)) return refuse('not_reviewable');
	// A returned commitment waits for the member to amend and sign again, which member.ts allows
	// only inside the commitment window: after it, a return would leave them stuck.
	if (decision === 'returned') {
		const phase = phaseStatus(c, 'commitment', today);
		if (phase.state === 'ended')
			return refuse('window_closed', { detail: { closedOn: phase.closedOn } });
	}
	return undefined;
}

/**
 * The database's refusal when a signature, another review or a close got in between the check
 * and the insert (the triggers of migration 0009, the one-review-per-version key).
 */
function refusedByDatabase(err: unknown): ReviewRefusal | undefined {
	switch (constraintOf(err)) {
		case 'commitment_reviews_year_open_check':
			return refuse('year_closed');
		case 'commitment_reviews_latest_check':
		case 'commitment_reviews_commitment_key':
			return refuse('not_reviewable');
		default:
			return undefined;
	}
}

export async function review(
	ctx: Ctx,
	commitmentId: number,
	decision: Decision,
	comment: string,
	/** The member the page is about: a commitment of anyone else is not found. */
	memberId?: number
): Promise<Result<undefined, ReviewProblem>> {
	const today = todayInVietnam();
	const [c] = await loadReviewable(ctx.db, [commitmentId]);
	if (memberId !== undefined && c?.member_id !== memberId) return refuse('not_found');
	// Checked before any lock: someone who may not review a commitment cannot hold its row.
	const refused = refusal(ctx, c, decision, today);
	if (refused) return refused;
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			const [locked] = await lockReviewable(trx, [commitmentId]);
			const now = refusal(ctx, locked, decision, today);
			if (now) return now;
			await writeReviews(
				trx,
				ctx,
				[locked],
				decision,
				decision === 'returned' ? comment : comment || null
			);
			return ok();
		});
	} catch (err) {
		const byDatabase = refusedByDatabase(err);
		if (!byDatabase) throw err;
		return byDatabase;
	}
}

/** A cell has tens of members: a batch beyond this is refused whole (by the route), never cut short. */
export const CONFIRM_BATCH_MAX = 1000;

/** Confirms every listed commitment that can be confirmed; returns how many were and were not. */
export async function confirmMany(
	ctx: Ctx,
	ids: number[]
): Promise<{ confirmed: number; skipped: number }> {
	const today = todayInVietnam();
	const reviewable = (rows: Reviewable[]) =>
		rows.filter((c) => refusal(ctx, c, 'confirmed', today) === undefined);
	const candidates = reviewable(await loadReviewable(ctx.db, [...new Set(ids)]));
	let confirmed = 0;
	if (candidates.length)
		try {
			confirmed = await ctx.db.transaction().execute(async (trx) => {
				const still = reviewable(
					await lockReviewable(
						trx,
						candidates.map((c) => c.id)
					)
				);
				if (still.length) await writeReviews(trx, ctx, still, 'confirmed', null);
				return still.length;
			});
		} catch (err) {
			// One insert for all: a refusal of any row leaves none confirmed.
			if (!refusedByDatabase(err)) throw err;
		}
	return { confirmed, skipped: ids.length - confirmed };
}

/** The reason a review was refused, for the form. */
export function refusalText(problem: Problem<ReviewProblem>): string {
	switch (problem.code) {
		case 'year_closed':
			return m.commitment_review_refused_year_closed();
		case 'window_closed':
			return m.commitment_review_refused_window_closed({
				date: formatDate(String(problem.detail?.closedOn))
			});
		default:
			return m.commitment_review_refused_not_reviewable();
	}
}

/**
 * Whether a cell has a committee (chi ủy) to confirm on behalf of: someone holds a seat on it, or
 * the cell has nine or more full members, who elect one (Điều lệ Đảng, Art. 24).
 */
export function cellHasCommittee(unitId: RawBuilder<unknown>) {
	return sql<boolean>`(exists (select 1 from role_assignments ra where ra.unit_id = ${unitId}
			and ra.role = 'cell_committee_member' and ra.ended_on is null)
		or (select count(*) from memberships cm
			join member_statuses st on st.member_id = cm.member_id and st.ended_on is null
			where cm.unit_id = ${unitId} and cm.ended_on is null and st.status = 'official') >= 9)`;
}

/**
 * The post the reviewer confirms in, as the document's block reads it ("T/M CHI ỦY / BÍ THƯ"):
 * their post in the cell, else their seat on the committee above (which confirms a lone
 * reviewer's own commitment).
 */
function confirmedAs(
	ctx: Ctx,
	c: Reviewable
): { reviewer_post: ReviewerPost; on_behalf_of: OnBehalfOf } | undefined {
	const inCell = (g: Grant) => g.unitPath === c.cell_path;
	const above = (g: Grant) => c.cell_path.startsWith(g.unitPath);
	const grant =
		ctx.actor.grants.find((g) => inCell(g) && g.role === 'cell_secretary') ??
		ctx.actor.grants.find((g) => inCell(g) && g.role === 'cell_deputy_secretary') ??
		ctx.actor.grants.find(
			(g) =>
				above(g) &&
				(g.role === 'grassroots_committee_member' || g.role === 'bloc_standing_committee')
		);
	const post = grant?.role;
	if (!post || !isReviewerPost(post)) return undefined;
	return { reviewer_post: post, on_behalf_of: onBehalfOf(post, c.cell_has_committee) };
}

async function writeReviews(
	db: Db,
	ctx: Ctx,
	rows: Reviewable[],
	decision: Decision,
	comment: string | null
): Promise<void> {
	await db
		.insertInto('commitment_reviews')
		.values(
			rows.map((c) => ({
				commitment_id: c.id,
				decision,
				comment,
				reviewer_account_id: ctx.actor.accountId,
				...(decision === 'confirmed' ? confirmedAs(ctx, c) : {})
			}))
		)
		.execute();
	await audit.recordMany(
		db,
		auditCtx(ctx),
		rows.map((c) => ({
			action: decision === 'confirmed' ? 'commitment.confirmed' : 'commitment.returned',
			entityType: 'commitment',
			entityId: c.id,
			unitPath: c.cell_path,
			changes: { decision: [null, decision] }
		}))
	);
	if (decision === 'returned')
		await notify(
			db,
			rows.flatMap((c) =>
				c.account_id === null
					? []
					: [
							{
								accountId: c.account_id,
								kind: 'commitment.returned' as const,
								payload: { commitment_id: c.id, year_id: c.year_id }
							}
						]
			)
		);
}

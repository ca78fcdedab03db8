// The cell's side: the secretary or deputy secretary of the member's current cell confirms a
// signed commitment or returns it with a comment. Both are immutable rows, audited; a return
// notifies the member.
import { sql } from 'kysely';
import { can as stateAllows } from '$lib/domain/commitment/states';
import { can } from '../access/actor';
import { auditCtx, type Ctx } from '../access/guard';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';

export type ReviewRefusal = 'not_found' | 'not_reviewable' | 'year_closed';

interface Reviewable {
	id: number;
	member_id: number;
	year_id: number;
	cell_path: string;
	year_status: string;
	superseded: boolean;
	decided: boolean;
	amending: boolean;
	account_id: number | null;
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
			'y.status as year_status',
			'a.id as account_id',
			sql<boolean>`exists (select 1 from commitments n where n.supersedes_id = c.id)`.as(
				'superseded'
			),
			sql<boolean>`exists (select 1 from commitment_reviews r where r.commitment_id = c.id)`.as(
				'decided'
			),
			sql<boolean>`exists (select 1 from commitment_drafts d
				where d.member_id = c.member_id and d.year_id = c.year_id)`.as('amending')
		])
		.where('c.id', 'in', ids)
		.execute();
}

function refusal(ctx: Ctx, c: Reviewable | undefined): ReviewRefusal | undefined {
	// Someone who may not review this member's cell learns nothing about the commitment.
	if (!c || !can(ctx.actor, 'commitment.review', c.cell_path)) return 'not_found';
	if (c.year_status !== 'open') return 'year_closed';
	// Nobody confirms their own commitment: a secretary's is confirmed by the deputy.
	if (c.member_id === ctx.actor.memberId) return 'not_reviewable';
	const state = c.decided ? 'confirmed' : c.amending ? 'draft' : 'signed';
	if (c.superseded || !stateAllows(state, 'secretary', 'confirm')) return 'not_reviewable';
	return undefined;
}

export async function review(
	ctx: Ctx,
	commitmentId: number,
	decision: 'confirmed' | 'returned',
	comment: string,
	/** The member the page is about: a commitment of anyone else is not found. */
	memberId?: number
): Promise<ReviewRefusal | undefined> {
	const [c] = await loadReviewable(ctx.db, [commitmentId]);
	if (memberId !== undefined && c?.member_id !== memberId) return 'not_found';
	const refused = refusal(ctx, c);
	if (refused) return refused;
	await ctx.db.transaction().execute(async (trx) => {
		await writeReviews(
			trx,
			ctx,
			[c],
			decision,
			decision === 'returned' ? comment : comment || null
		);
	});
	return undefined;
}

/** Confirms every listed commitment that can be confirmed; returns how many were and were not. */
export async function confirmMany(
	ctx: Ctx,
	ids: number[]
): Promise<{ confirmed: number; skipped: number }> {
	const rows = await loadReviewable(ctx.db, [...new Set(ids)]);
	const ok = rows.filter((c) => refusal(ctx, c) === undefined);
	if (ok.length)
		await ctx.db.transaction().execute((trx) => writeReviews(trx, ctx, ok, 'confirmed', null));
	return { confirmed: ok.length, skipped: ids.length - ok.length };
}

async function writeReviews(
	db: Db,
	ctx: Ctx,
	rows: Reviewable[],
	decision: 'confirmed' | 'returned',
	comment: string | null
): Promise<void> {
	await db
		.insertInto('commitment_reviews')
		.values(
			rows.map((c) => ({
				commitment_id: c.id,
				decision,
				comment,
				reviewer_account_id: ctx.actor.accountId
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
	const notify = rows.filter((c) => c.account_id !== null);
	if (decision === 'returned' && notify.length)
		await db
			.insertInto('notifications')
			.values(
				notify.map((c) => ({
					account_id: c.account_id!,
					kind: 'commitment.returned',
					payload: JSON.stringify({ commitment_id: c.id, year_id: c.year_id })
				}))
			)
			.execute();
}

// The cell's comments (nhận xét) on a member's report or on one of their actions (those given at
// a cell meeting are recorded with its minutes: meetings/write.ts). Given by those
// who approve the member's registrations; each reaches the member as a notification, and by
// e-mail when SMTP is configured. Comments are final: added, never changed.
import { ok, refuse, type Result } from '$lib/domain/result';
import { m } from '$lib/paraglide/messages';
import { auditCtx, type Ctx, type MemberHandle, type ScopedMember } from '../access/guard';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { log } from '../log';
import { sendMails } from '../mail';
import { notify } from '../notifications/store';
import { mayFollowUp, type OpenReports } from './open';

export interface MemberComment {
	id: number;
	report_id: number | null;
	action_key: string | null;
	/** The period of the report it is on, if any. */
	report_period: number | null;
	/** The day of the cell meeting that gave it, for a comment given at a meeting. */
	meeting_on: string | null;
	body: string;
	author: string | null;
	created_at: Date;
}

/** The comments on the member's year, newest first. */
export async function listComments(
	db: Db,
	member: MemberHandle,
	yearId: number
): Promise<MemberComment[]> {
	return db
		.selectFrom('member_comments as c')
		.leftJoin('accounts as a', 'a.id', 'c.author_account_id')
		.leftJoin('cell_meetings as cm', 'cm.id', 'c.meeting_id')
		.leftJoin('period_reports as pr', 'pr.id', 'c.report_id')
		.select([
			'c.id',
			'c.report_id',
			'pr.period as report_period',
			'c.action_key',
			'cm.held_on as meeting_on',
			'c.body',
			'a.display_name as author',
			'c.created_at'
		])
		.where('c.member_id', '=', member.id)
		.where('c.year_id', '=', yearId)
		.orderBy('c.created_at', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
}

/** `not_found`: not theirs to comment on, or no such report or line; `year_closed`. */
export type CommentProblem = 'not_found' | 'year_closed';

export interface NewComment {
	body: string;
	reportId: number | null;
	actionKey: string | null;
}

export async function addComment(
	ctx: Ctx,
	member: ScopedMember,
	r: OpenReports,
	c: NewComment,
	origin: string
): Promise<Result<number, CommentProblem>> {
	if (!(await mayFollowUp(ctx, member))) return refuse('not_found');
	if (r.year.status !== 'open') return refuse('year_closed');
	if (c.reportId !== null && !r.reports.some((x) => x.id === c.reportId))
		return refuse('not_found');
	if (c.actionKey !== null && !r.reportables.some((x) => x.key === c.actionKey))
		return refuse('not_found');
	let id: number;
	try {
		id = await ctx.db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('member_comments')
				.values({
					member_id: member.id,
					year_id: r.year.id,
					report_id: c.reportId,
					action_key: c.actionKey,
					body: c.body,
					author_account_id: ctx.actor.accountId
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			const account = await trx
				.selectFrom('accounts')
				.select('id')
				.where('member_id', '=', member.id)
				.where('disabled_at', 'is', null)
				.executeTakeFirst();
			if (account)
				await notify(trx, [
					{
						accountId: account.id,
						kind: 'report.comment',
						payload: { comment_id: row.id, year_id: r.year.id }
					}
				]);
			await audit.record(trx, auditCtx(ctx), {
				action: 'report.commented',
				entityType: 'member_comment',
				entityId: row.id,
				unitPath: r.cell.path,
				changes: { member_id: member.id, report_id: c.reportId, action_key: c.actionKey }
			});
			return row.id;
		});
	} catch (err) {
		if (constraintOf(err) === 'member_comments_year_open_check') return refuse('year_closed');
		throw err;
	}
	// After the commit: a slow mail server must not hold the transaction open.
	await mailComment(ctx.db, member, r, origin);
	return ok(id);
}

async function mailComment(db: Db, member: MemberHandle, r: OpenReports, origin: string) {
	const to = await db
		.selectFrom('members as m')
		.leftJoin('accounts as a', (j) =>
			j.onRef('a.member_id', '=', 'm.id').on('a.disabled_at', 'is', null)
		)
		.select(['m.email', 'm.full_name', 'a.locale'])
		.where('m.id', '=', member.id)
		.executeTakeFirst();
	if (!to?.email) return;
	const locale = to.locale === 'en' ? 'en' : 'vi';
	const params = { year: String(r.year.year) };
	const sent = await sendMails([
		{
			to: to.email,
			subject: m.report_mail_comment_subject(params, { locale }),
			text: m.report_mail_comment_body(
				{ ...params, name: to.full_name, link: `${origin}/registrations/${r.year.year}/reports` },
				{ locale }
			)
		}
	]);
	if (sent)
		log.info('report comment mailed', {
			memberId: member.id,
			sent: sent.sent,
			failed: sent.failed
		});
}

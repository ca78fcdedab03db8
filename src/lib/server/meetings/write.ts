// Recording a cell meeting: the minutes, everyone's attendance and the comments it gave, in one
// transaction with its audit row. Each comment reaches its member as a notification, as the
// comments on their reports do; the minutes, once recorded, are kept as they were.
import { ok, refuse, type Result } from '$lib/domain/result';
import type { MeetingInput } from '$lib/schemas/meeting';
import { auditCtx, type Ctx, type ScopedUnit } from '../access/guard';
import { mayRecordMeetingsAt } from '../access/policy';
import * as audit from '../audit/log';
import { constraintOf } from '../db/errors';
import { notify } from '../notifications/store';

/**
 * - `not_found`: not the actor's to record (told nobody);
 * - `year_closed`: the year is not open; `held_on`: the day is not in the year;
 * - `roster`: the attendance does not cover the cell's members as they are now (reload the form).
 */
export type MeetingProblem = 'not_found' | 'year_closed' | 'held_on' | 'roster';

export async function recordMeeting(
	ctx: Ctx,
	cell: ScopedUnit,
	year: { id: number; status: string },
	roster: number[],
	input: MeetingInput
): Promise<Result<number, MeetingProblem>> {
	if (!mayRecordMeetingsAt(ctx.actor, cell)) return refuse('not_found');
	if (year.status !== 'open') return refuse('year_closed');
	const listed = input.attendance.map((a) => a.member_id).sort((a, b) => a - b);
	if (listed.join() !== [...roster].sort((a, b) => a - b).join()) return refuse('roster');
	try {
		return ok(
			await ctx.db.transaction().execute(async (trx) => {
				const meeting = await trx
					.insertInto('cell_meetings')
					.values({
						unit_id: cell.id,
						year_id: year.id,
						held_on: input.held_on,
						kind: input.kind,
						topic: input.topic,
						venue: input.venue,
						chair_member_id: input.chair,
						clerk_member_id: input.clerk,
						agenda: input.agenda,
						proceedings: input.proceedings,
						conclusion: input.conclusion,
						recorded_by_account_id: ctx.actor.accountId
					})
					.returning('id')
					.executeTakeFirstOrThrow();
				await trx
					.insertInto('meeting_attendance')
					.values(
						input.attendance.map((a) => ({
							meeting_id: meeting.id,
							member_id: a.member_id,
							present: a.present,
							absence_reason: a.reason
						}))
					)
					.execute();
				if (input.comments.length > 0) await comment(trx, ctx, meeting.id, year.id, input.comments);
				await audit.record(trx, auditCtx(ctx), {
					action: 'meeting.recorded',
					entityType: 'cell_meeting',
					entityId: meeting.id,
					unitPath: cell.path,
					changes: {
						held_on: input.held_on,
						kind: input.kind,
						absent: input.attendance.filter((a) => !a.present).length,
						comments: input.comments.length
					}
				});
				return meeting.id;
			})
		);
	} catch (err) {
		const constraint = constraintOf(err);
		if (constraint === 'cell_meetings_year_open_check') return refuse('year_closed');
		if (constraint === 'cell_meetings_held_on_check')
			return refuse('held_on', { field: 'held_on' });
		throw err;
	}
}

async function comment(
	trx: Ctx['db'],
	ctx: Ctx,
	meetingId: number,
	yearId: number,
	comments: MeetingInput['comments']
) {
	const rows = await trx
		.insertInto('member_comments')
		.values(
			comments.map((c) => ({
				member_id: c.member_id,
				year_id: yearId,
				meeting_id: meetingId,
				body: c.body,
				author_account_id: ctx.actor.accountId
			}))
		)
		.returning(['id', 'member_id'])
		.execute();
	const accounts = await trx
		.selectFrom('accounts')
		.select(['id', 'member_id'])
		.where(
			'member_id',
			'in',
			rows.map((r) => r.member_id)
		)
		.where('disabled_at', 'is', null)
		.execute();
	const accountOf = new Map(accounts.map((a) => [a.member_id, a.id]));
	await notify(
		trx,
		rows.flatMap((r) => {
			const accountId = accountOf.get(r.member_id);
			return accountId
				? [
						{
							accountId,
							kind: 'report.comment' as const,
							payload: { comment_id: r.id, year_id: yearId }
						}
					]
				: [];
		})
	);
}

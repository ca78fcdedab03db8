// A cell's meetings as its pages show them: the list for a year, one meeting with its attendance
// and the comments it gave, and the roster the form records attendance from.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { MeetingKind } from '$lib/domain/meeting/minutes';
import type { ScopedUnit } from '../access/guard';
import type { Db } from '../db/connect';

/** The cell's current members, in the order of their names, as the roster of a meeting. */
export async function cellRoster(db: Db, cell: ScopedUnit) {
	return db
		.selectFrom('memberships as ms')
		.innerJoin('members as m', 'm.id', 'ms.member_id')
		.select(['m.id', 'm.full_name'])
		.where('ms.unit_id', '=', cell.id)
		.where('ms.ended_on', 'is', null)
		.orderBy((eb) => eb.fn('vn_fold', ['m.full_name']))
		.orderBy('m.id')
		.execute();
}

export async function listMeetings(db: Db, cell: ScopedUnit, yearId: number) {
	return db
		.selectFrom('cell_meetings as c')
		.select((eb) => [
			'c.id',
			'c.held_on',
			'c.kind',
			'c.topic',
			eb
				.selectFrom('meeting_attendance as a')
				.select(sql<number>`count(*)::int`.as('n'))
				.whereRef('a.meeting_id', '=', 'c.id')
				.where('a.present', '=', true)
				.as('present'),
			eb
				.selectFrom('meeting_attendance as a')
				.select(sql<number>`count(*)::int`.as('n'))
				.whereRef('a.meeting_id', '=', 'c.id')
				.as('total')
		])
		.where('c.unit_id', '=', cell.id)
		.where('c.year_id', '=', yearId)
		.orderBy('c.held_on', 'desc')
		.orderBy('c.id', 'desc')
		.execute();
}

export interface Meeting {
	id: number;
	year_id: number;
	held_on: string;
	kind: MeetingKind;
	topic: string | null;
	venue: string;
	chair_member_id: number;
	chair: string;
	clerk: string;
	agenda: string;
	proceedings: string;
	conclusion: string;
	recorded_at: Date;
	attendance: {
		member_id: number;
		full_name: string;
		present: boolean;
		absence_reason: string | null;
	}[];
	comments: { member_id: number; full_name: string; body: string }[];
}

/** One meeting of the cell, or undefined (a meeting of another cell is not there). */
export async function findMeeting(
	db: Db,
	cell: ScopedUnit,
	id: number
): Promise<Meeting | undefined> {
	const row = await db
		.selectFrom('cell_meetings as c')
		.innerJoin('members as ch', 'ch.id', 'c.chair_member_id')
		.innerJoin('members as cl', 'cl.id', 'c.clerk_member_id')
		.select((eb) => [
			'c.id',
			'c.year_id',
			'c.held_on',
			'c.kind',
			'c.topic',
			'c.venue',
			'c.chair_member_id',
			'ch.full_name as chair',
			'cl.full_name as clerk',
			'c.agenda',
			'c.proceedings',
			'c.conclusion',
			'c.created_at as recorded_at',
			jsonArrayFrom(
				eb
					.selectFrom('meeting_attendance as a')
					.innerJoin('members as m', 'm.id', 'a.member_id')
					.select(['a.member_id', 'm.full_name', 'a.present', 'a.absence_reason'])
					.whereRef('a.meeting_id', '=', 'c.id')
					.orderBy((e) => e.fn('vn_fold', ['m.full_name']))
			).as('attendance'),
			jsonArrayFrom(
				eb
					.selectFrom('member_comments as k')
					.innerJoin('members as m', 'm.id', 'k.member_id')
					.select(['k.member_id', 'm.full_name', 'k.body'])
					.whereRef('k.meeting_id', '=', 'c.id')
					.orderBy('k.id')
			).as('comments')
		])
		.where('c.unit_id', '=', cell.id)
		.where('c.id', '=', id)
		.executeTakeFirst();
	return row && { ...row, kind: row.kind as MeetingKind };
}

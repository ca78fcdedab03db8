// The minutes of one meeting as the documents print them (domain/meeting/minutes.ts): the cell's
// superior and the year's place for the header, the cell's committee (or not) for the signature,
// and at a meeting in the year-end review the cell's rating proposals with their votes.
import { sql } from 'kysely';
import type { MinutesDocument } from '$lib/domain/meeting/minutes';
import { ratingLevelLabel } from '$lib/labels/rating';
import type { ScopedUnit } from '../access/guard';
import { cellHasCommittee } from '../commitments/review';
import type { Db } from '../db/connect';
import { inVietnamese } from '../documents/vietnamese';
import type { Meeting } from './read';

export async function minutesDocument(
	db: Db,
	cell: ScopedUnit,
	meeting: Meeting
): Promise<MinutesDocument> {
	const facts = await db
		.selectFrom('org_units as u')
		.innerJoin('org_units as p', 'p.id', 'u.parent_id')
		.innerJoin('review_years as y', (j) => j.on('y.id', '=', meeting.year_id))
		.select([
			'p.name as superior',
			'y.place',
			sql<boolean>`${meeting.held_on}::date >= y.cell_review_opens_on`.as('in_year_end'),
			cellHasCommittee(sql.ref('u.id')).as('has_committee'),
			// The chair's post in the cell, if they hold one: it goes under T/M CHI ỦY.
			sql<string | null>`(select ra.role from role_assignments ra
				join accounts a on a.id = ra.account_id
				where ra.unit_id = u.id and ra.ended_on is null and a.member_id = ${meeting.chair_member_id}
					and ra.role in ('cell_secretary', 'cell_deputy_secretary')
				order by ra.role = 'cell_secretary' desc limit 1)`.as('chair_role')
		])
		.where('u.id', '=', cell.id)
		.executeTakeFirstOrThrow();
	const absent = meeting.attendance.filter((a) => !a.present);
	// A meeting in the year-end review carries the cell's proposals recorded for its members.
	const ratings = facts.in_year_end
		? await db
				.selectFrom('cell_rating_proposals as p')
				.innerJoin('members as m', 'm.id', 'p.member_id')
				.select(['m.full_name', 'p.level', 'p.votes_agree', 'p.votes_present', 'p.votes_total'])
				.where('p.unit_id', '=', cell.id)
				.where('p.year_id', '=', meeting.year_id)
				.where(({ not, exists, selectFrom }) =>
					not(
						exists(
							selectFrom('cell_rating_proposals as n')
								.select('n.id')
								.whereRef('n.member_id', '=', 'p.member_id')
								.whereRef('n.year_id', '=', 'p.year_id')
								.whereRef('n.version', '>', 'p.version')
						)
					)
				)
				.orderBy('m.search_name')
				.orderBy('m.id')
				.execute()
		: [];
	return {
		header: { superior: facts.superior, cell: cell.name, place: facts.place },
		kind: meeting.kind,
		topic: meeting.topic,
		heldOn: meeting.held_on,
		venue: meeting.venue,
		chair: meeting.chair,
		clerk: meeting.clerk,
		attendance: {
			total: meeting.attendance.length,
			present: meeting.attendance.filter((a) => a.present).map((a) => a.full_name),
			absent: absent.map((a) => ({ name: a.full_name, reason: a.absence_reason ?? '' }))
		},
		agenda: meeting.agenda,
		proceedings: meeting.proceedings,
		comments: meeting.comments.map((c) => ({ member: c.full_name, body: c.body })),
		ratings: inVietnamese(() =>
			ratings.map((r) => ({
				member: r.full_name,
				level: ratingLevelLabel(r.level),
				agree: r.votes_agree,
				present: r.votes_present,
				total: r.votes_total
			}))
		),
		conclusion: meeting.conclusion,
		onBehalf: facts.has_committee ? 'T/M CHI ỦY' : 'T/M CHI BỘ',
		chairPost:
			facts.chair_role === 'cell_secretary'
				? 'BÍ THƯ'
				: facts.chair_role === 'cell_deputy_secretary'
					? 'PHÓ BÍ THƯ'
					: 'CHỦ TRÌ'
	};
}

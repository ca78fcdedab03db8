// Following registrations: a cell's members with their state, and for a committee or the bloc
// the counts per direct child unit, each in one set-based statement (never a query per member).
import { sql } from 'kysely';
import type { RegistrationState } from '$lib/domain/registration/states';
import type { ScopedUnit } from '../access/guard';
import type { Db } from '../db/connect';

/** Each current member of the units `unitFilter` picks, with their state as deriveState gives it. */
function memberStates(yearId: number, unitFilter: ReturnType<typeof sql<boolean>>) {
	return sql`
		select ms.member_id, u.path as unit_path,
			case
				when d.id is not null then 'draft'
				when l.id is null then 'not_started'
				when l.decision is null then 'submitted'
				else l.decision
			end as state,
			l.id is not null as has_version,
			coalesce(jsonb_array_length(coalesce(d.content, l.content)->'actions'), 0) as actions
		from memberships ms
		join org_units u on u.id = ms.unit_id
		left join lateral (
			select g.id, g.content, r.decision
			from registrations g
			left join registration_reviews r on r.registration_id = g.id
			where g.member_id = ms.member_id and g.year_id = ${yearId}
			order by g.version desc limit 1
		) l on true
		left join registration_drafts d on d.member_id = ms.member_id and d.year_id = ${yearId}
		where ms.ended_on is null and ${unitFilter}`;
}

export interface CellRegistrationRow {
	member_id: number;
	full_name: string;
	state: RegistrationState;
	actions: number;
	/** The member's latest report for the period asked about: null when none, else whether late. */
	report_late: boolean | null;
}

/** The cell's members with their registration and their report for `period` of the year. */
export async function listCellRegistrations(
	db: Db,
	cell: ScopedUnit,
	yearId: number,
	period: number
): Promise<CellRegistrationRow[]> {
	const { rows } = await sql<CellRegistrationRow>`
		select s.member_id, m.full_name, s.state, s.actions::int as actions, rp.late as report_late
		from (${memberStates(yearId, sql<boolean>`ms.unit_id = ${cell.id}`)}) s
		join members m on m.id = s.member_id
		left join lateral (
			select r.late from period_reports r
			where r.member_id = s.member_id and r.year_id = ${yearId} and r.period = ${period}
			order by r.version desc limit 1
		) rp on true
		order by vn_fold(m.full_name), m.id`.execute(db);
	return rows;
}

export interface RegistrationRates {
	members: number;
	/** Submitted at least one version (whatever happened next). */
	registered: number;
	approved: number;
	submitted: number;
	returned: number;
	draft: number;
	not_started: number;
}

export interface UnitRegistrationRates extends RegistrationRates {
	id: number;
	name: string;
	kind: string;
	/** Members who reported `period` (0: none asked), and of them those who did so late. */
	reported: number;
	reported_late: number;
}

/**
 * Counts for each active direct child of `unit`, with the reports of `period`, in one grouped
 * scan of its subtree.
 */
export async function listRegistrationRates(
	db: Db,
	unit: ScopedUnit,
	yearId: number,
	period = 0
): Promise<UnitRegistrationRates[]> {
	const child = sql<number>`split_part(substr(s.unit_path, ${unit.path.length + 1}), '/', 1)::int`;
	// The constant prefix lets PostgreSQL use the path index.
	const inSubtree = sql<boolean>`u.path like ${`${unit.path}_%`}`;
	const { rows } = await sql<UnitRegistrationRates>`
		with s as (${memberStates(yearId, inSubtree)}),
		r as (
			select ${child} as id, count(*)::int as members,
				count(*) filter (where has_version)::int as registered,
				count(*) filter (where state = 'approved')::int as approved,
				count(*) filter (where state = 'submitted')::int as submitted,
				count(*) filter (where state = 'returned')::int as returned,
				count(*) filter (where state = 'draft')::int as draft,
				count(*) filter (where state = 'not_started')::int as not_started,
				count(rp.late)::int as reported,
				count(*) filter (where rp.late)::int as reported_late
			from s
			-- The period's latest reports of the whole year in one pass, joined by hash: a lookup
			-- per member costs four times as much over a bloc.
			left join (
				select distinct on (pr.member_id) pr.member_id, pr.late from period_reports pr
				where pr.year_id = ${yearId} and pr.period = ${period}
				order by pr.member_id, pr.version desc
			) rp on rp.member_id = s.member_id
			group by 1
		)
		select ch.id, ch.name, ch.kind,
			coalesce(r.members, 0) as members, coalesce(r.registered, 0) as registered,
			coalesce(r.approved, 0) as approved, coalesce(r.submitted, 0) as submitted,
			coalesce(r.returned, 0) as returned, coalesce(r.draft, 0) as draft,
			coalesce(r.not_started, 0) as not_started,
			coalesce(r.reported, 0) as reported, coalesce(r.reported_late, 0) as reported_late
		from org_units ch left join r on r.id = ch.id
		where ch.parent_id = ${unit.id} and ch.dissolved_on is null
		order by vn_fold(ch.name)`.execute(db);
	return rows;
}

// The signing and confirmation rates of the units under a committee or the bloc: one grouped
// scan of the subtree per page, set-based, never a query per unit.
import { sql } from 'kysely';
import type { Db } from '../db/connect';

export interface Rates {
	members: number;
	/** Signed at least one version (whatever happened next). */
	signed: number;
	confirmed: number;
	/** Signed, waiting for the cell's decision. */
	awaiting: number;
	returned: number;
	draft: number;
	not_started: number;
}

export interface UnitRates extends Rates {
	id: number;
	name: string;
	kind: string;
}

const ZERO: Rates = {
	members: 0,
	signed: 0,
	confirmed: 0,
	awaiting: 0,
	returned: 0,
	draft: 0,
	not_started: 0
};

/**
 * Rates for each direct child of `parentPath`, in one grouped scan of the subtree: current
 * memberships of cells under the path (the constant prefix lets PostgreSQL use the path index),
 * each member's latest version found set-based (the version nobody supersedes: an anti-join, no
 * per-row subquery), its decision and the draft. The CASE mirrors deriveState.
 */
export function ratesQuery(parentPath: string, yearId: number) {
	const child = sql<number>`split_part(substr(u.path, ${parentPath.length + 1}), '/', 1)::int`;
	return sql<Rates & { id: number }>`
		with latest as (
			select c.id, c.member_id, r.decision
			from commitments c
			left join commitment_reviews r on r.commitment_id = c.id
			where c.year_id = ${yearId}
				and not exists (select 1 from commitments n where n.supersedes_id = c.id)
		), states as (
			select ${child} as child, l.id as latest_id,
				case
					when l.id is null then case when d.id is null then 'not_started' else 'draft' end
					when l.decision = 'confirmed' then 'confirmed'
					when d.id is not null then 'draft'
					when l.decision = 'returned' then 'returned'
					else 'signed'
				end as state
			from memberships ms
			join org_units u on u.id = ms.unit_id
			left join latest l on l.member_id = ms.member_id
			left join commitment_drafts d on d.member_id = ms.member_id and d.year_id = ${yearId}
			where ms.ended_on is null and u.path like ${`${parentPath}_%`}
		)
		select child as id,
			count(*)::int as members,
			count(latest_id)::int as signed,
			count(*) filter (where state = 'confirmed')::int as confirmed,
			count(*) filter (where state = 'signed')::int as awaiting,
			count(*) filter (where state = 'returned')::int as returned,
			count(*) filter (where state = 'draft')::int as draft,
			count(*) filter (where state = 'not_started')::int as not_started
		from states group by child`;
}

/**
 * The active direct children of a unit with their rates (zero for units with no members), in one
 * statement: the grouped scan joined to the children.
 */
export async function listUnitRates(
	db: Db,
	unit: { id: number; path: string },
	yearId: number
): Promise<UnitRates[]> {
	const { rows } = await sql<UnitRates>`
		select ch.id, ch.name, ch.kind,
			coalesce(r.members, 0) as members, coalesce(r.signed, 0) as signed,
			coalesce(r.confirmed, 0) as confirmed, coalesce(r.awaiting, 0) as awaiting,
			coalesce(r.returned, 0) as returned, coalesce(r.draft, 0) as draft,
			coalesce(r.not_started, 0) as not_started
		from org_units ch
		left join (${ratesQuery(unit.path, yearId)}) r on r.id = ch.id
		where ch.parent_id = ${unit.id} and ch.dissolved_on is null
		order by vn_fold(ch.name)`.execute(db);
	return rows;
}

export function totalRates(rows: Rates[]): Rates {
	const total = { ...ZERO };
	for (const r of rows) for (const k of Object.keys(total) as (keyof Rates)[]) total[k] += r[k];
	return total;
}

/** A share in percent with one decimal, or null when there is nobody to count. */
export function percent(part: number, whole: number): number | null {
	return whole === 0 ? null : Math.round((1000 * part) / whole) / 10;
}

export const RATE_SORTS = ['signed', 'confirmed', 'name'] as const;
export type RateSort = (typeof RATE_SORTS)[number];

/** Lowest rate first (the units to follow up), then by name; units without members last. */
export function sortRates<T extends UnitRates>(rows: T[], by: RateSort): T[] {
	if (by === 'name') return rows;
	// Rows come ordered by name: the index keeps that order among equal rates.
	const keyed = rows.map((r, i) => ({ r, i, rate: percent(r[by], r.members) ?? Infinity }));
	return keyed.sort((a, b) => a.rate - b.rate || a.i - b.i).map((k) => k.r);
}

// Review years as the rest of the app reads them: which year applies to a cell (the year opened by
// a unit above it), and the one open for commitments today.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { UNIT_COLUMNS } from '../access/guard';
import type { Db } from '../db/connect';

export const YEAR_COLUMNS = [
	'y.id',
	'y.unit_id',
	'y.year',
	'y.place',
	'y.theme',
	'y.status',
	'y.commitment_opens_on',
	'y.commitment_closes_on',
	'y.registration_opens_on',
	'y.registration_closes_on',
	'y.reporting_period',
	'y.report_due_days',
	'y.self_review_opens_on',
	'y.self_review_closes_on',
	'y.cell_review_opens_on',
	'y.cell_review_closes_on',
	'y.decision_deadline',
	'y.rule_set',
	'y.manifestations_version_id',
	'y.prohibitions_version_id',
	'y.standards_version_id',
	'y.opened_at',
	'y.closed_at'
] as const;

/** Years opened (not drafts) by a unit containing `cellPath`, newest first. */
export async function listYearsForPath(db: Db, cellPath: string) {
	return db
		.selectFrom('review_years as y')
		.innerJoin('org_units as u', 'u.id', 'y.unit_id')
		.select([...YEAR_COLUMNS, 'u.path as unit_path'])
		.where('y.status', '<>', 'draft')
		.where(sql<boolean>`${cellPath} like u.path || '%'`)
		.orderBy('y.year', 'desc')
		.execute();
}

export type ReviewYear = Awaited<ReturnType<typeof listYearsForPath>>[number];

/** A year's columns that come back unchanged through JSON (its dates are 'YYYY-MM-DD' text). */
export const YEAR_PHASE_COLUMNS = [
	'y.id',
	'y.unit_id',
	'y.year',
	'y.status',
	'y.commitment_opens_on',
	'y.commitment_closes_on',
	'y.registration_opens_on',
	'y.registration_closes_on',
	'y.self_review_opens_on',
	'y.self_review_closes_on',
	'y.cell_review_opens_on',
	'y.cell_review_closes_on',
	'y.decision_deadline',
	'y.rule_set',
	'y.reporting_period',
	'y.report_due_days'
] as const;

/**
 * A unit (UNIT_COLUMNS, for the guard to clear), the units on its path (root first) and the years
 * they opened (not drafts, newest first), in one round trip: what a unit's follow-up page shows
 * around its figures. Undefined when there is no such unit.
 */
export async function findUnitWithYears(db: Db, unitId: number) {
	if (!Number.isSafeInteger(unitId)) return undefined;
	// A unit contains another exactly when its id is on the other's path ('/1/2/72/').
	const onPath = sql<number[]>`string_to_array(trim(both '/' from u.path), '/')::int[]`;
	return db
		.selectFrom('org_units as u')
		.select(UNIT_COLUMNS.map((c) => `u.${c}` as const))
		.select((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('org_units as a')
					.select(['a.id', 'a.name', 'a.kind', 'a.depth', 'a.path'])
					.where(sql<boolean>`a.id = any(${onPath})`)
					.orderBy('a.depth')
			).as('ancestors'),
			jsonArrayFrom(
				eb
					.selectFrom('review_years as y')
					.select(YEAR_PHASE_COLUMNS)
					.where(sql<boolean>`y.unit_id = any(${onPath})`)
					.where('y.status', '<>', 'draft')
					.orderBy('y.year', 'desc')
			).as('years')
		])
		.where('u.id', '=', unitId)
		.executeTakeFirst();
}

/** The year `year` that applies to a cell at `cellPath`, if one was opened. */
export async function findYearForPath(
	db: Db,
	cellPath: string,
	year: number
): Promise<ReviewYear | undefined> {
	return (await listYearsForPath(db, cellPath)).find((y) => y.year === year);
}

export async function findYearById(db: Db, id: number) {
	return db
		.selectFrom('review_years as y')
		.innerJoin('org_units as u', 'u.id', 'y.unit_id')
		.select([...YEAR_COLUMNS, 'u.path as unit_path'])
		.where('y.id', '=', id)
		.executeTakeFirst();
}

/** Every year (drafts included) opened by the given units, newest first, with the unit's name. */
export async function listYearsForUnits(db: Db, unitIds: number[]) {
	if (unitIds.length === 0) return [];
	return db
		.selectFrom('review_years as y')
		.innerJoin('org_units as u', 'u.id', 'y.unit_id')
		.select([...YEAR_COLUMNS, 'u.path as unit_path', 'u.name as unit_name'])
		.where('y.unit_id', 'in', unitIds)
		.orderBy('y.year', 'desc')
		.orderBy('u.name')
		.execute();
}

/** The catalog versions a year quotes. */
export function pinnedIds(y: {
	manifestations_version_id: number;
	prohibitions_version_id: number;
	standards_version_id: number;
}): number[] {
	return [y.manifestations_version_id, y.prohibitions_version_id, y.standards_version_id];
}

/**
 * SQL: the path of the member's current cell, found once through the current-membership key. A
 * join to it instead lets a generic plan walk every unit's memberships (the home page's years).
 */
export function memberCellPath(memberId: number) {
	return sql<string>`(select c.path from memberships ms join org_units c on c.id = ms.unit_id
		where ms.member_id = ${memberId} and ms.ended_on is null)`;
}

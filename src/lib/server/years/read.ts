// Review years as the rest of the app reads them: which year applies to a cell (the year opened by
// a unit above it), and the one open for commitments today.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Db } from '../db/connect';

export const YEAR_COLUMNS = [
	'y.id',
	'y.unit_id',
	'y.year',
	'y.place',
	'y.status',
	'y.commitment_opens_on',
	'y.commitment_closes_on',
	'y.registration_opens_on',
	'y.registration_closes_on',
	'y.reporting_period',
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

/**
 * listYearsForPath for the cell of the member's open membership, found by the same query (none
 * without one): the home page's years in one round trip instead of two in a row.
 */
export async function listYearsForMember(db: Db, memberId: number): Promise<ReviewYear[]> {
	return db
		.selectFrom('review_years as y')
		.innerJoin('org_units as u', 'u.id', 'y.unit_id')
		.innerJoin('memberships as ms', (j) =>
			j.on('ms.member_id', '=', memberId).on('ms.ended_on', 'is', null)
		)
		.innerJoin('org_units as cell', 'cell.id', 'ms.unit_id')
		.select([...YEAR_COLUMNS, 'u.path as unit_path'])
		.where('y.status', '<>', 'draft')
		.where(sql<boolean>`cell.path like u.path || '%'`)
		.orderBy('y.year', 'desc')
		.execute();
}

/** A year's columns that come back unchanged through JSON (its dates are 'YYYY-MM-DD' text). */
const YEAR_PHASE_COLUMNS = [
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
	'y.cell_review_closes_on'
] as const;

/**
 * The units on `path` (root first) and the years they opened (not drafts, newest first) in one
 * round trip, for a unit's page that shows both: what unitAncestors and listYearsForPath read, as
 * a unit contains `path` exactly when its id is on it.
 */
export async function listAncestorsAndYears(db: Db, path: string) {
	const ids = path.split('/').filter(Boolean).map(Number);
	if (ids.length === 0) return { ancestors: [], years: [] };
	return db
		.selectNoFrom((eb) => [
			jsonArrayFrom(
				eb
					.selectFrom('org_units')
					.select(['id', 'name', 'kind', 'depth', 'path'])
					.where('id', 'in', ids)
					.orderBy('depth')
			).as('ancestors'),
			jsonArrayFrom(
				eb
					.selectFrom('review_years as y')
					.select(YEAR_PHASE_COLUMNS)
					.where('y.unit_id', 'in', ids)
					.where('y.status', '<>', 'draft')
					.orderBy('y.year', 'desc')
			).as('years')
		])
		.executeTakeFirstOrThrow();
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

// Catalog versions as the editor shows them: counts, frozen or not, and the review years pinning
// each. Catalogs are shared by every bloc, so this lists all years, not only the actor's.
import type { YearStatus } from '$lib/domain/years/status';
import { sql } from 'kysely';
import type { CatalogName } from '$lib/domain/commitment/snapshot';
import type { Db } from '../db/connect';

export interface YearUse {
	id: number;
	year: number;
	status: YearStatus;
	unit_id: number;
	unit_name: string;
}

/** Years pinning any of `versionIds`, keyed by version id. */
async function yearsUsing(db: Db, versionIds: number[]): Promise<Map<number, YearUse[]>> {
	const uses = new Map<number, YearUse[]>();
	if (versionIds.length === 0) return uses;
	const rows = await db
		.selectFrom('review_years as y')
		.innerJoin('org_units as u', 'u.id', 'y.unit_id')
		.select([
			'y.id',
			'y.year',
			'y.status',
			'y.unit_id',
			'u.name as unit_name',
			'y.manifestations_version_id',
			'y.prohibitions_version_id',
			'y.standards_version_id'
		])
		.where((eb) =>
			eb.or([
				eb('y.manifestations_version_id', 'in', versionIds),
				eb('y.prohibitions_version_id', 'in', versionIds),
				eb('y.standards_version_id', 'in', versionIds)
			])
		)
		.orderBy('y.year', 'desc')
		.orderBy('u.name')
		.execute();
	for (const r of rows) {
		const use = {
			id: r.id,
			year: r.year,
			status: r.status,
			unit_id: r.unit_id,
			unit_name: r.unit_name
		};
		for (const v of [
			r.manifestations_version_id,
			r.prohibitions_version_id,
			r.standards_version_id
		])
			uses.set(v, [...(uses.get(v) ?? []), use]);
	}
	return uses;
}

/** Every version of every catalog with item counts and the years that pin it. */
export async function listVersions(db: Db) {
	const versions = await db
		.selectFrom('catalog_versions as v')
		.leftJoin('catalog_items as i', 'i.version_id', 'v.id')
		.select([
			'v.id',
			'v.catalog',
			'v.version',
			'v.title',
			'v.source',
			'v.frozen_at',
			'v.created_at',
			sql<number>`count(i.id)::int`.as('item_count'),
			sql<number>`(count(i.id) filter (where not i.verified))::int`.as('unverified_count')
		])
		.groupBy('v.id')
		.orderBy('v.catalog')
		.orderBy('v.version', 'desc')
		.execute();
	const uses = await yearsUsing(
		db,
		versions.map((v) => v.id)
	);
	return versions.map((v) => ({
		...v,
		item_count: Number(v.item_count),
		unverified_count: Number(v.unverified_count),
		used_by: uses.get(v.id) ?? []
	}));
}

export type VersionSummary = Awaited<ReturnType<typeof listVersions>>[number];

/** The latest version of each catalog: what a new year pins unless told otherwise. */
export async function latestVersionIds(db: Db): Promise<Record<string, number>> {
	const rows = await db
		.selectFrom('catalog_versions')
		.distinctOn('catalog')
		.select(['catalog', 'id'])
		.orderBy('catalog')
		.orderBy('version', 'desc')
		.execute();
	return Object.fromEntries(rows.map((r) => [r.catalog, r.id]));
}

/** One version with its items in order, the catalog's latest version and the years pinning it. */
export async function findVersion(db: Db, id: number) {
	if (!Number.isSafeInteger(id)) return undefined;
	const version = await db
		.selectFrom('catalog_versions as v')
		.select([
			'v.id',
			'v.catalog',
			'v.version',
			'v.title',
			'v.source',
			'v.frozen_at',
			'v.created_at',
			(eb) =>
				eb
					.selectFrom('catalog_versions as l')
					.select(['l.id'])
					.whereRef('l.catalog', '=', 'v.catalog')
					.orderBy('l.version', 'desc')
					.limit(1)
					.as('latest_id')
		])
		.where('v.id', '=', id)
		.executeTakeFirst();
	if (!version) return undefined;
	const [items, uses] = await Promise.all([
		db
			.selectFrom('catalog_items')
			.select(['id', 'code', 'position', 'group_title', 'area', 'text', 'verified', 'wording'])
			.where('version_id', '=', id)
			.orderBy('position')
			.execute(),
		yearsUsing(db, [id])
	]);
	return { ...version, items, used_by: uses.get(id) ?? [] };
}

export type CatalogVersion = NonNullable<Awaited<ReturnType<typeof findVersion>>>;

/** Unverified items in the given catalog versions ("cần đối chiếu văn bản gốc"). */
export async function countUnverified(db: Db, versionIds: number[]): Promise<number> {
	const row = await db
		.selectFrom('catalog_items')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('version_id', 'in', versionIds)
		.where('verified', '=', false)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/**
 * Items of the given versions that are neither official wording, nor a summary, nor a reference
 * (shipped before wordings existed): no year may open on them, since a member would sign them.
 */
export async function unclassifiedItems(
	db: Db,
	versionIds: number[]
): Promise<{ catalog: CatalogName; code: string }[]> {
	return db
		.selectFrom('catalog_items as i')
		.innerJoin('catalog_versions as v', 'v.id', 'i.version_id')
		.select(['v.catalog', 'i.code'])
		.where('i.version_id', 'in', versionIds)
		.where('i.wording', 'is', null)
		.orderBy('v.catalog')
		.orderBy('i.position')
		.execute();
}

// Catalog versions with their items, as commitments quote them.
import type { AreaCode, CatalogInput, CatalogName } from '$lib/domain/commitment/snapshot';
import type { Db } from '../db/connect';

/** The given catalog versions with their items (two queries whatever the number of versions). */
export async function loadCatalogs(db: Db, versionIds: number[]): Promise<CatalogInput[]> {
	if (versionIds.length === 0) return [];
	const [versions, items] = await Promise.all([
		db
			.selectFrom('catalog_versions')
			.select(['id', 'catalog', 'version', 'title', 'source'])
			.where('id', 'in', versionIds)
			.execute(),
		db
			.selectFrom('catalog_items')
			.select(['version_id', 'code', 'position', 'group_title', 'area', 'text', 'wording'])
			.where('version_id', 'in', versionIds)
			.orderBy('version_id')
			.orderBy('position')
			.execute()
	]);
	return versions.map((v) => ({
		catalog: v.catalog as CatalogName,
		version: v.version,
		title: v.title,
		source: v.source,
		items: items
			.filter((i) => i.version_id === v.id)
			.map((i) => ({
				code: i.code,
				position: i.position,
				group_title: i.group_title,
				area: i.area as AreaCode,
				text: i.text,
				wording: i.wording
			}))
	}));
}

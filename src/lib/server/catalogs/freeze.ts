// Catalog versions quoted by a record the members rely on are frozen: the database then refuses
// any change to their items (migration 0005), and the editor copies them into a new version.
import { sql } from 'kysely';
import type { CatalogInput } from '$lib/domain/commitment/snapshot';
import type { Db } from '../db/connect';
import { loadCatalogs } from './read';

/**
 * The texts of the versions, read under a share lock. The catalog editor locks a version to change
 * it, so what is read here is what freeze() then fixes, in the same transaction.
 */
export async function readForQuoting(trx: Db, versionIds: number[]): Promise<CatalogInput[]> {
	await trx
		.selectFrom('catalog_versions')
		.select('id')
		.where('id', 'in', versionIds)
		.forShare()
		.execute();
	return loadCatalogs(trx, versionIds);
}

export async function freeze(trx: Db, versionIds: number[]): Promise<void> {
	await trx
		.updateTable('catalog_versions')
		.set({ frozen_at: sql<Date>`now()` })
		.where('id', 'in', versionIds)
		.where('frozen_at', 'is', null)
		.execute();
}

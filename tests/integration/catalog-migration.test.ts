// Migration 0014 on a database where signed commitments had already frozen the shipped catalogs:
// the frozen versions keep every word members signed, and the corrections land in new versions
// that a year can pin; the placeholders left in the old version cannot open a year.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unclassifiedItems } from '$lib/server/catalogs/versions';
import { migrateToLatest } from '$lib/server/db/migrate';
import { createTestDb, type TestDb } from './helpers/db';

let t: TestDb;
beforeAll(async () => {
	t = await createTestDb({ upTo: '0012_commitment_seals' });
});
afterAll(async () => t?.close());

async function itemsOf(catalog: string, version: number) {
	return t.db
		.selectFrom('catalog_items as i')
		.innerJoin('catalog_versions as v', 'v.id', 'i.version_id')
		.select(['v.id as version_id', 'i.code', 'i.text', 'i.wording', 'i.verified'])
		.where('v.catalog', '=', catalog as 'prohibitions')
		.where('v.version', '=', version)
		.orderBy('i.position')
		.execute();
}

describe('migration 0014 over frozen catalogs', () => {
	it('corrects them in new versions and leaves the signed words as they were', async () => {
		await sql`update catalog_versions set frozen_at = now()`.execute(t.db);
		// Before 0014 there is no wording column: the texts alone.
		const before = await t.db
			.selectFrom('catalog_items as i')
			.innerJoin('catalog_versions as v', 'v.id', 'i.version_id')
			.select('i.text')
			.where('v.catalog', '=', 'prohibitions')
			.orderBy('i.position')
			.execute();
		await migrateToLatest(t.db);

		const v1 = await itemsOf('prohibitions', 1);
		expect(v1.map((i) => i.text)).toEqual(before.map((i) => i.text));
		const placeholders = v1.filter((i) => i.wording === null).map((i) => i.code);
		expect(placeholders).toEqual([
			'5',
			'6',
			'7',
			'8',
			'10',
			'11',
			'12',
			'13',
			'15',
			'16',
			'17',
			'18',
			'19'
		]);
		expect((await unclassifiedItems(t.db, [v1[0].version_id])).map((i) => i.code)).toEqual(
			placeholders
		);

		const v2 = await itemsOf('prohibitions', 2);
		expect(v2).toHaveLength(19);
		expect(await unclassifiedItems(t.db, [v2[0].version_id])).toEqual([]);
		expect(v2.find((i) => i.code === '10')).toMatchObject({ wording: 'reference', text: null });
		expect(v2.find((i) => i.code === '19')?.text).toMatch(/^Mê tín, hoạt động mê tín/);

		expect((await itemsOf('manifestations', 1)).find((i) => i.code === '1.5')?.text).toMatch(
			/lấy lòng nhau\.$/
		);
		const m2 = await itemsOf('manifestations', 2);
		expect(m2.find((i) => i.code === '1.5')?.text).toMatch(/lấy lòng nhau …$/);
		expect(m2.find((i) => i.code === '1.1')).toMatchObject({ wording: 'official', verified: true });
		// Nothing to correct in the standards: no new version.
		expect(await itemsOf('standards', 2)).toEqual([]);
	});
});

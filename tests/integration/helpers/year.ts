// An open review year for the test tree's bloc, with windows around today (Vietnam time).
import { todayInVietnam } from '$lib/domain/dates';
import type { Db } from '$lib/server/db/connect';

function shift(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

export async function openYear(
	db: Db,
	blocId: number,
	opts: { year?: number; commitmentFrom?: number; commitmentTo?: number } = {}
): Promise<{ id: number; year: number }> {
	const today = todayInVietnam();
	const versions = await db
		.selectFrom('catalog_versions')
		.select(['id', 'catalog'])
		.where('version', '=', 1)
		.execute();
	const v = (c: string) => versions.find((x) => x.catalog === c)!.id;
	const year = opts.year ?? 2027;
	const row = await db
		.insertInto('review_years')
		.values({
			unit_id: blocId,
			year,
			place: 'Hà Tĩnh',
			status: 'open',
			commitment_opens_on: shift(today, opts.commitmentFrom ?? -10),
			commitment_closes_on: shift(today, opts.commitmentTo ?? 30),
			registration_opens_on: shift(today, -5),
			registration_closes_on: shift(today, 60),
			self_review_opens_on: shift(today, 200),
			self_review_closes_on: shift(today, 230),
			cell_review_opens_on: shift(today, 220),
			cell_review_closes_on: shift(today, 240),
			decision_deadline: shift(today, 260),
			manifestations_version_id: v('manifestations'),
			prohibitions_version_id: v('prohibitions'),
			standards_version_id: v('standards')
		})
		.returning(['id', 'year'])
		.executeTakeFirstOrThrow();
	return row;
}

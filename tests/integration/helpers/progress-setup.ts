// Commitments in the small test tree (helpers/tree.ts), made through the same server functions the
// pages use: an open review year around today, passwords for signing, sign / draft / amend / review.
import { todayInVietnam } from '$lib/domain/dates';
import type { AreaCode } from '$lib/domain/commitment/snapshot';
import { hashPassword } from '$lib/server/auth/password';
import { amend, openOwn, previewOf, saveDraft, sign } from '$lib/server/commitments/member';
import { review } from '$lib/server/commitments/review';
import type { Db } from '$lib/server/db/connect';
import { ctxFor } from './tree';

export const PASSWORD = 'mật khẩu thử nghiệm dài';

const addDays = (iso: string, n: number) =>
	new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** An open year for `unitId` with the commitment window around today and catalog version 1. */
export async function openYear(db: Db, unitId: number): Promise<{ id: number; year: number }> {
	const today = todayInVietnam();
	const year = Number(today.slice(0, 4));
	const versions = await db
		.selectFrom('catalog_versions')
		.select(['id', 'catalog'])
		.where('version', '=', 1)
		.execute();
	const v = (c: string) => versions.find((x) => x.catalog === c)!.id;
	const row = await db
		.insertInto('review_years')
		.values({
			unit_id: unitId,
			year,
			place: 'Hà Tĩnh',
			status: 'open',
			opened_at: new Date(),
			commitment_opens_on: addDays(today, -10),
			commitment_closes_on: addDays(today, 30),
			registration_opens_on: addDays(today, -10),
			registration_closes_on: addDays(today, 60),
			self_review_opens_on: addDays(today, 90),
			self_review_closes_on: addDays(today, 120),
			cell_review_opens_on: addDays(today, 100),
			cell_review_closes_on: addDays(today, 130),
			decision_deadline: addDays(today, 160),
			manifestations_version_id: v('manifestations'),
			prohibitions_version_id: v('prohibitions'),
			standards_version_id: v('standards')
		})
		.returning(['id', 'year'])
		.executeTakeFirstOrThrow();
	return row;
}

export async function setPasswords(db: Db): Promise<void> {
	await db
		.updateTable('accounts')
		.set({ password_hash: await hashPassword(PASSWORD), must_change_password: false })
		.execute();
}

const personal = (text: string): Record<AreaCode, string[]> => ({
	political: [],
	ethics: [],
	discipline: [],
	duties: [text]
});

async function own(db: Db, accountId: number, year: number) {
	const ctx = await ctxFor(db, accountId);
	const c = await openOwn(ctx, year);
	if (!c) throw new Error(`no commitment for account ${accountId}`);
	return { ctx, c };
}

export async function signAs(
	db: Db,
	accountId: number,
	year: number,
	text = 'Hoàn thành nhiệm vụ.'
) {
	const { ctx, c } = await own(db, accountId, year);
	const r = await sign(ctx, c, {
		personal: personal(text),
		typedName: c.composition.member.full_name,
		password: PASSWORD,
		preview: previewOf(c),
		ip: '127.0.0.1',
		userAgent: 'vitest'
	});
	if (!r.ok) throw new Error(`signing refused: ${r.problem.code}`);
	return r.value.id;
}

export async function draftAs(db: Db, accountId: number, year: number): Promise<void> {
	const { ctx, c } = await own(db, accountId, year);
	const r = await saveDraft(ctx, c, personal('Bản nháp.'));
	if (!r.ok) throw new Error(`draft refused: ${r.problem.code}`);
}

export async function amendAs(db: Db, accountId: number, year: number): Promise<void> {
	const { ctx, c } = await own(db, accountId, year);
	const r = await amend(ctx, c);
	if (!r.ok) throw new Error(`amendment refused: ${r.problem.code}`);
}

export async function reviewAs(
	db: Db,
	accountId: number,
	commitmentId: number,
	decision: 'confirmed' | 'returned',
	comment = ''
): Promise<void> {
	const r = await review(await ctxFor(db, accountId), commitmentId, decision, comment);
	if (!r.ok) throw new Error(`review refused: ${r.problem.code}`);
}

// The demo's review year and its commitments: a year open for signing around the demo's today (the
// day it is seeded, so a demo started any day can be signed), about half the members signed, many
// of those confirmed by their cell, a few returned, a few drafts. Snapshots are built exactly as
// signing builds them.
import { sql } from 'kysely';
import { snapshotHash, verificationCode } from '$lib/domain/commitment/canonical';
import {
	isReviewerPost,
	onBehalfOf,
	REVIEWER_POSTS,
	type OnBehalfOf,
	type ReviewerPost
} from '$lib/domain/commitment/document';
import { AREA_ORDER, buildSnapshot, type AreaCode } from '$lib/domain/commitment/snapshot';
import { loadCatalogs } from '../catalogs/read';
import { cellHasCommittee } from '../commitments/review';
import { sealFor } from '../commitments/seal';
import type { Db } from '../db/connect';
import { addDays } from './calendar';
import type { Rng } from './rng';

export const DEMO_PLACE = 'Lâm Đồng';

const PERSONAL: Record<AreaCode, string[]> = {
	political: [
		'Mỗi quý viết một bài thu hoạch về chuyên đề học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.',
		'Tham gia đầy đủ các buổi học tập, quán triệt nghị quyết của Đảng.',
		'Không đăng tải, chia sẻ thông tin chưa được kiểm chứng trên mạng xã hội.'
	],
	ethics: [
		'Tiết kiệm điện, nước, văn phòng phẩm tại cơ quan.',
		'Giữ gìn đoàn kết nội bộ, tôn trọng đồng nghiệp và nhân dân.',
		'Không sử dụng xe công vào việc riêng.'
	],
	discipline: [
		'Sinh hoạt chi bộ đầy đủ, đúng giờ; đóng đảng phí đúng quy định.',
		'Chấp hành nghiêm giờ giấc làm việc và nội quy cơ quan.'
	],
	duties: [
		'Giải quyết 100% hồ sơ, công việc được giao đúng hạn.',
		'Hoàn thành 100% chỉ tiêu, nhiệm vụ chuyên môn năm.',
		'Tham gia ít nhất một lớp bồi dưỡng nâng cao trình độ chuyên môn.'
	]
};

const RETURN_COMMENT =
	'Đề nghị đồng chí bổ sung nội dung cam kết cụ thể về thực hiện nhiệm vụ chuyên môn được giao.';

export type DemoYearWindows = ReturnType<typeof demoYearWindows>;

/** The demo year: the coming year once autumn starts, with windows around `today`. */
export function demoYearWindows(today: string) {
	const year = +today.slice(0, 4) + (+today.slice(5, 7) >= 10 ? 1 : 0);
	return {
		year,
		commitment_opens_on: addDays(today, -14),
		commitment_closes_on: addDays(today, 60),
		registration_opens_on: addDays(today, -7),
		registration_closes_on: addDays(today, 90),
		self_review_opens_on: `${year}-11-01`,
		self_review_closes_on: `${year}-12-10`,
		cell_review_opens_on: `${year}-12-01`,
		cell_review_closes_on: `${year}-12-20`,
		decision_deadline: `${year + 1}-01-15`
	};
}

/**
 * The running year, seeded beside the coming one from autumn on: signed and registered in
 * January, reported quarter by quarter, now in its year-end review.
 */
export function runningYearWindows(year: number): DemoYearWindows {
	return {
		year,
		commitment_opens_on: `${year}-01-05`,
		commitment_closes_on: `${year}-01-31`,
		registration_opens_on: `${year}-01-05`,
		registration_closes_on: `${year}-02-28`,
		self_review_opens_on: `${year}-11-01`,
		self_review_closes_on: `${year}-12-10`,
		cell_review_opens_on: `${year}-12-01`,
		cell_review_closes_on: `${year}-12-20`,
		decision_deadline: `${year + 1}-01-15`
	};
}

/** The running year's signing, long over: nearly everyone signed and was confirmed. */
export function signedInJanuary(year: number): SigningProfile {
	return {
		windows: runningYearWindows(year),
		signed: 0.97,
		drafts: 0,
		signedOn: (rng) => `${year}-01-${String(rng.int(6, 30)).padStart(2, '0')}`,
		confirmed: 97,
		returned: 0,
		reviewedOn: `${year}-02-05`
	};
}

/** How a demo year's members signed: when, how many, and how their cells decided. */
export interface SigningProfile {
	windows: DemoYearWindows;
	/** The share of members who signed, and of the others the share with a draft. */
	signed: number;
	drafts: number;
	/** The day a member signed. */
	signedOn: (rng: Rng) => string;
	/** Percent of the signed commitments their cell confirmed, and returned; the rest wait. */
	confirmed: number;
	returned: number;
	/** The day the cells decided; unset, the day of seeding. */
	reviewedOn?: string;
}

/** The coming year, in its signing season around `today`: about half signed so far. */
export function signingSeason(today: string): SigningProfile {
	return {
		windows: demoYearWindows(today),
		signed: 0.56,
		drafts: 0.08,
		signedOn: (rng) => addDays(today, -rng.int(1, 13)),
		confirmed: 55,
		returned: 5
	};
}

export async function seedCommitments(
	trx: Db,
	rng: Rng,
	opts: {
		blocId: number;
		today: string;
		/** Members left to sign (the demo member signs during a demo). */
		keepUnsigned: Set<number>;
		/** A cell whose signed commitments all wait for the secretary's decision. */
		pendingCell: number | null;
		/** The coming year's signing season unless told otherwise. */
		profile?: SigningProfile;
	}
): Promise<{ signed: number; yearId: number; year: number }> {
	const profile = opts.profile ?? signingSeason(opts.today);
	const versions = await trx
		.selectFrom('catalog_versions')
		.select(['id', 'catalog'])
		.where('version', '=', 1)
		.execute();
	const versionOf = (c: string) => versions.find((v) => v.catalog === c)!.id;
	const { windows } = profile;
	// Opened, and its catalogs frozen, the morning its signing window opened.
	const openedAt = new Date(`${windows.commitment_opens_on}T08:00:00+07:00`);
	const year = await trx
		.insertInto('review_years')
		.values({
			unit_id: opts.blocId,
			place: DEMO_PLACE,
			status: 'open',
			opened_at: openedAt,
			...windows,
			manifestations_version_id: versionOf('manifestations'),
			prohibitions_version_id: versionOf('prohibitions'),
			standards_version_id: versionOf('standards')
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	const catalogs = await loadCatalogs(
		trx,
		versions.map((v) => v.id)
	);
	const people = await loadPeople(trx);

	const byMember = new Map(people.map((p) => [p.member_id, p]));
	const signed: { commitment: number; person: Person }[] = [];
	const rows = [];
	const drafts = [];
	for (const p of people) {
		if (opts.keepUnsigned.has(p.member_id) || !rng.chance(profile.signed)) {
			if (!opts.keepUnsigned.has(p.member_id) && rng.chance(profile.drafts)) drafts.push(p);
			continue;
		}
		const personal = personalFor(rng);
		const date = profile.signedOn(rng);
		const signedAt = new Date(
			`${date}T${String(rng.int(7, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:00+07:00`
		);
		const snapshot = buildSnapshot({
			year: windows.year,
			version: 1,
			header: {
				bloc: p.bloc,
				grassroots: p.grassroots,
				cell: p.cell,
				place: DEMO_PLACE,
				date
			},
			member: {
				full_name: p.full_name,
				card_no: p.card_no,
				birth_date: p.birth_date,
				gender: p.gender === 'male' || p.gender === 'female' ? p.gender : null,
				joined_on: p.joined_on,
				full_member_on: p.full_member_on,
				party_position: p.party_position,
				government_position: p.government_position,
				workplace: p.workplace
			},
			catalogs,
			personal,
			typed_name: p.full_name
		});
		const hash = snapshotHash(snapshot);
		const sealed = {
			member_id: p.member_id,
			year_id: year.id,
			unit_id: p.cell_id,
			version: 1,
			supersedes_id: null,
			snapshot_sha256: hash,
			verification_code: verificationCode(hash),
			signer_account_id: p.account_id,
			signed_at: signedAt
		};
		rows.push({ ...sealed, ...sealFor(sealed), snapshot: JSON.stringify(snapshot) });
	}
	for (let i = 0; i < rows.length; i += 100) {
		const ids = await trx
			.insertInto('commitments')
			.values(rows.slice(i, i + 100))
			.returning(['id', 'member_id'])
			.execute();
		for (const r of ids) signed.push({ commitment: r.id, person: byMember.get(r.member_id)! });
	}
	await insertReviews(
		trx,
		rng,
		signed.filter((s) => s.person.cell_id !== opts.pendingCell),
		profile
	);
	if (drafts.length)
		await trx
			.insertInto('commitment_drafts')
			.values(
				drafts.map((p) => ({
					member_id: p.member_id,
					year_id: year.id,
					personal_items: JSON.stringify(personalFor(rng))
				}))
			)
			.execute();
	// A second demo year pins the same versions, frozen already (a frozen version keeps its date).
	await trx
		.updateTable('catalog_versions')
		.set({ frozen_at: openedAt })
		.where(
			'id',
			'in',
			versions.map((v) => v.id)
		)
		.where('frozen_at', 'is', null)
		.execute();
	return { signed: rows.length, yearId: year.id, year: windows.year };
}

function personalFor(rng: Rng): Record<AreaCode, string[]> {
	const out = {} as Record<AreaCode, string[]>;
	for (const area of AREA_ORDER) out[area] = rng.shuffle(PERSONAL[area]).slice(0, rng.int(0, 2));
	return out;
}

/** Most cells have confirmed part of their members' commitments; a few were returned. */
async function insertReviews(
	trx: Db,
	rng: Rng,
	signed: { commitment: number; person: Person }[],
	{ confirmed, returned, reviewedOn }: SigningProfile
): Promise<void> {
	const reviewedAt = reviewedOn ? { reviewed_at: new Date(`${reviewedOn}T10:00:00+07:00`) } : {};
	const posts = await reviewerPosts(trx);
	const reviews = [];
	for (const s of signed) {
		if (s.person.reviewer_account_id === null) continue;
		const roll = rng.int(1, 100);
		if (roll <= confirmed || roll > 100 - returned)
			reviews.push({
				commitment_id: s.commitment,
				decision: roll <= confirmed ? ('confirmed' as const) : ('returned' as const),
				comment: roll <= confirmed ? null : RETURN_COMMENT,
				reviewer_account_id: s.person.reviewer_account_id,
				...reviewedAt,
				...(roll <= confirmed ? confirmedAs(s.person, posts) : {})
			});
	}
	for (let i = 0; i < reviews.length; i += 500)
		await trx
			.insertInto('commitment_reviews')
			.values(reviews.slice(i, i + 500))
			.execute();
}

export type Person = Awaited<ReturnType<typeof loadPeople>>[number];

/** Each reviewer's posts by unit: the post a confirmation names (review.ts's confirmedAs). */
async function reviewerPosts(
	trx: Db
): Promise<Map<number, { unitId: number; post: ReviewerPost }[]>> {
	const rows = await trx
		.selectFrom('role_assignments')
		.select(['account_id', 'unit_id', 'role'])
		.where('ended_on', 'is', null)
		.where('role', 'in', [...REVIEWER_POSTS])
		.execute();
	const out = new Map<number, { unitId: number; post: ReviewerPost }[]>();
	for (const r of rows)
		if (r.unit_id !== null && isReviewerPost(r.role))
			out.set(r.account_id, [
				...(out.get(r.account_id) ?? []),
				{ unitId: r.unit_id, post: r.role }
			]);
	return out;
}

/** A reviewer's post in the member's cell, else on the committee above it. */
function confirmedAs(
	person: Person,
	posts: Map<number, { unitId: number; post: ReviewerPost }[]>
): { reviewer_post: ReviewerPost; on_behalf_of: OnBehalfOf } | Record<string, never> {
	const held = posts.get(person.reviewer_account_id ?? 0) ?? [];
	const post = (
		held.find((p) => p.unitId === person.cell_id) ??
		held.find(
			(p) => p.post === 'grassroots_committee_member' || p.post === 'bloc_standing_committee'
		)
	)?.post;
	return post
		? { reviewer_post: post, on_behalf_of: onBehalfOf(post, person.cell_has_committee) }
		: {};
}

/** Every member with an account and a cell, with the names the document header needs. */
export async function loadPeople(trx: Db) {
	return trx
		.selectFrom('members as m')
		.innerJoin('accounts as a', 'a.member_id', 'm.id')
		.innerJoin('memberships as ms', (j) =>
			j.onRef('ms.member_id', '=', 'm.id').on('ms.ended_on', 'is', null)
		)
		.innerJoin('org_units as c', 'c.id', 'ms.unit_id')
		.innerJoin('org_units as p', 'p.id', 'c.parent_id')
		.select([
			'm.id as member_id',
			'm.full_name',
			'm.card_no',
			'm.birth_date',
			'm.gender',
			'm.joined_on',
			'm.full_member_on',
			'm.party_position',
			'm.government_position',
			'm.workplace',
			'a.id as account_id',
			'c.id as cell_id',
			'c.name as cell',
			sql<string>`case when p.kind = 'bloc' then p.name
				else (select b.name from org_units b where b.id = p.parent_id) end`.as('bloc'),
			sql<string | null>`case when p.kind = 'grassroots_committee' then p.name end`.as(
				'grassroots'
			),
			// Who reviews, by the app's rule (access/policy.ts): the secretary, or for a reviewer's
			// own commitment the cell's other reviewer, else the committee above the cell (the
			// grassroots committee; for a grassroots cell, the bloc's standing committee).
			sql<number | null>`coalesce(
				(select r.account_id from role_assignments r
					where r.unit_id = c.id and r.role in ('cell_secretary', 'cell_deputy_secretary')
						and r.ended_on is null and r.account_id <> a.id
					order by r.role = 'cell_secretary' desc, r.id limit 1),
				(select r.account_id from role_assignments r
					where r.unit_id = p.id and r.ended_on is null and r.account_id <> a.id
						and r.role = case when p.kind = 'bloc' then 'bloc_standing_committee'
							else 'grassroots_committee_member' end
						and exists (select 1 from role_assignments own where own.unit_id = c.id
							and own.account_id = a.id and own.ended_on is null
							and own.role in ('cell_secretary', 'cell_deputy_secretary'))
					order by r.id limit 1))`.as('reviewer_account_id'),
			cellHasCommittee(sql.ref('c.id')).as('cell_has_committee')
		])
		.orderBy('m.id')
		.execute();
}

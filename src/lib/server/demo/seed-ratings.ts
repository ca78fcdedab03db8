// The running year's ratings once the cells' review has opened: about half the cells have held
// their year-end meeting and recorded a proposal for each member with a self-review; one
// grassroots organization (not the demo member's, which the journeys use) has decided every
// member's level within the rules and the quota, and approved them, so its members see a result.
import { sql } from 'kysely';
import {
	checkApproval,
	isAbove,
	standingOf,
	tallyOf,
	type BoardMember
} from '$lib/domain/rating/decision';
import type { Evaluation } from '$lib/domain/rating/engine';
import type { RatingLevel } from '$lib/domain/rating/levels';
import { quotaLimit } from '$lib/domain/rating/quota';
import { ruleSetById } from '$lib/domain/rating/rule-sets';
import type { RuleSet as RuleSetId } from '$lib/domain/years/settings';
import type { Db } from '../db/connect';
import type { Rng } from './rng';

const COMMENTS = [
	'Giữ vững phẩm chất chính trị, đạo đức; hoàn thành tốt nhiệm vụ được giao. Cần chủ động hơn trong công tác tham mưu.',
	'Có tinh thần trách nhiệm, đoàn kết với đồng chí, đồng nghiệp. Cần tiếp tục nâng cao trình độ chuyên môn.',
	'Thực hiện nghiêm cam kết tu dưỡng, rèn luyện; tích cực tham gia sinh hoạt chi bộ. Có lúc còn chậm tiến độ công việc.'
];

interface MemberRow {
	member_id: number;
	cell_id: number;
	org_id: number;
	cell_size: number;
	proposer: number | null;
	decider: number | null;
	evaluation: Evaluation | null;
	self_level: RatingLevel | null;
	demo_org: boolean;
	account_id: number | null;
}

export async function seedRatings(
	trx: Db,
	rng: Rng,
	opts: { yearId: number; today: string; demoMember: number | null }
): Promise<number> {
	const y = await trx
		.selectFrom('review_years')
		.select(['cell_review_opens_on', 'rule_set'])
		.where('id', '=', opts.yearId)
		.executeTakeFirstOrThrow();
	if (opts.today < y.cell_review_opens_on) return 0;
	// Each current member with their cell, its grassroots organization, who records and who
	// decides there, and their latest self-review.
	const { rows } = await sql<MemberRow>`
		select ms.member_id, c.id as cell_id, o.id as org_id,
			count(*) over (partition by c.id)::int as cell_size,
			(select s.account_id from role_assignments s where s.unit_id = c.id
				and s.role = 'cell_secretary' and s.ended_on is null order by s.id limit 1) as proposer,
			(select d.account_id from role_assignments d where d.ended_on is null and d.unit_id = o.id
				and d.role = case when o.kind = 'grassroots_cell' then 'cell_secretary'
					else 'grassroots_committee_member' end order by d.id limit 1) as decider,
			sr.evaluation, sr.proposed_level as self_level,
			exists (select 1 from memberships dm join org_units du on du.id = dm.unit_id
				where dm.member_id = ${opts.demoMember} and dm.ended_on is null
				and du.path like o.path || '%') as demo_org,
			(select a.id from accounts a where a.member_id = ms.member_id and a.disabled_at is null) as account_id
		from memberships ms
		join org_units c on c.id = ms.unit_id
		join org_units o on o.kind in ('grassroots_committee', 'grassroots_cell') and c.path like o.path || '%'
		left join lateral (select s.evaluation, s.proposed_level from self_reviews s
			where s.member_id = ms.member_id and s.year_id = ${opts.yearId}
			order by s.version desc limit 1) sr on true
		where ms.ended_on is null
		order by o.id, c.id, ms.member_id`.execute(trx);

	const cells = [...new Set(rows.filter((r) => !r.demo_org).map((r) => r.cell_id))];
	const meeting = new Set(cells.filter(() => rng.chance(0.5)));
	const approvedOrg = rows.find(
		(r) => !r.demo_org && r.decider !== null && meeting.has(r.cell_id)
	)?.org_id;
	const proposals = [];
	for (const r of rows) {
		const standing = standingOf(r.evaluation);
		if (!meeting.has(r.cell_id) || !r.proposer || !r.self_level || standing.kind !== 'rated')
			continue;
		const level =
			standing.ceiling && isAbove(r.self_level, standing.ceiling) ? standing.ceiling : r.self_level;
		const present = Math.max(1, r.cell_size - rng.int(0, 2));
		proposals.push({
			member_id: r.member_id,
			year_id: opts.yearId,
			unit_id: r.cell_id,
			version: 1,
			level,
			comment: rng.pick(COMMENTS),
			votes_agree: present - (rng.chance(0.15) ? 1 : 0),
			votes_present: present,
			votes_total: r.cell_size,
			proposed_by_account_id: r.proposer
		});
	}
	for (let i = 0; i < proposals.length; i += 500)
		await trx
			.insertInto('cell_rating_proposals')
			.values(proposals.slice(i, i + 500))
			.execute();
	if (approvedOrg !== undefined) await decideAndApprove(trx, rng, rows, approvedOrg, y, opts);
	return proposals.length;
}

/** Every member of one organization decided within the rules, HTXSNV kept within the quota. */
async function decideAndApprove(
	trx: Db,
	rng: Rng,
	rows: MemberRow[],
	orgId: number,
	y: { rule_set: string },
	opts: { yearId: number }
) {
	const quota = ruleSetById(y.rule_set as RuleSetId).quota;
	const members = rows.filter((r) => r.org_id === orgId);
	const decider = members[0].decider!;
	const decided: (BoardMember & { row: MemberRow })[] = members.map((r) => {
		const standing = standingOf(r.evaluation);
		if (standing.kind === 'not_rated') return { row: r, standing, level: null };
		const wished: RatingLevel = r.self_level ?? (rng.chance(0.9) ? 'good' : 'fulfilled');
		const level = standing.ceiling && isAbove(wished, standing.ceiling) ? standing.ceiling : wished;
		return { row: r, standing, level };
	});
	// The best candidates keep HTXSNV up to the limit; the rest are rated HTTNV.
	const excellent = rng.shuffle(decided.filter((d) => d.level === 'excellent'));
	const good = decided.filter((d) => d.level === 'good').length;
	let kept = excellent.length;
	while (kept > quotaLimit(good + excellent.length - kept, quota.ratio, quota.rounding)) kept -= 1;
	for (const d of excellent.slice(kept)) d.level = 'good';
	const check = checkApproval(
		{ id: String(orgId), name: '', outstanding: false },
		tallyOf(decided),
		quota
	);
	if (!check.ok) return;
	const values = decided
		.filter((d) => d.level !== null)
		.map((d) => ({
			member_id: d.row.member_id,
			year_id: opts.yearId,
			unit_id: orgId,
			version: 1,
			kind: 'decided' as const,
			level: d.level,
			ceiling: d.standing.kind === 'rated' ? d.standing.ceiling : null,
			decided_by_account_id: decider
		}));
	for (let i = 0; i < values.length; i += 500)
		await trx
			.insertInto('rating_decisions')
			.values(values.slice(i, i + 500))
			.execute();
	await trx
		.insertInto('rating_approvals')
		.values({
			unit_id: orgId,
			year_id: opts.yearId,
			quota: JSON.stringify(check.quota),
			approved_by_account_id: decider
		})
		.execute();
	const told = members.filter((r) => r.account_id !== null);
	if (told.length > 0)
		await trx
			.insertInto('notifications')
			.values(
				told.map((r) => ({
					account_id: r.account_id!,
					kind: 'rating.published' as const,
					payload: JSON.stringify({ year_id: opts.yearId })
				}))
			)
			.execute();
}

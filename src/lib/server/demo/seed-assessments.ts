// The running year's year-end review in progress: a few members with facts the rules weigh (a
// discipline, sick or maternity leave, recorded by the organization department), and, once the
// self-review window has opened, about half the members' self-reviews on the year's rule set with
// the engine's evaluation, as the app stores them. The demo member's cell is left as it is (the
// journeys write its facts and self-reviews).
import { sql } from 'kysely';
import {
	taskCounts,
	type AnnexLine,
	type SelfReviewContent,
	type TaskResult
} from '$lib/domain/assessment/self-review';
import { evaluateMember, type Discipline } from '$lib/domain/rating/engine';
import { RATING_LEVELS } from '$lib/domain/rating/levels';
import type { PointsRuleSet } from '$lib/domain/rating/rule-set';
import { ruleSetById } from '$lib/domain/rating/rule-sets';
import type { RegistrationContent } from '$lib/domain/registration/content';
import type { RuleSet as RuleSetId } from '$lib/domain/years/settings';
import type { Db } from '../db/connect';
import { addDays } from './calendar';
import type { Rng } from './rng';

const STRENGTHS = [
	'Chấp hành nghiêm chủ trương, đường lối của Đảng; hoàn thành đúng hạn các nhiệm vụ được giao.',
	'Có tinh thần trách nhiệm, chủ động đề xuất cải tiến quy trình; giữ gìn đoàn kết nội bộ.'
];
const SHORTCOMINGS = [
	'Có lúc còn chậm cập nhật số liệu; việc tự học tập chưa thường xuyên.',
	'Chưa mạnh dạn phê bình đồng chí, đồng nghiệp khi có biểu hiện chưa đúng.'
];
const REMEDIES = [
	'Lập kế hoạch công việc hằng tuần; dành thời gian tự học mỗi tối thứ Tư.',
	'Thẳng thắn góp ý trong sinh hoạt chi bộ; tự rà soát việc thực hiện cam kết hằng quý.'
];

interface Person {
	member_id: number;
	account_id: number;
	joined_on: string | null;
	content: RegistrationContent | null;
}

export async function seedAssessments(
	trx: Db,
	rng: Rng,
	opts: { yearId: number; year: number; today: string; demoMember: number | null }
): Promise<number> {
	const y = await trx
		.selectFrom('review_years')
		.select(['rule_set', 'self_review_opens_on', 'self_review_closes_on'])
		.where('id', '=', opts.yearId)
		.executeTakeFirstOrThrow();
	const recorder = await trx
		.selectFrom('role_assignments')
		.select('account_id')
		.where('role', '=', 'organization_department')
		.where('ended_on', 'is', null)
		.orderBy('id')
		.executeTakeFirst();
	const { rows: people } = await sql<Person>`
		select a.member_id, a.id as account_id, m.joined_on, l.content
		from accounts a join members m on m.id = a.member_id
		join memberships ms on ms.member_id = m.id and ms.ended_on is null
		left join lateral (select g.content from registrations g
			join registration_reviews r on r.registration_id = g.id and r.decision = 'approved'
			where g.member_id = m.id and g.year_id = ${opts.yearId}
			order by g.version desc limit 1) l on true
		where a.disabled_at is null and ms.unit_id is distinct from (select dm.unit_id from memberships dm
			where dm.member_id = ${opts.demoMember} and dm.ended_on is null)
		order by m.id`.execute(trx);
	const disciplines = recorder
		? await seedFacts(trx, rng, people, recorder.account_id, opts)
		: new Map();
	if (opts.today < y.self_review_opens_on) return 0;
	const ruleSet = ruleSetById(y.rule_set as RuleSetId);
	if (ruleSet.scale !== 'points') return 0;
	const rows = people
		.filter(() => rng.chance(0.5))
		.map((p) => selfReviewRow(rng, ruleSet, p, disciplines.get(p.member_id) ?? [], opts, y));
	for (let i = 0; i < rows.length; i += 500)
		await trx
			.insertInto('self_reviews')
			.values(rows.slice(i, i + 500))
			.execute();
	return rows.length;
}

/** A few disciplines and leaves among the members; the disciplines by member, for the engine. */
async function seedFacts(
	trx: Db,
	rng: Rng,
	people: Person[],
	recorder: number,
	opts: { year: number }
): Promise<Map<number, Discipline[]>> {
	const picked = rng.shuffle(people).slice(0, 12);
	const byMember = new Map<number, Discipline[]>();
	for (const [i, p] of picked.entries()) {
		if (i < 3) {
			const d: Discipline = {
				form: 'reprimand',
				date: `${opts.year}-0${3 + i}-1${i}`,
				dutyRelated: i !== 1,
				selfFoundAndRemedied: i === 2
			};
			byMember.set(p.member_id, [d]);
			await trx
				.insertInto('member_disciplines')
				.values({
					member_id: p.member_id,
					decided_on: d.date,
					form: d.form,
					duty_related: d.dutyRelated,
					self_remedied: d.selfFoundAndRemedied,
					authority: 'Ủy ban kiểm tra Đảng ủy cơ sở',
					reason: 'Chậm giải quyết hồ sơ của tổ chức, công dân so với thời hạn quy định.',
					recorded_by_account_id: recorder
				})
				.execute();
		} else {
			const maternity = i >= 10;
			const start = `${opts.year}-0${i - 2}-01`;
			await trx
				.insertInto('member_leaves')
				.values({
					member_id: p.member_id,
					kind: maternity ? 'maternity' : 'sick',
					starts_on: start,
					ends_on: addDays(start, maternity ? 180 : rng.int(20, 120)),
					recorded_by_account_id: recorder
				})
				.execute();
		}
	}
	return byMember;
}

function annexOf(rng: Rng, content: RegistrationContent | null): AnnexLine[] {
	return (content?.actions ?? []).map((a) => ({
		key: a.key,
		title: a.title,
		result: rng.weighted<TaskResult>([
			// Most tasks are done; a task left undone is rare and weighs heavily (QĐ 366).
			['on_time', 66],
			['beyond', 28],
			['late', 5],
			['not_completed', 1]
		])
	}));
}

function selfReviewRow(
	rng: Rng,
	ruleSet: PointsRuleSet,
	p: Person,
	disciplines: Discipline[],
	opts: { yearId: number; today: string },
	y: { self_review_opens_on: string; self_review_closes_on: string }
) {
	const scores = Object.fromEntries(
		ruleSet.forms.non_leader.groups.flatMap((g) =>
			g.criteria.map((c) => [c.code, Math.round(c.max * (0.78 + rng.int(0, 22) / 100) * 2) / 2])
		)
	);
	const annex = annexOf(rng, p.content);
	const evaluated = evaluateMember(
		ruleSet,
		{
			subjectType: 'non_leader',
			admittedOn: p.joined_on ?? '',
			reviewOn: y.self_review_closes_on,
			exempted: false,
			suspended: false,
			sickLeaveMonths: 0,
			maternityLeave: false,
			temporaryActivity: false,
			disciplines,
			concludedDecline: false,
			concludedProhibitedBreach: false,
			tasks: taskCounts(annex),
			shortcomings: { total: 0, remedied: 0 },
			leadership: null
		},
		scores
	);
	const evaluation = evaluated.ok ? evaluated.value : null;
	const allowed = evaluation?.outcome === 'rated' ? evaluation.maxLevel : 'good';
	// Most propose what the rules allow; some one level lower.
	const proposedLevel =
		RATING_LEVELS[Math.min(3, RATING_LEVELS.indexOf(allowed) + (rng.chance(0.2) ? 1 : 0))];
	const content: SelfReviewContent = {
		scores,
		annex,
		strengths: rng.pick(STRENGTHS),
		shortcomings: rng.pick(SHORTCOMINGS),
		remedies: rng.pick(REMEDIES),
		proposedLevel
	};
	const last = opts.today < y.self_review_closes_on ? opts.today : y.self_review_closes_on;
	const day = addDays(
		y.self_review_opens_on,
		rng.int(0, Math.max(0, daysBetween(y.self_review_opens_on, last)))
	);
	return {
		member_id: p.member_id,
		year_id: opts.yearId,
		version: 1,
		rule_set: ruleSet.id,
		subject_type: 'non_leader',
		content: JSON.stringify(content),
		proposed_level: proposedLevel,
		evaluation: evaluation && JSON.stringify(evaluation),
		submitted_by_account_id: p.account_id,
		submitted_at: new Date(`${day}T20:${String(rng.int(10, 59))}:00+07:00`)
	};
}

function daysBetween(a: string, b: string): number {
	return Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);
}

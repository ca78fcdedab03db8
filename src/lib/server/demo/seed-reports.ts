// The running year's periodic reports: each member with an approved registration reported most of
// the quarters that have ended, a few late, with values growing toward their targets and, often,
// a quarterly self-rating; the cells commented on some. No evidence files: the demo's database
// carries no blobs. The demo member reported the first quarters and has the latest still to do.
import type { RatingLevel } from '$lib/domain/rating/levels';
import type { LineStatus, ReportContent, SelfRating } from '$lib/domain/report/content';
import type { RegistrationContent } from '$lib/domain/registration/content';
import { periodsOf, type Period } from '$lib/domain/years/periods';
import type { Insertable } from 'kysely';
import type { Db } from '../db/connect';
import type { PeriodReports } from '../db/schema';
import { addDays } from './calendar';
import type { Rng } from './rng';

const NARRATIVES = [
	'Đã thực hiện theo kế hoạch, kết quả được thủ trưởng đơn vị ghi nhận.',
	'Thực hiện đều đặn; còn chậm ở một số việc do công tác đột xuất.',
	'Đã hoàn thành phần việc của kỳ, tiếp tục duy trì trong kỳ sau.',
	'Đã triển khai; kỳ tới tập trung hoàn thành chỉ tiêu còn lại.'
];

const STRENGTHS = [
	'Hoàn thành đúng hạn các nhiệm vụ được giao; giữ gìn đoàn kết nội bộ.',
	'Chủ động đề xuất giải pháp cải tiến công việc; tác phong gần gũi đồng nghiệp.'
];

const SHORTCOMINGS = [
	'Có lúc còn chậm cập nhật số liệu báo cáo.',
	'Việc tự học tập nâng cao trình độ chưa thường xuyên.'
];

const COMMENTS = [
	'Đồng chí thực hiện tốt các việc đã đăng ký, đề nghị tiếp tục phát huy.',
	'Đề nghị đồng chí bổ sung minh chứng cho kết quả đã báo cáo.',
	'Việc làm còn chậm so với kế hoạch, đề nghị đồng chí khắc phục trong kỳ tới.'
];

function at(day: string, hour: number): Date {
	return new Date(`${day}T${String(hour).padStart(2, '0')}:15:00+07:00`);
}

/** Each line a share `done` of the way to its target (a little ahead or behind). */
function contentFor(rng: Rng, registration: RegistrationContent, share: number): ReportContent {
	return {
		lines: registration.actions.map((a) => {
			const pace = Math.min(1, share * (0.75 + rng.int(0, 45) / 100));
			let status: LineStatus = 'in_progress';
			let value: number | null = null;
			if (a.target.kind === 'number') {
				value = Math.round(a.target.value * pace * 10) / 10;
				if (value >= a.target.value) status = 'done';
			} else if (share >= 1) status = 'done';
			return { key: a.key, title: a.title, status, value, narrative: rng.pick(NARRATIVES) };
		})
	};
}

function selfRatingFor(rng: Rng): SelfRating | null {
	if (!rng.chance(0.7)) return null;
	const roll = rng.int(1, 100);
	const level: RatingLevel = roll <= 15 ? 'excellent' : roll <= 85 ? 'good' : 'fulfilled';
	return { level, strengths: rng.pick(STRENGTHS), shortcomings: rng.pick(SHORTCOMINGS) };
}

/** When a member reported a period: in the last days before it was due, or late. */
function submittedOn(rng: Rng, p: Period, today: string): { day: string; late: boolean } {
	if (rng.chance(0.12)) {
		const day = addDays(p.dueOn, rng.int(1, 20));
		if (day < today) return { day, late: true };
	}
	return { day: addDays(p.endsOn, rng.int(-4, 9)), late: false };
}

export async function seedReports(
	trx: Db,
	rng: Rng,
	opts: {
		yearId: number;
		year: number;
		today: string;
		/** The demo member: reports all ended quarters but the last, which is theirs to send. */
		demoMember: number | null;
	}
): Promise<number> {
	const periods = periodsOf(opts.year, 'quarterly', 10).filter((p) => p.dueOn < opts.today);
	const approved = await trx
		.selectFrom('registrations as g')
		.innerJoin('registration_reviews as r', 'r.registration_id', 'g.id')
		.innerJoin('accounts as a', 'a.member_id', 'g.member_id')
		.select([
			'g.id',
			'g.member_id',
			'g.unit_id',
			'g.content',
			'a.id as account_id',
			'r.reviewer_account_id'
		])
		.where('g.year_id', '=', opts.yearId)
		.where('r.decision', '=', 'approved')
		.orderBy('g.id')
		.execute();
	const reports: Insertable<PeriodReports>[] = [];
	const commented: { index: number; reviewer: number; day: string }[] = [];
	for (const g of approved) {
		const content = g.content as unknown as RegistrationContent;
		for (const p of periods) {
			const demoSkips = g.member_id === opts.demoMember && p === periods.at(-1);
			if (demoSkips || !rng.chance(p.number === 1 ? 0.95 : p.number === 2 ? 0.9 : 0.82)) continue;
			const when = submittedOn(rng, p, opts.today);
			if (rng.chance(0.15))
				commented.push({
					index: reports.length,
					reviewer: g.reviewer_account_id,
					day: addDays(when.day, 3)
				});
			reports.push({
				member_id: g.member_id,
				year_id: opts.yearId,
				unit_id: g.unit_id,
				period: p.number,
				version: 1,
				registration_id: g.id,
				content: JSON.stringify(contentFor(rng, content, p.number / 4)),
				self_rating: ((sr) => sr && JSON.stringify(sr))(selfRatingFor(rng)),
				submitted_by_account_id: g.account_id,
				submitted_at: at(when.day, rng.int(8, 21))
			});
		}
	}
	const ids: number[] = [];
	for (let i = 0; i < reports.length; i += 500) {
		const rows = await trx
			.insertInto('period_reports')
			.values(reports.slice(i, i + 500))
			.returning('id')
			.execute();
		ids.push(...rows.map((r) => r.id));
	}
	const comments = commented
		.filter((c) => c.day < opts.today)
		.map((c) => ({
			member_id: reports[c.index].member_id,
			year_id: opts.yearId,
			report_id: ids[c.index],
			body: rng.pick(COMMENTS),
			author_account_id: c.reviewer,
			created_at: at(c.day, 16)
		}));
	for (let i = 0; i < comments.length; i += 500)
		await trx
			.insertInto('member_comments')
			.values(comments.slice(i, i + 500))
			.execute();
	return reports.length;
}

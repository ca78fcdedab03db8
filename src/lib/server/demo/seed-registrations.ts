// The demo year's registrations: most members registered a few concrete actions drawn from the
// common ones below (adapted: their own target and deadline), many approved by their cell, a few
// returned, some waiting, a few drafts. The demo member's cell has all of its submissions waiting,
// for the secretary to approve during a demo; the demo member has not registered yet.
import type { ActionItem, RegistrationContent } from '$lib/domain/registration/content';
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { addDays } from './calendar';
import type { Rng } from './rng';
import { loadPeople, type Person } from './seed-commitments';

type Template = Omit<ActionItem, 'key' | 'due'> & { due: 'deadline' | ActionItem['due'] };

const ACTIONS: Template[] = [
	{
		title: 'Giải quyết hồ sơ, công việc được giao đúng hạn',
		area: 'duties',
		target: { kind: 'number', value: 100, unit: '% hồ sơ' },
		due: 'deadline',
		evidence: 'Số liệu trên phần mềm quản lý văn bản'
	},
	{
		title: 'Viết bài thu hoạch về chuyên đề học tập và làm theo Bác',
		area: 'thinking',
		target: { kind: 'number', value: 4, unit: 'bài' },
		due: { kind: 'frequency', every: 'quarterly' },
		evidence: 'Bài thu hoạch nộp chi bộ'
	},
	{
		title: 'Tiết kiệm điện, nước, văn phòng phẩm tại phòng làm việc',
		area: 'ethics',
		target: { kind: 'number', value: 10, unit: '% so với năm trước' },
		due: 'deadline',
		evidence: 'Hóa đơn điện, nước của cơ quan'
	},
	{
		title: 'Đến cơ quan đúng giờ, không làm việc riêng trong giờ hành chính',
		area: 'style',
		target: { kind: 'yes_no' },
		due: { kind: 'frequency', every: 'monthly' },
		evidence: 'Nhận xét của thủ trưởng đơn vị'
	},
	{
		title: 'Hướng dẫn, kèm cặp một đồng chí mới vào cơ quan',
		area: 'example',
		target: { kind: 'number', value: 1, unit: 'đồng chí' },
		due: 'deadline',
		evidence: 'Báo cáo kết quả kèm cặp'
	},
	{
		title: 'Tham gia lớp bồi dưỡng nâng cao trình độ chuyên môn',
		area: 'duties',
		target: { kind: 'number', value: 1, unit: 'lớp' },
		due: 'deadline',
		evidence: 'Giấy chứng nhận hoàn thành'
	},
	{
		title: 'Không đăng tải thông tin chưa kiểm chứng trên mạng xã hội',
		area: 'thinking',
		target: { kind: 'yes_no' },
		due: { kind: 'frequency', every: 'monthly' },
		evidence: 'Tự kiểm tra, chi bộ nhận xét'
	}
];

const STUDIES = [
	{ content: 'Tác phẩm “Sửa đổi lối làm việc” của Chủ tịch Hồ Chí Minh', when: 'Quý I' },
	{ content: 'Chuyên đề học tập và làm theo Bác của năm', when: 'Quý II' },
	{ content: 'Di chúc của Chủ tịch Hồ Chí Minh', when: 'Tháng 9' }
];

const THEME = 'xây dựng phong cách làm việc khoa học, tận tụy, gần dân, vì nhân dân phục vụ';

const RETURN_COMMENT =
	'Đề nghị đồng chí ghi rõ chỉ tiêu bằng con số và thời hạn hoàn thành của từng việc làm.';

const key = (rng: Rng) =>
	Array.from({ length: 10 }, () => '0123456789abcdefghijklmnopqrstuvwxyz'[rng.int(0, 35)]).join('');

function actionFrom(rng: Rng, t: Template, year: number): ActionItem {
	return {
		...t,
		key: key(rng),
		due:
			t.due === 'deadline'
				? { kind: 'deadline', on: `${year}-${String(rng.int(6, 12)).padStart(2, '0')}-15` }
				: t.due
	};
}

function contentFor(rng: Rng, year: number): RegistrationContent {
	const actions = rng
		.shuffle(ACTIONS)
		.slice(0, rng.int(2, 4))
		.map((t) => actionFrom(rng, t, year));
	return {
		studies: rng.shuffle(STUDIES).slice(0, rng.int(1, 2)),
		actions,
		plan: {
			content: 'Rèn luyện tác phong làm việc khoa học, gần dân, trọng dân.',
			measures: 'Tự kiểm tra hằng tháng; báo cáo chi bộ mỗi quý.',
			timeline: `Cả năm ${year}`
		}
	};
}

/** How a demo year's members registered: how many, when, and how their cells decided. */
export interface RegisteringProfile {
	/** Percent of members who submitted, and (above it) who have a draft only. */
	submitted: number;
	drafted: number;
	/** The moment a member submitted, `days` (drawn per member) before the window's end. */
	submittedAt: (days: number) => Date;
	reviewedAt: Date;
	/** Percent of the submissions their cell approved, and returned; the rest wait. */
	approved: number;
	returned: number;
	/** The cells' proposals to their members (the coming year's only: the running one is past it). */
	templates: boolean;
}

/** The coming year, in its registration window, which opened a week before the demo's today. */
export function registrationSeason(today: string): RegisteringProfile {
	const at = (days: number) => new Date(`${addDays(today, -days)}T09:30:00+07:00`);
	return {
		submitted: 62,
		drafted: 70,
		submittedAt: at,
		reviewedAt: at(1),
		approved: 60,
		returned: 5,
		templates: true
	};
}

/** The running year's registrations: everyone registered in January, all approved since. */
export function registeredInJanuary(year: number): RegisteringProfile {
	return {
		submitted: 100,
		drafted: 100,
		submittedAt: (days) =>
			new Date(`${year}-01-${String(10 + days).padStart(2, '0')}T09:30:00+07:00`),
		reviewedAt: new Date(`${year}-02-10T10:00:00+07:00`),
		approved: 100,
		returned: 0,
		templates: false
	};
}

export async function seedRegistrations(
	trx: Db,
	rng: Rng,
	opts: {
		yearId: number;
		year: number;
		today: string;
		/** Members who have not registered (the demo member registers during a demo). */
		keepUnregistered: Set<number>;
		/** A cell whose submissions all wait for the secretary. */
		pendingCell: number | null;
		/** The coming year's registration window unless told otherwise. */
		profile?: RegisteringProfile;
	}
): Promise<number> {
	const profile = opts.profile ?? registrationSeason(opts.today);
	await trx
		.updateTable('review_years')
		.set({ theme: `Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh về ${THEME}` })
		.where('id', '=', opts.yearId)
		.execute();
	const people = await loadPeople(trx);
	if (profile.templates) await seedTemplates(trx, rng, opts, people);
	const submitted: { person: Person; content: RegistrationContent }[] = [];
	const drafts: { person: Person; content: RegistrationContent }[] = [];
	for (const person of people) {
		if (opts.keepUnregistered.has(person.member_id)) continue;
		const roll = rng.int(1, 100);
		if (roll <= profile.submitted) submitted.push({ person, content: contentFor(rng, opts.year) });
		else if (roll <= profile.drafted) drafts.push({ person, content: contentFor(rng, opts.year) });
	}
	const reviews = [];
	for (let i = 0; i < submitted.length; i += 200) {
		const rows = await trx
			.insertInto('registrations')
			.values(
				submitted.slice(i, i + 200).map(({ person, content }) => ({
					member_id: person.member_id,
					year_id: opts.yearId,
					unit_id: person.cell_id,
					version: 1,
					content: JSON.stringify(content),
					submitted_by_account_id: person.account_id,
					submitted_at: profile.submittedAt(rng.int(2, 6))
				}))
			)
			.returning(['id'])
			.execute();
		for (const [j, r] of rows.entries()) {
			const { person } = submitted[i + j];
			if (person.reviewer_account_id === null || person.cell_id === opts.pendingCell) continue;
			const roll = rng.int(1, 100);
			const approved = roll <= profile.approved;
			if (approved || roll > 100 - profile.returned)
				reviews.push({
					registration_id: r.id,
					decision: approved ? ('approved' as const) : ('returned' as const),
					comment: approved ? null : RETURN_COMMENT,
					reviewer_account_id: person.reviewer_account_id,
					reviewed_at: profile.reviewedAt
				});
		}
	}
	for (let i = 0; i < reviews.length; i += 500)
		await trx
			.insertInto('registration_reviews')
			.values(reviews.slice(i, i + 500))
			.execute();
	if (drafts.length)
		await trx
			.insertInto('registration_drafts')
			.values(
				drafts.map(({ person, content }) => ({
					member_id: person.member_id,
					year_id: opts.yearId,
					content: JSON.stringify(content)
				}))
			)
			.execute();
	return submitted.length;
}

/** Each cell's secretary (else its deputy) proposed three of the common actions to the cell. */
async function seedTemplates(
	trx: Db,
	rng: Rng,
	opts: { yearId: number; year: number },
	people: Person[]
): Promise<void> {
	const cells = new Set(people.map((p) => p.cell_id));
	const posts = await trx
		.selectFrom('role_assignments')
		.select(['unit_id', 'account_id'])
		.where('role', 'in', ['cell_secretary', 'cell_deputy_secretary'])
		.where('ended_on', 'is', null)
		.orderBy(sql`role = 'cell_secretary'`, 'desc')
		.orderBy('id')
		.execute();
	const proposer = new Map<number, number>();
	for (const p of posts)
		if (p.unit_id !== null && cells.has(p.unit_id) && !proposer.has(p.unit_id))
			proposer.set(p.unit_id, p.account_id);
	const rows = [...proposer].flatMap(([cellId, accountId]) =>
		rng
			.shuffle(ACTIONS)
			.slice(0, 3)
			.map((t) => {
				const { key: _key, ...action } = actionFrom(rng, t, opts.year);
				return {
					unit_id: cellId,
					year_id: opts.yearId,
					action: JSON.stringify(action),
					created_by_account_id: accountId
				};
			})
	);
	for (let i = 0; i < rows.length; i += 500)
		await trx
			.insertInto('action_templates')
			.values(rows.slice(i, i + 500))
			.execute();
}

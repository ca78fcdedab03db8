// The running year's cell meetings: two per cell in the weeks before the demo's today, a regular
// one and one on the year's theme, chaired by the secretary, with the roster's attendance (a few
// absent, with their reason) and the cell's comments to a member or two.
import type { Db } from '../db/connect';
import { addDays } from './calendar';
import type { Rng } from './rng';

const ABSENCE = ['Đi công tác', 'Ốm, có báo cáo', 'Nghỉ phép', 'Việc gia đình, có báo cáo'];

const COMMENTS = [
	'Đồng chí thực hiện nghiêm các việc đã đăng ký; đề nghị tiếp tục phát huy trong quý tới.',
	'Đề nghị đồng chí đẩy nhanh tiến độ giải quyết hồ sơ, bảo đảm đúng hạn như đã đăng ký.',
	'Đồng chí cần bổ sung minh chứng cho kết quả việc làm theo đã báo cáo.'
];

const AGENDA =
	'1. Đánh giá kết quả thực hiện nhiệm vụ tháng, phương hướng tháng tới.\n2. Nhận xét việc thực hiện đăng ký làm theo của đảng viên.';
const PROCEEDINGS =
	'Đồng chí bí thư chi bộ báo cáo kết quả thực hiện nhiệm vụ trong tháng. Các đồng chí đảng viên phát biểu ý kiến, thống nhất với nội dung báo cáo và góp ý cho từng đồng chí về việc thực hiện bản đăng ký.';
const CONCLUSION =
	'Chi bộ thống nhất đánh giá kết quả thực hiện nhiệm vụ và giao các đồng chí đảng viên triển khai phương hướng tháng tới.';

export async function seedMeetings(
	trx: Db,
	rng: Rng,
	opts: { yearId: number; year: number; today: string; theme: string }
): Promise<number> {
	const roster = await trx
		.selectFrom('memberships as ms')
		.leftJoin('role_assignments as r', (j) =>
			j
				.onRef('r.unit_id', '=', 'ms.unit_id')
				.on('r.role', '=', 'cell_secretary')
				.on('r.ended_on', 'is', null)
		)
		.leftJoin('accounts as a', 'a.id', 'r.account_id')
		.select(['ms.unit_id', 'ms.member_id', 'a.member_id as secretary', 'r.account_id as recorder'])
		.where('ms.ended_on', 'is', null)
		.orderBy('ms.unit_id')
		.orderBy('ms.member_id')
		.execute();
	const cells = new Map<
		number,
		{ members: number[]; secretary: number | null; recorder: number | null }
	>();
	for (const r of roster) {
		const c = cells.get(r.unit_id) ?? { members: [], secretary: null, recorder: null };
		if (!c.members.includes(r.member_id)) c.members.push(r.member_id);
		c.secretary ??= r.secretary;
		c.recorder ??= r.recorder;
		cells.set(r.unit_id, c);
	}
	const days = [-40, -10]
		.map((d) => addDays(opts.today, d))
		.filter((d) => d.startsWith(`${opts.year}-`));
	let count = 0;
	for (const [cellId, cell] of cells) {
		if (cell.recorder === null || cell.members.length < 2) continue;
		const chair = cell.secretary ?? cell.members[0];
		const clerk = cell.members.find((m) => m !== chair)!;
		for (const [i, day] of days.entries()) {
			const thematic = i === days.length - 1;
			const meeting = await trx
				.insertInto('cell_meetings')
				.values({
					unit_id: cellId,
					year_id: opts.yearId,
					held_on: day,
					kind: thematic ? 'thematic' : 'regular',
					topic: thematic ? opts.theme : null,
					venue: 'Phòng họp cơ quan',
					chair_member_id: chair,
					clerk_member_id: clerk,
					agenda: AGENDA,
					proceedings: PROCEEDINGS,
					conclusion: CONCLUSION,
					recorded_by_account_id: cell.recorder,
					created_at: new Date(`${day}T16:30:00+07:00`)
				})
				.returning('id')
				.executeTakeFirstOrThrow();
			await trx
				.insertInto('meeting_attendance')
				.values(
					cell.members.map((member_id) => {
						const absent = member_id !== chair && member_id !== clerk && rng.chance(0.08);
						return {
							meeting_id: meeting.id,
							member_id,
							present: !absent,
							absence_reason: absent ? rng.pick(ABSENCE) : null
						};
					})
				)
				.execute();
			const commented = rng.shuffle(cell.members).slice(0, rng.int(1, 2));
			await trx
				.insertInto('member_comments')
				.values(
					commented.map((member_id) => ({
						member_id,
						year_id: opts.yearId,
						meeting_id: meeting.id,
						body: rng.pick(COMMENTS),
						author_account_id: cell.recorder!,
						created_at: new Date(`${day}T16:30:00+07:00`)
					}))
				)
				.execute();
			count++;
		}
	}
	return count;
}

// Cell meetings (meetings/write.ts, read.ts, minutes.ts; migration 0017): the cell's secretary
// records the minutes with everyone's attendance and the comments given, which reach each member;
// nobody else may; the database keeps the minutes as recorded, in an open year, on a day of it.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuse } from '$lib/domain/result';
import {
	BLANK_MEETING,
	parseMeeting,
	readMeetingForm,
	type MeetingInput
} from '$lib/schemas/meeting';
import { constraintOf } from '$lib/server/db/errors';
import { minutesDocument } from '$lib/server/meetings/minutes';
import { cellRoster, findMeeting, listMeetings } from '$lib/server/meetings/read';
import { recordMeeting } from '$lib/server/meetings/write';
import { listNotices } from '$lib/server/notifications/store';
import { listComments } from '$lib/server/reports/comments';
import { createTestDb, type TestDb } from './helpers/db';
import { auditOf } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number };
let roster: number[];

const AN = '10000001'; // secretary of C1
const BINH = '10000002'; // C1
const CUONG = '10000003'; // C1

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id, { year: 2026 });
	roster = (await cellRoster(t.db, tree.units.C1)).map((r) => r.id);
});
afterAll(async () => t?.close());

const secretary = () => ctxFor(t.db, tree.accounts.secretary);

/** A meeting of C1 as the form would post it, with `over` changed. */
function input(over: Partial<MeetingInput> = {}): MeetingInput {
	return {
		held_on: '2026-11-20',
		kind: 'thematic',
		topic: 'Học tập và làm theo Bác về phong cách làm việc',
		venue: 'Phòng họp tầng 2',
		chair: tree.members[AN],
		clerk: tree.members[BINH],
		agenda: 'Nhận xét việc thực hiện đăng ký làm theo.',
		proceedings: 'Các đồng chí phát biểu ý kiến.',
		conclusion: 'Chi bộ thống nhất.',
		attendance: roster.map((member_id) =>
			member_id === tree.members[CUONG]
				? { member_id, present: false, reason: 'Đi công tác' }
				: { member_id, present: true, reason: null }
		),
		comments: [{ member_id: tree.members[BINH], body: 'Đề nghị đồng chí bổ sung minh chứng.' }],
		...over
	};
}

describe.sequential('recording a meeting', () => {
	let id: number;

	it('by the secretary: the minutes, the attendance, the comments that reach the member, audited', async () => {
		const r = await recordMeeting(
			await secretary(),
			tree.units.C1,
			{ id: year.id, status: 'open' },
			roster,
			input()
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		id = r.value;
		const meeting = await findMeeting(t.db, tree.units.C1, id);
		expect(meeting).toMatchObject({
			held_on: '2026-11-20',
			kind: 'thematic',
			chair: 'Nguyễn Văn An'
		});
		expect(meeting?.attendance.filter((a) => !a.present)).toEqual([
			{
				member_id: tree.members[CUONG],
				full_name: 'Lê Đức Cường',
				present: false,
				absence_reason: 'Đi công tác'
			}
		]);
		expect(meeting?.comments).toEqual([
			{
				member_id: tree.members[BINH],
				full_name: 'Trần Thị Bình',
				body: 'Đề nghị đồng chí bổ sung minh chứng.'
			}
		]);
		expect(await listMeetings(t.db, tree.units.C1, year.id)).toEqual([
			{
				id,
				held_on: '2026-11-20',
				kind: 'thematic',
				topic: input().topic,
				present: roster.length - 1,
				total: roster.length
			}
		]);
		const comments = await listComments(t.db, { id: tree.members[BINH] } as never, year.id);
		expect(comments.map((c) => [c.meeting_on, c.body])).toEqual([
			['2026-11-20', 'Đề nghị đồng chí bổ sung minh chứng.']
		]);
		const binh = await t.db
			.selectFrom('accounts')
			.select('id')
			.where('member_id', '=', tree.members[BINH])
			.executeTakeFirstOrThrow();
		const notices = await listNotices(t.db, binh.id, { unreadOnly: true, limit: 5 });
		expect(notices.map((n) => [n.kind, n.comment])).toEqual([
			['report.comment', 'Đề nghị đồng chí bổ sung minh chứng.']
		]);
		expect(await auditOf(t.db, 'meeting.recorded')).toHaveLength(1);
	});

	it('prints as the cell’s minutes: its superior, the year’s place, the chair’s post', async () => {
		const meeting = await findMeeting(t.db, tree.units.C1, id);
		const doc = await minutesDocument(t.db, tree.units.C1, meeting!);
		expect(doc).toMatchObject({
			header: { superior: 'Đơn vị G1', cell: 'Đơn vị C1', place: 'Hà Tĩnh' },
			chair: 'Nguyễn Văn An',
			chairPost: 'BÍ THƯ',
			onBehalf: 'T/M CHI BỘ',
			attendance: {
				total: roster.length,
				absent: [{ name: 'Lê Đức Cường', reason: 'Đi công tác' }]
			}
		});
	});

	it('in the year-end review, lists the cell’s latest proposal for each member with its vote', async () => {
		const meeting = (await findMeeting(t.db, tree.units.C1, id))!;
		// Before the cells' review (the helper's year opens it months ahead): no proposals printed.
		expect((await minutesDocument(t.db, tree.units.C1, meeting)).ratings).toEqual([]);
		await sql`update review_years set self_review_opens_on = '2026-11-01',
			self_review_closes_on = '2026-11-30', cell_review_opens_on = '2026-11-15',
			cell_review_closes_on = '2026-12-20', decision_deadline = '2027-01-15'
			where id = ${year.id}`.execute(t.db);
		for (const [version, level, agree] of [
			[1, 'excellent', 2],
			[2, 'good', 3]
		] as const)
			await t.db
				.insertInto('cell_rating_proposals')
				.values({
					member_id: tree.members[BINH],
					year_id: year.id,
					unit_id: tree.units.C1.id,
					version,
					level,
					comment: 'Hoàn thành tốt nhiệm vụ.',
					votes_agree: agree,
					votes_present: 3,
					votes_total: 3,
					proposed_by_account_id: tree.accounts.secretary
				})
				.execute();
		expect((await minutesDocument(t.db, tree.units.C1, meeting)).ratings).toEqual([
			{ member: 'Trần Thị Bình', level: 'Hoàn thành tốt nhiệm vụ', agree: 3, present: 3, total: 3 }
		]);
	});

	it('is not another cell’s: its meeting is not found from C2', async () => {
		expect(await findMeeting(t.db, tree.units.C2, id)).toBeUndefined();
	});

	it('by nobody else: a member, a committee member, another cell', async () => {
		const open = { id: year.id, status: 'open' };
		for (const account of [tree.accounts.plain, tree.accounts.committee, tree.accounts.orgdept]) {
			expect(
				await recordMeeting(await ctxFor(t.db, account), tree.units.C1, open, roster, input())
			).toEqual(refuse('not_found'));
		}
		expect(await recordMeeting(await secretary(), tree.units.C2, open, roster, input())).toEqual(
			refuse('not_found')
		);
	});

	it('refuses a closed year, a day outside it, and an attendance that is not the roster', async () => {
		const s = await secretary();
		expect(
			await recordMeeting(s, tree.units.C1, { id: year.id, status: 'closed' }, roster, input())
		).toEqual(refuse('year_closed'));
		expect(
			await recordMeeting(
				s,
				tree.units.C1,
				{ id: year.id, status: 'open' },
				roster,
				input({ held_on: '2025-12-31' })
			)
		).toEqual(refuse('held_on', { field: 'held_on' }));
		expect(
			await recordMeeting(
				s,
				tree.units.C1,
				{ id: year.id, status: 'open' },
				roster,
				input({ attendance: input().attendance.slice(1) })
			)
		).toEqual(refuse('roster'));
		expect(await listMeetings(t.db, tree.units.C1, year.id)).toHaveLength(1);
	});

	it('keeps the minutes as recorded: no change, no removal, and an absence needs its reason', async () => {
		for (const statement of [
			sql`update cell_meetings set venue = 'Khác' where id = ${id}`,
			sql`delete from meeting_attendance where meeting_id = ${id}`
		]) {
			const err = await statement.execute(t.db).then(
				() => null,
				(e: unknown) => e
			);
			expect(constraintOf(err)).toMatch(/_immutable$/);
		}
		const err =
			await sql`insert into meeting_attendance (meeting_id, member_id, present, absence_reason)
			values (${id}, ${tree.members['10000004']}, false, null)`
				.execute(t.db)
				.then(
					() => null,
					(e: unknown) => e
				);
		expect(constraintOf(err)).toBe('meeting_attendance_reason_required');
	});
});

describe('the meeting form', () => {
	const post = (fields: Record<string, string>) => {
		const f = new FormData();
		for (const [k, v] of Object.entries(fields)) f.append(k, v);
		return f;
	};

	it('takes everyone as present unless marked absent, and drops blank comment rows', () => {
		const ids = [11, 12];
		const values = readMeetingForm(
			post({
				held_on: '2026-03-05',
				kind: 'regular',
				venue: 'Hội trường',
				chair: '11',
				clerk: '12',
				proceedings: 'Họp',
				att_12: 'absent',
				reason_12: 'Ốm',
				c0_member: '11',
				c0_body: 'Tốt'
			}),
			ids
		);
		expect(parseMeeting(values, 2026, ids)).toEqual({
			ok: true,
			value: {
				held_on: '2026-03-05',
				kind: 'regular',
				topic: null,
				venue: 'Hội trường',
				chair: 11,
				clerk: 12,
				agenda: '',
				proceedings: 'Họp',
				conclusion: '',
				attendance: [
					{ member_id: 11, present: true, reason: null },
					{ member_id: 12, present: false, reason: 'Ốm' }
				],
				comments: [{ member_id: 11, body: 'Tốt' }]
			}
		});
	});

	it('names the field of each problem', () => {
		const ids = [11, 12];
		const values = readMeetingForm(
			post({
				held_on: '2025-03-05',
				kind: 'thematic',
				venue: '',
				chair: '99',
				clerk: '',
				proceedings: '',
				att_12: 'absent',
				c1_body: 'Ai?'
			}),
			ids
		);
		const parsed = parseMeeting(values, 2026, ids);
		expect(parsed.ok ? [] : Object.keys(parsed.errors).sort()).toEqual(
			[
				'c1_member',
				'chair',
				'clerk',
				'held_on',
				'proceedings',
				'reason_12',
				'topic',
				'venue'
			].sort()
		);
		expect(BLANK_MEETING('2026-03-05', ids).attendance.every((a) => a.present)).toBe(true);
	});
});

// Periodic reports (báo cáo định kỳ, migration 0016) through the server functions the pages use:
// the member reports on their approved registration and the cell's tasks period by period
// (reports/write.ts), corrects a report with a new version, attaches evidence files that are
// checked and cleaned first (evidence/intake.ts), the cell reads the files, comments and reports on
// a member's behalf; and the rules the database keeps by itself for rows written directly.
//
// The app's own checks run on Vietnam's real today and the database stamps submitted_at with now(),
// so the main year is the current one and app-made reports go to the quarter today is in (started,
// never late). Dates the clock cannot give are made by inserting rows with a chosen submitted_at.
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInVietnam } from '$lib/domain/dates';
import type { ActionItem, RegistrationContent } from '$lib/domain/registration/content';
import { taskLineKey, type LineStatus, type ReportContent } from '$lib/domain/report/content';
import { refuse } from '$lib/domain/result';
import { carriesSelfRating, periodOf, periodsOf } from '$lib/domain/years/periods';
import { lineField, parseReport, readKeptFiles, readReportForm } from '$lib/schemas/report';
import type { Ctx } from '$lib/server/access/guard';
import { constraintOf } from '$lib/server/db/errors';
import type { Db } from '$lib/server/db/connect';
import { fileStore, type BlobStore } from '$lib/server/evidence/storage';
import { listNotices } from '$lib/server/notifications/store';
import * as own from '$lib/server/registrations/member';
import { reviewRegistration } from '$lib/server/registrations/review';
import { assignTask } from '$lib/server/registrations/tasks';
import { addComment, listComments } from '$lib/server/reports/comments';
import { openEvidence } from '$lib/server/reports/evidence';
import {
	openOwnReports,
	openReportsOnBehalf,
	openReportsToRead,
	type OpenReports
} from '$lib/server/reports/open';
import { latestByPeriod, loadReports } from '$lib/server/reports/read';
import { glance, periodNow, periodSummaries, periodView } from '$lib/server/reports/view';
import { reportForm, submitFromForm } from '$lib/server/reports/form';
import { filesField, submitReport } from '$lib/server/reports/write';
import { connectAsApp } from './helpers/app-role';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent } from './helpers/event';
import { auditOf, memberIn, newMember } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

// ---------------------------------------------------------------------------------------------
// The calendar the tests stand on

const TODAY = todayInVietnam();
const Y = Number(TODAY.slice(0, 4));
/** The quarter today is in: it has started and its report is not due yet. */
const Q = Math.ceil(Number(TODAY.slice(5, 7)) / 3);
/** Another quarter of the year, earlier when there is one: the second point of a trend. */
const OTHER_Q = Q > 1 ? Q - 1 : Q + 1;

const quarter = (year: number, n: number, dueDays = 10) => periodOf(year, 'quarterly', n, dueDays);

function shift(iso: string, days: number): string {
	const d = new Date(`${iso}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + days);
	return d.toISOString().slice(0, 10);
}

/** A moment on Vietnam's clock (UTC+7 all year), as the database's vietnam_date() reads it. */
const vn = (date: string, time = '12:00:00') => new Date(`${date}T${time}+07:00`);

// ---------------------------------------------------------------------------------------------
// The organization, its years and the people

let t: TestDb;
let tree: Tree;
/** The current year, open, quarterly, reports due 10 days after each quarter. */
let year: { id: number; year: number };
/** Last year, still open: every quarter has started and most are past due. */
let past: { id: number; year: number };

const AN = '10000001'; // secretary of C1, who follows its members up
const BINH = '10000002'; // C1
const CUONG = '10000003'; // C1
const DUNG = '10000004'; // C2, on G1's committee (above C1)
const EM = '10000005'; // C2, no role

const temps: string[] = [];
/** Where files go in cases that do not look at the store. */
let scratch: BlobStore;

beforeAll(async () => {
	scratch = (await tempStore()).store;
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id, { year: Y });
	past = await openYear(t.db, tree.units.B.id, { year: Y - 1 });
});
afterAll(async () => {
	await t?.close();
	await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function accountOf(card: string): Promise<number> {
	const a = await t.db
		.selectFrom('accounts')
		.select('id')
		.where('login', '=', card)
		.executeTakeFirstOrThrow();
	return a.id;
}

const as = async (card: string, db: Db = t.db) => ctxFor(db, await accountOf(card));
const secretary = (db: Db = t.db) => ctxFor(db, tree.accounts.secretary);

/** The member as requireMember hands them to the cell's pages. */
const handle = (card: string) =>
	memberIn(tree.members[card], [DUNG, EM].includes(card) ? tree.units.C2 : tree.units.C1);

/** A member of C1 of their own, so no case sees another's reports, files or quota. */
let cards = 0;
async function newcomer(): Promise<string> {
	const card = String(30000000 + ++cards);
	tree.members[card] = (await newMember(t.db, card, tree.units.C1.id)).id;
	return card;
}

/** Past years of the bloc besides `past`, for a case that closes its year. */
let nextPast = Y - 2;
const freshPastYear = () => openYear(t.db, tree.units.B.id, { year: nextPast-- });

const closeYear = (yearId: number) =>
	t.db
		.updateTable('review_years')
		.set({ status: 'closed', closed_at: sql<Date>`now()` })
		.where('id', '=', yearId)
		.execute();

/** The error a statement fails with (it must fail). */
async function errorOf(statement: Promise<unknown>): Promise<unknown> {
	try {
		await statement;
	} catch (err) {
		return err;
	}
	throw new Error('the statement was not refused');
}

// ---------------------------------------------------------------------------------------------
// What members report on: an approved registration, tasks the cell gave

const NUMBER_ACTION = 'abcdefghij';
const YES_NO_ACTION = 'k2l3m4n5o6';

function registration(y: number): RegistrationContent {
	const actions: ActionItem[] = [
		{
			key: NUMBER_ACTION,
			title: 'Giải quyết 100% hồ sơ đúng hạn',
			area: 'duties',
			target: { kind: 'number', value: 100, unit: '% hồ sơ' },
			due: { kind: 'deadline', on: `${y}-12-15` },
			evidence: 'Số liệu phần mềm một cửa'
		},
		{
			key: YES_NO_ACTION,
			title: 'Không vi phạm quy định về nồng độ cồn khi tham gia giao thông',
			area: 'ethics',
			target: { kind: 'yes_no' },
			due: { kind: 'frequency', every: 'monthly' },
			evidence: 'Nhận xét của chi bộ'
		}
	];
	return {
		studies: [{ content: 'Chuyên đề năm về học tập và làm theo Bác', when: 'quý I' }],
		actions,
		plan: { content: 'Gần dân, trọng dân', measures: 'Tự kiểm điểm hằng tháng', timeline: 'Cả năm' }
	};
}

/** The member submits their registration and the secretary approves it; its id. */
async function approvedRegistration(card: string, y: { year: number }): Promise<number> {
	const ctx = await as(card);
	const r = await own.openOwn(ctx, y.year);
	if (!r) throw new Error(`no registration for ${card}`);
	const submitted = await own.submit(ctx, r, registration(y.year));
	if (!submitted.ok) throw new Error(`registration refused: ${submitted.problem.code}`);
	const approved = await reviewRegistration(
		await secretary(),
		handle(card),
		submitted.value,
		'approved',
		''
	);
	if (!approved.ok) throw new Error(`approval refused: ${approved.problem.code}`);
	return submitted.value;
}

/** The secretary gives the member a task with a number target; its line key. */
async function giveTask(
	card: string,
	y: { id: number; year: number },
	title = 'Hướng dẫn đảng viên mới'
) {
	const result = await assignTask(
		await secretary(),
		handle(card),
		{ id: y.id, status: 'open' },
		{
			key: 'unusedkey0',
			title,
			area: 'duties',
			target: { kind: 'number', value: 4, unit: 'buổi' },
			due: { kind: 'deadline', on: `${y.year}-12-31` },
			evidence: 'Biên bản sinh hoạt'
		}
	);
	if (!result.ok) throw new Error(`task refused: ${result.problem.code}`);
	return taskLineKey(result.value);
}

// ---------------------------------------------------------------------------------------------
// Submitting as the page does: the form's fields read back and parsed, files posted per line

interface Opened {
	ctx: Ctx;
	r: OpenReports;
}

async function opened(card: string, yearNumber = year.year, db: Db = t.db): Promise<Opened> {
	const ctx = await as(card, db);
	const r = await openOwnReports(ctx, yearNumber);
	if (!r) throw new Error(`no reports for ${card}`);
	return { ctx, r };
}

interface Line {
	status: LineStatus;
	value?: string;
	narrative?: string;
	files?: File[];
	/** Ids of the previous version's files to keep on this line. */
	keep?: number[];
}

interface Posted {
	lines?: Record<string, Line>;
	selfRating?: { level: string; strengths: string; shortcomings: string };
}

/** The form as the browser posts it; a line not given is posted as not started. */
function formOf(r: OpenReports, posted: Posted): FormData {
	const form = new FormData();
	for (const { key } of r.reportables) {
		const line = posted.lines?.[key] ?? { status: 'not_started' };
		form.set(lineField(key, 'status'), line.status);
		form.set(lineField(key, 'value'), line.value ?? '');
		form.set(lineField(key, 'narrative'), line.narrative ?? '');
		for (const id of line.keep ?? []) form.append(lineField(key, 'keep'), String(id));
		for (const file of line.files ?? []) form.append(lineField(key, 'files'), file);
	}
	if (posted.selfRating) {
		form.set('sr_level', posted.selfRating.level);
		form.set('sr_strengths', posted.selfRating.strengths);
		form.set('sr_shortcomings', posted.selfRating.shortcomings);
	}
	return form;
}

/** What submitFromForm hands submitReport for this form. */
function inputOf({ r }: Opened, period: number, posted: Posted) {
	const form = formOf(r, posted);
	const parsed = parseReport(
		readReportForm(form, r.reportables),
		r.reportables,
		carriesSelfRating(r.year.reporting_period, period)
	);
	if (!parsed.ok) throw new Error(`form refused: ${JSON.stringify(parsed.errors)}`);
	const uploads = r.reportables.flatMap(({ key }) =>
		form
			.getAll(lineField(key, 'files'))
			.filter((v): v is File => v instanceof File && (v.size > 0 || v.name !== ''))
			.map((file) => ({ lineKey: key, file }))
	);
	return {
		content: parsed.content,
		selfRating: parsed.selfRating,
		uploads,
		kept: readKeptFiles(form, r.reportables)
	};
}

function submit(who: Opened, period: number, posted: Posted, store: BlobStore = scratch) {
	return submitReport(who.ctx, who.r, period, inputOf(who, period, posted), store);
}

/** Submits and insists it went through; the new report. */
async function submitted(who: Opened, period: number, posted: Posted, store?: BlobStore) {
	const result = await submit(who, period, posted, store);
	if (!result.ok) throw new Error(`report refused: ${JSON.stringify(result.problem)}`);
	return result.value;
}

/** A row written directly, past the app, with the moment it claims to be submitted at. */
async function insertReport(v: {
	card: string;
	yearId: number;
	period: number;
	at: Date;
	version?: number;
	supersedes?: number | null;
	registrationId?: number | null;
	content?: ReportContent;
	late?: boolean;
}) {
	return t.db
		.insertInto('period_reports')
		.values({
			member_id: tree.members[v.card],
			year_id: v.yearId,
			unit_id: tree.units.C1.id,
			period: v.period,
			version: v.version ?? 1,
			supersedes_id: v.supersedes ?? null,
			registration_id: v.registrationId ?? null,
			content: JSON.stringify(v.content ?? { lines: [] }),
			submitted_by_account_id: await accountOf(v.card),
			submitted_at: v.at,
			late: v.late
		})
		.returning(['id', 'version', 'late'])
		.executeTakeFirstOrThrow();
}

const reportRow = (id: number) =>
	t.db.selectFrom('period_reports').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

async function countOf(
	table: 'period_reports' | 'evidence_files' | 'member_comments',
	card: string
): Promise<number> {
	const row = await t.db
		.selectFrom(table)
		.select(sql<number>`count(*)::int`.as('n'))
		.where('member_id', '=', tree.members[card])
		.executeTakeFirstOrThrow();
	return row.n;
}

// ---------------------------------------------------------------------------------------------
// Files: a blob store in a temp dir, and the bytes members upload

async function tempStore(): Promise<{ store: BlobStore; dir: string }> {
	const dir = await mkdtemp(path.join(tmpdir(), 'camket-evidence-'));
	temps.push(dir);
	return { store: fileStore(dir), dir };
}

/** The blobs a store holds (its temp files of an interrupted write included). */
async function blobsIn(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile())
		.map((e) => e.name)
		.sort();
}

async function bytesOf(stream: Readable): Promise<Buffer> {
	const chunks: Buffer[] = [];
	for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
	return Buffer.concat(chunks);
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// GPSLatitude 4567/100 as the little-endian rational the EXIF block stores.
const LATITUDE_SECONDS = Buffer.from([0xd7, 0x11, 0, 0, 0x64, 0, 0, 0]);

/** A phone photo: EXIF with the place it was taken and the camera's serial number. */
async function photoWithGps(): Promise<Buffer> {
	const photo = await sharp({
		create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 40, b: 40 } }
	})
		.jpeg()
		.withExif({
			IFD0: { Make: 'CamketPhone', Model: 'X1' },
			IFD2: { BodySerialNumber: 'SN-123456789' },
			IFD3: {
				GPSLatitudeRef: 'N',
				GPSLatitude: '21/1 1/1 4567/100',
				GPSLongitudeRef: 'E',
				GPSLongitude: '105/1 51/1 0/1'
			}
		})
		.toBuffer();
	// The photo must carry what the upload is to lose, or the test proves nothing.
	expect((await sharp(photo).metadata()).exif).toBeDefined();
	expect(photo.includes(LATITUDE_SECONDS)).toBe(true);
	return photo;
}

const png = () =>
	sharp({ create: { width: 20, height: 10, channels: 3, background: '#2878c8' } })
		.png()
		.toBuffer();

/** A PDF of `size` bytes: PDFs are stored as given, so that is also the stored size. */
function pdf(size = 200): Buffer {
	const head = '%PDF-1.4\n1 0 obj <<>> endobj\n';
	const tail = '\ntrailer <<>>\n%%EOF\n';
	const filler = Math.max(0, size - head.length - tail.length - 2);
	return Buffer.from(`${head}%${'x'.repeat(filler)}\n${tail}`);
}

// A copy: File wants bytes on a plain ArrayBuffer, which a Buffer's need not be.
const fileOf = (name: string, bytes: Uint8Array, type = 'application/octet-stream') =>
	new File([new Uint8Array(bytes)], name, { type });

// =============================================================================================

describe('a member’s first report of a quarter', () => {
	let registrationId: number;
	let task: string;
	let first: { id: number; version: number; late: boolean };

	beforeAll(async () => {
		registrationId = await approvedRegistration(BINH, year);
		task = await giveTask(BINH, year);
	});

	const posted = (): Posted => ({
		lines: {
			[NUMBER_ACTION]: {
				status: 'in_progress',
				value: '45',
				narrative: 'Đã giải quyết 45% hồ sơ, còn tồn do thiếu giấy tờ.'
			},
			[YES_NO_ACTION]: { status: 'done', narrative: 'Không vi phạm.' },
			[task]: { status: 'in_progress', value: '1', narrative: 'Đã hướng dẫn một buổi.' }
		},
		selfRating: {
			level: 'good',
			strengths: 'Hoàn thành tốt nhiệm vụ chuyên môn.',
			shortcomings: 'Còn chậm cập nhật số liệu.'
		}
	});

	it('opens what the member reports on: the approved actions, then the cell’s tasks', async () => {
		const { r } = await opened(BINH);
		expect(r.reportables.map((x) => [x.key, x.task])).toEqual([
			[NUMBER_ACTION, false],
			[YES_NO_ACTION, false],
			[task, true]
		]);
		expect(r.periods).toEqual(periodsOf(Y, 'quarterly', 10));
		expect(r.reports).toEqual([]);
	});

	it('is stored as posted, on time, under the member’s cell, and audited', async () => {
		const who = await opened(BINH);
		first = await submitted(who, Q, posted());
		expect(first).toEqual({ id: expect.any(Number), version: 1, late: false });

		const row = await reportRow(first.id);
		expect(row).toMatchObject({
			member_id: tree.members[BINH],
			year_id: year.id,
			unit_id: tree.units.C1.id,
			period: Q,
			version: 1,
			supersedes_id: null,
			registration_id: registrationId,
			late: false,
			on_behalf: false,
			submitted_by_account_id: tree.accounts.plain
		});
		expect(row.content).toEqual({
			lines: [
				{
					key: NUMBER_ACTION,
					title: 'Giải quyết 100% hồ sơ đúng hạn',
					status: 'in_progress',
					value: 45,
					narrative: 'Đã giải quyết 45% hồ sơ, còn tồn do thiếu giấy tờ.'
				},
				{
					key: YES_NO_ACTION,
					title: 'Không vi phạm quy định về nồng độ cồn khi tham gia giao thông',
					status: 'done',
					// A yes/no target has no value.
					value: null,
					narrative: 'Không vi phạm.'
				},
				{
					key: task,
					title: 'Hướng dẫn đảng viên mới',
					status: 'in_progress',
					value: 1,
					narrative: 'Đã hướng dẫn một buổi.'
				}
			]
		});
		expect(row.self_rating).toEqual(posted().selfRating);

		const audit = (await auditOf(t.db, 'report.submitted')).filter(
			(a) => a.entity_id === String(first.id)
		);
		expect(audit).toEqual([
			{
				entity_id: String(first.id),
				unit_path: tree.units.C1.path,
				changes: { period: Q, version: 1, files: 0 },
				actor_account_id: tree.accounts.plain
			}
		]);
	});

	it('reads back as the pages show it: per period, and the year at a glance', async () => {
		// A second quarter's report, on time, so the glance has a trend to show.
		const other = quarter(Y, OTHER_Q);
		const earlier = await insertReport({
			card: BINH,
			yearId: year.id,
			period: OTHER_Q,
			at: vn(shift(other.startsOn, 3)),
			registrationId,
			content: {
				lines: [
					{
						key: NUMBER_ACTION,
						title: 'Giải quyết 100% hồ sơ đúng hạn',
						status: 'in_progress',
						value: 20,
						narrative: ''
					},
					{
						key: YES_NO_ACTION,
						title: 'Không vi phạm quy định về nồng độ cồn khi tham gia giao thông',
						status: 'in_progress',
						value: null,
						narrative: ''
					}
				]
			}
		});
		expect(earlier.late).toBe(false);

		const { r } = await opened(BINH);
		const reports = await loadReports(t.db, r.member, year.id);
		expect(reports).toEqual(r.reports);
		expect(reports.map((x) => [x.period, x.version])).toEqual(
			[Q, OTHER_Q].sort((a, b) => a - b).map((p) => [p, 1])
		);
		const latest = latestByPeriod(reports);
		expect(latest.get(Q)).toMatchObject({
			id: first.id,
			late: false,
			on_behalf: false,
			submitted_by: 'Trần Thị Bình',
			files: [],
			self_rating: posted().selfRating
		});
		expect(latest.get(OTHER_Q)?.id).toBe(earlier.id);

		// The trend runs by period; the latest status is the last period's.
		const byPeriod: Record<number, { status: LineStatus; value: number | null }> = {
			[OTHER_Q]: { status: 'in_progress', value: 20 },
			[Q]: { status: 'in_progress', value: 45 }
		};
		const order = [OTHER_Q, Q].sort((a, b) => a - b);
		const last = byPeriod[order[1]];
		const lines = glance(r);
		expect(lines[0]).toMatchObject({
			key: NUMBER_ACTION,
			task: false,
			target: { kind: 'number', value: 100, unit: '% hồ sơ' },
			status: last.status,
			value: last.value,
			progress: last.value,
			trend: order.map((p) => ({ period: p, ...byPeriod[p] }))
		});
		const yesNoLast = order[1] === Q ? 'done' : 'in_progress';
		expect(lines[1]).toMatchObject({
			key: YES_NO_ACTION,
			status: yesNoLast,
			value: null,
			// Done is all of a yes/no target; in progress says nothing of how far.
			progress: yesNoLast === 'done' ? 100 : null
		});
		// The task was not in the earlier report: one point only, 1 of 4 sessions.
		expect(lines[2]).toMatchObject({
			key: task,
			task: true,
			status: 'in_progress',
			value: 1,
			progress: 25,
			trend: [{ period: Q, status: 'in_progress', value: 1 }]
		});

		// On the last day of the year every quarter has started: those without a report are
		// overdue but the fourth, whose report is due in January.
		r.today = `${Y}-12-31`;
		expect(periodSummaries(r)).toEqual(
			r.periods.map((p) => ({
				number: p.number,
				startsOn: p.startsOn,
				endsOn: p.endsOn,
				dueOn: p.dueOn,
				state: [Q, OTHER_Q].includes(p.number) ? 'reported' : p.number === 4 ? 'open' : 'overdue',
				version: [Q, OTHER_Q].includes(p.number) ? 1 : null,
				submittedAt: [Q, OTHER_Q].includes(p.number) ? expect.any(Date) : null
			}))
		);
		expect(periodNow(r)).toBe(4);
		// Early in April the first quarter's report is still due: that is the one to make.
		r.today = `${Y}-04-05`;
		expect(periodNow(r)).toBe(1);
		r.today = `${Y - 1}-12-31`;
		expect(periodNow(r)).toBeNull();

		const view = periodView(r, Q);
		expect(view.selfRating).toBe(true);
		expect(view.versions.map((v) => v.id)).toEqual([first.id]);
		expect(view.latest?.id).toBe(first.id);
	});
});

describe.sequential('a correction', () => {
	let who: Opened;
	let task: string;
	let v1: { id: number };
	let photoId: number;
	let pdfId: number;
	let files: { store: BlobStore; dir: string };

	beforeAll(async () => {
		await approvedRegistration(CUONG, year);
		task = await giveTask(CUONG, year);
		files = await tempStore();
	});

	const lines = (narrative: string, extra: Record<string, Line> = {}): Posted => ({
		lines: {
			[NUMBER_ACTION]: { status: 'in_progress', value: '30', narrative },
			[task]: { status: 'not_started' },
			...extra
		}
	});

	it('version 1 carries a file on each of two lines', async () => {
		who = await opened(CUONG);
		const made = await submitted(
			who,
			Q,
			lines('Bản đầu.', {
				[NUMBER_ACTION]: {
					status: 'in_progress',
					value: '30',
					narrative: 'Bản đầu.',
					files: [fileOf('anh.png', await png(), 'image/png')]
				},
				[task]: { status: 'not_started', files: [fileOf('Biên bản.pdf', pdf())] }
			}),
			files.store
		);
		v1 = made;
		const [report] = await loadReports(t.db, who.r.member, year.id);
		expect(report.files.map((f) => [f.line_key, f.name, f.media_type])).toEqual([
			[NUMBER_ACTION, 'anh.png', 'image/png'],
			[task, 'Biên bản.pdf', 'application/pdf']
		]);
		[photoId, pdfId] = report.files.map((f) => f.id);
		expect(await blobsIn(files.dir)).toHaveLength(2);
	});

	it('version 2 supersedes it and keeps only the file kept on its own line', async () => {
		who = await opened(CUONG);
		const v2 = await submitted(
			who,
			Q,
			lines('Bản sửa: thêm số liệu tháng.', {
				[NUMBER_ACTION]: {
					status: 'in_progress',
					value: '35',
					narrative: 'Bản sửa: thêm số liệu tháng.',
					keep: [photoId]
				},
				// The PDF's id under another line's key is not that line's file: it is dropped.
				[YES_NO_ACTION]: { status: 'not_started', keep: [pdfId] }
			}),
			files.store
		);
		expect(v2).toEqual({ id: expect.any(Number), version: 2, late: false });
		expect(await reportRow(v2.id)).toMatchObject({ version: 2, supersedes_id: v1.id });
		const latest = latestByPeriod(await loadReports(t.db, who.r.member, year.id)).get(Q)!;
		expect(latest.files.map((f) => [f.id, f.line_key])).toEqual([[photoId, NUMBER_ACTION]]);
		expect(
			(await auditOf(t.db, 'report.submitted')).find((a) => a.entity_id === String(v2.id))?.changes
		).toEqual({ period: Q, version: 2, files: 1 });
	});

	it('version 3 keeps nothing: its files are gone from it, not from the record', async () => {
		who = await opened(CUONG);
		const v3 = await submitted(who, Q, lines('Bản sửa lần hai.'), files.store);
		expect(v3.version).toBe(3);
		const reports = await loadReports(t.db, who.r.member, year.id);
		expect(reports.map((x) => [x.version, x.files.length])).toEqual([
			[3, 0],
			[2, 1],
			[1, 2]
		]);
		// Earlier versions still show them: files are final, as the reports that show them.
		expect(await countOf('evidence_files', CUONG)).toBe(2);
		expect(await blobsIn(files.dir)).toHaveLength(2);
	});

	it('the latest version as stored, sent again, is refused as unchanged', async () => {
		who = await opened(CUONG);
		const latest = latestByPeriod(who.r.reports).get(Q)!;
		expect(
			await submitReport(
				who.ctx,
				who.r,
				Q,
				{ content: latest.content, selfRating: null, uploads: [], kept: new Map() },
				files.store
			)
		).toEqual(refuse('unchanged'));
		expect(await countOf('period_reports', CUONG)).toBe(3);
	});

	it('the same form posted again is refused as unchanged', async () => {
		// What the page posts when the member sends the correction form untouched.
		who = await opened(CUONG);
		expect(await submit(who, Q, lines('Bản sửa lần hai.'), files.store)).toEqual(
			refuse('unchanged')
		);
		expect(await countOf('period_reports', CUONG)).toBe(3);
	});
});

describe('two first reports of the same quarter at the same moment', () => {
	it('keep exactly one version 1, and leave no file of the other behind', async () => {
		const card = await newcomer();
		const task = await giveTask(card, year);
		const { store, dir } = await tempStore();
		// Two tabs (two requests) of the same member, both opened before either submitted.
		const tabs = await Promise.all([opened(card), opened(card)]);
		const results = await Promise.all(
			tabs.map((tab, i) =>
				submit(
					tab,
					Q,
					{
						lines: {
							[task]: {
								status: 'in_progress',
								value: String(i + 1),
								files: [fileOf(`tab${i}.pdf`, pdf(300 + i))]
							}
						}
					},
					store
				)
			)
		);
		const rows = await t.db
			.selectFrom('period_reports')
			.select(['version'])
			.where('member_id', '=', tree.members[card])
			.where('period', '=', Q)
			.execute();
		expect(rows.filter((x) => x.version === 1)).toHaveLength(1);
		const winners = results.filter((x) => x.ok);
		expect(winners.length).toBeGreaterThanOrEqual(1);
		expect(winners[0]).toMatchObject({ ok: true, value: { version: 1 } });
		// PGlite runs one transaction after the other, a server has them meet: either way the
		// second is told of the conflict, or (if it ever saw the first) stored as version 2.
		const second = results.find((x) => x !== winners[0])!;
		if (second.ok) expect(second.value.version).toBe(2);
		else expect(second).toEqual(refuse('conflict'));

		const stored = await t.db
			.selectFrom('evidence_files')
			.select('storage_key')
			.where('member_id', '=', tree.members[card])
			.execute();
		expect(await blobsIn(dir)).toEqual(stored.map((f) => f.storage_key).sort());
	});
});

describe('late, early and impossible reports', () => {
	let task: string;
	let card: string;

	beforeAll(async () => {
		card = await newcomer();
		task = await giveTask(card, past);
	});

	it('a report after the due day is marked late by the database; its correction stays late', async () => {
		const q1 = quarter(past.year, 1);
		const late = await insertReport({
			card,
			yearId: past.id,
			period: 1,
			at: vn(shift(q1.dueOn, 1), '08:00:00')
		});
		expect(late.late).toBe(true);
		const who = await opened(card, past.year);
		const v2 = await submitted(who, 1, { lines: { [task]: { status: 'done', value: '4' } } });
		expect(v2).toEqual({ id: expect.any(Number), version: 2, late: true });
		expect(
			(await auditOf(t.db, 'report.submitted')).find((a) => a.entity_id === String(v2.id))?.changes
		).toEqual({ period: 1, version: 2, files: 0, late: true });
	});

	it('a report on time stays on time when it is corrected after the due day', async () => {
		const q2 = quarter(past.year, 2);
		const onTime = await insertReport({
			card,
			yearId: past.id,
			period: 2,
			at: vn(shift(q2.startsOn, 10))
		});
		expect(onTime.late).toBe(false);
		const who = await opened(card, past.year);
		expect(await submitted(who, 2, { lines: { [task]: { status: 'in_progress' } } })).toEqual({
			id: expect.any(Number),
			version: 2,
			late: false
		});
	});

	it('a first report made today for a quarter long past its due day is late', async () => {
		const who = await opened(card, past.year);
		expect(await submitted(who, 3, { lines: { [task]: { status: 'failed' } } })).toMatchObject({
			version: 1,
			late: true
		});
		const after = await opened(card, past.year);
		const states = periodSummaries(after.r).map((p) => p.state);
		expect(states.slice(0, 3)).toEqual(['reported_late', 'reported', 'reported_late']);
	});

	it('the app refuses a quarter that has not started, and one the year does not have', async () => {
		const other = await newcomer();
		const otherTask = await giveTask(other, year);
		const who = await opened(other);
		const start = quarter(Y, Q).startsOn;
		who.r.today = shift(start, -1);
		const posted: Posted = { lines: { [otherTask]: { status: 'not_started' } } };
		expect(await submit(who, Q, posted)).toEqual(
			refuse('not_started', { detail: { date: start } })
		);
		who.r.today = TODAY;
		expect(await submit(who, 5, posted)).toEqual(refuse('not_found'));
		expect(await submit(who, 0, posted)).toEqual(refuse('not_found'));
		expect(await countOf('period_reports', other)).toBe(0);
	});

	it('a member with nothing to report on is told so', async () => {
		const idle = await newcomer();
		const who = await opened(idle);
		expect(who.r.reportables).toEqual([]);
		expect(await submit(who, Q, {})).toEqual(refuse('nothing'));
	});
});

// The rules the database holds by itself, for rows written directly (0016).
describe('the database', () => {
	let card: string;
	beforeAll(async () => {
		card = await newcomer();
	});

	it('refuses a report before its period starts, by Vietnam’s calendar day', async () => {
		const start = quarter(Y, Q).startsOn;
		const early = await errorOf(
			insertReport({ card, yearId: year.id, period: Q, at: vn(shift(start, -1), '23:59:59') })
		);
		expect(constraintOf(early)).toBe('period_reports_started_check');
		// Midnight in Hà Nội is still the day before in UTC: the period has begun.
		const first = await insertReport({
			card,
			yearId: year.id,
			period: Q,
			at: vn(start, '00:00:00')
		});
		expect(first).toMatchObject({ version: 1, late: false });
	});

	it('marks late what comes after the due day, by Vietnam’s calendar day', async () => {
		const q1 = quarter(past.year, 1);
		const q2 = quarter(past.year, 2);
		// The flag is the database's to set: what the writer claims is overruled either way.
		const lastMinute = await insertReport({
			card,
			yearId: past.id,
			period: 1,
			at: vn(q1.dueOn, '23:59:59'),
			late: true
		});
		expect(lastMinute.late).toBe(false);
		const nextDay = await insertReport({
			card,
			yearId: past.id,
			period: 2,
			at: vn(shift(q2.dueOn, 1), '00:00:00'),
			late: false
		});
		expect(nextDay.late).toBe(true);
		// A correction carries its first version's flag, whenever it comes.
		const lateFix = await insertReport({
			card,
			yearId: past.id,
			period: 1,
			version: 2,
			supersedes: lastMinute.id,
			at: vn(shift(q1.dueOn, 60))
		});
		expect(lateFix.late).toBe(false);
		const earlyFix = await insertReport({
			card,
			yearId: past.id,
			period: 2,
			version: 2,
			supersedes: nextDay.id,
			at: vn(shift(q2.dueOn, 2))
		});
		expect(earlyFix.late).toBe(true);
	});

	it('refuses a fifth quarter', async () => {
		const err = await errorOf(
			insertReport({ card, yearId: past.id, period: 5, at: vn(`${past.year}-12-20`) })
		);
		expect(constraintOf(err)).toBe('period_reports_period_check');
	});

	it('refuses another member’s registration, and a chain that skips or forks', async () => {
		const someoneElses = await approvedRegistration(await newcomer(), year);
		const foreign = await errorOf(
			insertReport({
				card,
				yearId: year.id,
				period: OTHER_Q,
				at: vn(quarter(Y, OTHER_Q).startsOn),
				registrationId: someoneElses
			})
		);
		expect(constraintOf(foreign)).toBe('period_reports_registration_check');

		const start = quarter(past.year, 3).startsOn;
		const v1 = await insertReport({ card, yearId: past.id, period: 3, at: vn(start) });
		const chain = (v: { version: number; supersedes: number | null }) =>
			errorOf(insertReport({ card, yearId: past.id, period: 3, at: vn(start), ...v }));
		expect(constraintOf(await chain({ version: 3, supersedes: v1.id }))).toBe(
			'period_reports_version_chain_check'
		);
		expect(constraintOf(await chain({ version: 2, supersedes: null }))).toBe(
			'period_reports_version_chain_check'
		);
		await insertReport({
			card,
			yearId: past.id,
			period: 3,
			at: vn(start),
			version: 2,
			supersedes: v1.id
		});
		expect(['period_reports_supersedes_key', 'period_reports_member_period_version_key']).toContain(
			constraintOf(await chain({ version: 2, supersedes: v1.id }))
		);
	});
});

describe('evidence files', () => {
	let card: string;
	let task: string;

	beforeAll(async () => {
		card = await newcomer();
		task = await giveTask(card, year);
	});

	it('refuses a PNG named as a PDF on the line’s file field, and writes nothing', async () => {
		const { store, dir } = await tempStore();
		const who = await opened(card);
		const result = await submit(
			who,
			Q,
			{ lines: { [task]: { status: 'done', files: [fileOf('x.pdf', await png())] } } },
			store
		);
		expect(result).toEqual({
			ok: false,
			problem: {
				code: 'evidence_mismatch',
				detail: { name: 'x.pdf' },
				field: `r_${task}_files`
			}
		});
		expect(filesField(task)).toBe(`r_${task}_files`);
		expect(await countOf('period_reports', card)).toBe(0);
		expect(await countOf('evidence_files', card)).toBe(0);
		expect(await blobsIn(dir)).toEqual([]);
	});

	it('refuses a web page named as a photo', async () => {
		const { store, dir } = await tempStore();
		const who = await opened(card);
		const html = new TextEncoder().encode(
			'<!doctype html><html><body><script>alert(1)</script></body></html>'
		);
		const result = await submit(
			who,
			Q,
			{ lines: { [task]: { status: 'done', files: [fileOf('photo.jpg', html, 'image/jpeg')] } } },
			store
		);
		expect(result).toMatchObject({
			ok: false,
			problem: { code: 'evidence_type', field: filesField(task) }
		});
		expect(await countOf('period_reports', card)).toBe(0);
		expect(await blobsIn(dir)).toEqual([]);
	});

	it('refuses more than ten files in one report', async () => {
		const who = await opened(card);
		const many = Array.from({ length: 11 }, (_, i) => fileOf(`${i}.pdf`, pdf()));
		expect(
			await submit(who, Q, { lines: { [task]: { status: 'done', files: many } } })
		).toMatchObject({ ok: false, problem: { code: 'too_many_files', field: filesField(task) } });
	});

	it('stores a phone photo without its GPS position, with its type, size and digest', async () => {
		const { store, dir } = await tempStore();
		const photo = await photoWithGps();
		const who = await opened(card);
		const made = await submitted(
			who,
			Q,
			{
				lines: {
					[task]: {
						status: 'done',
						value: '4',
						files: [fileOf('Ảnh sinh hoạt chi bộ.jpeg', photo, 'image/jpeg')]
					}
				}
			},
			store
		);
		const row = await t.db
			.selectFrom('evidence_files as f')
			.innerJoin('period_report_evidence as e', 'e.file_id', 'f.id')
			.selectAll('f')
			.select('e.line_key')
			.where('e.report_id', '=', made.id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			member_id: tree.members[card],
			year_id: year.id,
			name: 'Ảnh sinh hoạt chi bộ.jpg',
			media_type: 'image/jpeg',
			line_key: task,
			uploaded_by_account_id: await accountOf(card)
		});
		expect(await blobsIn(dir)).toEqual([row.storage_key]);

		const blob = await bytesOf((await store.get(row.storage_key))!);
		expect(row.size_bytes).toBe(blob.length);
		expect(row.sha256).toBe(sha256(blob));
		const meta = await sharp(blob).metadata();
		expect(meta.format).toBe('jpeg');
		expect(meta.exif).toBeUndefined();
		expect(blob.includes(LATITUDE_SECONDS)).toBe(false);
		expect(blob.includes('SN-123456789')).toBe(false);
	});

	it('removes the files written for a report the database refuses: a conflict', async () => {
		const { store, dir } = await tempStore();
		const other = await newcomer();
		const otherTask = await giveTask(other, year);
		// A tab opened before another tab's report: it no longer knows the period's latest version.
		const stale = await opened(other);
		await submitted(await opened(other), Q, { lines: { [otherTask]: { status: 'in_progress' } } });
		const result = await submit(
			stale,
			Q,
			{ lines: { [otherTask]: { status: 'done', files: [fileOf('bb.pdf', pdf())] } } },
			store
		);
		expect(result).toEqual(refuse('conflict'));
		expect(await blobsIn(dir)).toEqual([]);
		expect(await countOf('evidence_files', other)).toBe(0);
	});

	it('removes the files written for a report the database refuses: the year closed meanwhile', async () => {
		const y = await freshPastYear();
		const other = await newcomer();
		const otherTask = await giveTask(other, y);
		const { store, dir } = await tempStore();
		const who = await opened(other, y.year);
		await closeYear(y.id);
		const result = await submit(
			who,
			1,
			{ lines: { [otherTask]: { status: 'done', files: [fileOf('anh.png', await png())] } } },
			store
		);
		expect(result).toEqual(refuse('year_closed'));
		expect(await blobsIn(dir)).toEqual([]);
		expect(await countOf('period_reports', other)).toBe(0);
		expect(await countOf('evidence_files', other)).toBe(0);
	});

	it('removes the files written for a report the database refuses: not started by its clock', async () => {
		// The page's today says next year's first quarter has begun; the database's now() says not.
		const next = await openYear(t.db, tree.units.B.id, { year: Y + 1 });
		const other = await newcomer();
		const otherTask = await giveTask(other, next);
		const { store, dir } = await tempStore();
		const who = await opened(other, next.year);
		who.r.today = `${Y + 1}-01-15`;
		const result = await submit(
			who,
			1,
			{ lines: { [otherTask]: { status: 'done', files: [fileOf('bb.pdf', pdf())] } } },
			store
		);
		expect(result).toEqual(refuse('not_started', { detail: { date: `${Y + 1}-01-01` } }));
		expect(await blobsIn(dir)).toEqual([]);
		expect(await countOf('period_reports', other)).toBe(0);
		expect(await countOf('evidence_files', other)).toBe(0);
	});

	it('refuses what would take the member past their quota (EVIDENCE_QUOTA_MB)', async () => {
		const other = await newcomer();
		const otherTask = await giveTask(other, year);
		const { store, dir } = await tempStore();
		const before = process.env.EVIDENCE_QUOTA_MB;
		process.env.EVIDENCE_QUOTA_MB = '1';
		try {
			// 600 kB fits in 1 MB; 600 kB more does not.
			await submitted(
				await opened(other),
				Q,
				{
					lines: { [otherTask]: { status: 'in_progress', files: [fileOf('a.pdf', pdf(600_000))] } }
				},
				store
			);
			const who = await opened(other);
			const result = await submit(
				who,
				Q,
				{ lines: { [otherTask]: { status: 'done', files: [fileOf('b.pdf', pdf(600_000))] } } },
				store
			);
			expect(result).toEqual(refuse('quota', { field: filesField(otherTask), detail: { mb: 1 } }));
			expect(await blobsIn(dir)).toHaveLength(1);
			expect(await countOf('period_reports', other)).toBe(1);
		} finally {
			if (before === undefined) delete process.env.EVIDENCE_QUOTA_MB;
			else process.env.EVIDENCE_QUOTA_MB = before;
		}
	});
});

describe('reports, files and comments are final', () => {
	let card: string;
	let reportId: number;
	let fileId: number;
	let commentId: number;

	beforeAll(async () => {
		card = await newcomer();
		const task = await giveTask(card, year);
		const made = await submitted(await opened(card), Q, {
			lines: { [task]: { status: 'done', files: [fileOf('bb.pdf', pdf())] } }
		});
		reportId = made.id;
		fileId = (await loadReports(t.db, handle(card), year.id))[0].files[0].id;
		const sec = await secretary();
		const r = (await openReportsToRead(sec, handle(card), year.year))!;
		const c = await addComment(
			sec,
			handle(card),
			r,
			{ body: 'Tốt.', reportId, actionKey: null },
			'http://localhost'
		);
		if (!c.ok) throw new Error(`comment refused: ${c.problem.code}`);
		commentId = c.value;
	});

	it('no row is changed or removed, nor a table emptied', async () => {
		// Built, not run: each runs when its refusal is awaited.
		const statements = [
			['period_reports', t.db.updateTable('period_reports').set({ late: true })],
			['period_reports', t.db.deleteFrom('period_reports').where('id', '=', reportId)],
			['evidence_files', t.db.updateTable('evidence_files').set({ name: 'khac.pdf' })],
			['evidence_files', t.db.deleteFrom('evidence_files').where('id', '=', fileId)],
			[
				'period_report_evidence',
				t.db.updateTable('period_report_evidence').set({ line_key: 'abcdefghij' })
			],
			[
				'period_report_evidence',
				t.db.deleteFrom('period_report_evidence').where('report_id', '=', reportId)
			],
			['member_comments', t.db.updateTable('member_comments').set({ body: 'Đổi.' })],
			['member_comments', t.db.deleteFrom('member_comments').where('id', '=', commentId)]
		] as const;
		for (const [table, statement] of statements)
			await expect(statement.execute(), table).rejects.toMatchObject({
				code: '42501',
				constraint: `${table}_immutable`
			});
		for (const table of [
			'period_reports',
			'evidence_files',
			'period_report_evidence',
			'member_comments'
		])
			await expect(
				sql`truncate ${sql.table(table)} cascade`.execute(t.db),
				table
			).rejects.toMatchObject({ constraint: `${table}_immutable` });
		expect(await reportRow(reportId)).toMatchObject({ late: false });
	});

	it('a report shows only its own member’s files, a comment is on its own member’s report', async () => {
		const stranger = await newcomer();
		const strangerTask = await giveTask(stranger, year);
		const theirs = await submitted(await opened(stranger), Q, {
			lines: { [strangerTask]: { status: 'done' } }
		});
		const link = await errorOf(
			t.db
				.insertInto('period_report_evidence')
				.values({ report_id: theirs.id, file_id: fileId, line_key: strangerTask })
				.execute()
		);
		expect(constraintOf(link)).toBe('period_report_evidence_member_check');
		const comment = await errorOf(
			t.db
				.insertInto('member_comments')
				.values({
					member_id: tree.members[stranger],
					year_id: year.id,
					report_id: reportId,
					body: 'Nhầm người.',
					author_account_id: tree.accounts.secretary
				})
				.execute()
		);
		expect(constraintOf(comment)).toBe('member_comments_report_check');
	});
});

describe('downloading a file', () => {
	let card: string;
	let fileId: number;
	let bytes: Buffer;
	let files: { store: BlobStore; dir: string };

	beforeAll(async () => {
		card = await newcomer();
		const task = await giveTask(card, year);
		files = await tempStore();
		bytes = pdf(1234);
		await submitted(
			await opened(card),
			Q,
			{ lines: { [task]: { status: 'done', files: [fileOf('Báo cáo.pdf', bytes)] } } },
			files.store
		);
		fileId = (await loadReports(t.db, handle(card), year.id))[0].files[0].id;
	});

	const readsOf = async (memberCard: string) =>
		(await auditOf(t.db, 'member.read')).filter(
			(a) => a.entity_id === String(tree.members[memberCard])
		).length;

	it('the member gets their own file, and no read is logged', async () => {
		const file = await openEvidence(await as(card), fileId, files.store);
		expect(file).toMatchObject({
			name: 'Báo cáo.pdf',
			mediaType: 'application/pdf',
			size: bytes.length
		});
		expect(await bytesOf(file!.body)).toEqual(bytes);
		expect(await readsOf(card)).toBe(0);
	});

	it('the cell’s secretary gets it, and the read is in the access trail', async () => {
		const file = await openEvidence(await secretary(), fileId, files.store);
		expect(await bytesOf(file!.body)).toEqual(bytes);
		expect(await readsOf(card)).toBe(1);
	});

	it('a member of another cell, or of the same cell without a role, gets a 404', async () => {
		for (const who of [EM, CUONG])
			await expect(openEvidence(await as(who), fileId, files.store), who).rejects.toMatchObject({
				status: 404
			});
	});

	it('an unknown file, or one whose bytes are missing, is not there', async () => {
		expect(await openEvidence(await as(card), 999_999, files.store)).toBeUndefined();
		const empty = await tempStore();
		expect(await openEvidence(await as(card), fileId, empty.store)).toBeUndefined();
	});
});

describe('the cell’s comments', () => {
	let card: string;
	let task: string;
	let reportId: number;
	const origin = 'http://localhost';

	beforeAll(async () => {
		card = await newcomer();
		task = await giveTask(card, year);
		reportId = (await submitted(await opened(card), Q, { lines: { [task]: { status: 'done' } } }))
			.id;
	});

	const readAs = async (ctx: Ctx) => (await openReportsToRead(ctx, handle(card), year.year))!;

	it('the secretary comments on a report: the member is notified, the comment audited', async () => {
		const sec = await secretary();
		const body = 'Đề nghị bổ sung biên bản buổi hướng dẫn.';
		const result = await addComment(
			sec,
			handle(card),
			await readAs(sec),
			{ body, reportId, actionKey: null },
			origin
		);
		expect(result).toEqual({ ok: true, value: expect.any(Number) });
		const id = (result as { value: number }).value;

		const row = await t.db
			.selectFrom('member_comments')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(row).toMatchObject({
			member_id: tree.members[card],
			year_id: year.id,
			report_id: reportId,
			action_key: null,
			body,
			author_account_id: tree.accounts.secretary
		});
		const account = await accountOf(card);
		const notes = await t.db
			.selectFrom('notifications')
			.select(['account_id', 'kind', 'payload'])
			.where('kind', '=', 'report.comment')
			.where('account_id', '=', account)
			.execute();
		expect(notes).toEqual([
			{ account_id: account, kind: 'report.comment', payload: { comment_id: id, year_id: year.id } }
		]);
		expect(await listNotices(t.db, account, { unreadOnly: true, limit: 10 })).toEqual([
			expect.objectContaining({ kind: 'report.comment', year: year.year, comment: body })
		]);
		expect(
			(await auditOf(t.db, 'report.commented')).filter((a) => a.entity_id === String(id))
		).toEqual([
			{
				entity_id: String(id),
				unit_path: tree.units.C1.path,
				changes: { member_id: tree.members[card], report_id: reportId, action_key: null },
				actor_account_id: tree.accounts.secretary
			}
		]);
	});

	it('on one line of the member’s report; listed newest first', async () => {
		const sec = await secretary();
		const result = await addComment(
			sec,
			handle(card),
			await readAs(sec),
			{ body: 'Tốt, tiếp tục phát huy.', reportId, actionKey: task },
			origin
		);
		expect(result).toEqual({ ok: true, value: expect.any(Number) });
		const comments = await listComments(t.db, handle(card), year.id);
		expect(comments.map((c) => [c.action_key, c.author])).toEqual([
			[task, 'Nguyễn Văn An'],
			[null, 'Nguyễn Văn An']
		]);
	});

	it('not on a line the member does not report on, nor on another member’s report', async () => {
		const sec = await secretary();
		const r = await readAs(sec);
		expect(
			await addComment(
				sec,
				handle(card),
				r,
				{ body: 'Nhận xét.', reportId, actionKey: 'zzzzzzzzzz' },
				origin
			)
		).toEqual(refuse('not_found'));
		const stranger = await newcomer();
		const strangerTask = await giveTask(stranger, year);
		const another = (
			await submitted(await opened(stranger), Q, { lines: { [strangerTask]: { status: 'done' } } })
		).id;
		expect(
			await addComment(
				sec,
				handle(card),
				r,
				{ body: 'Nhận xét.', reportId: another, actionKey: null },
				origin
			)
		).toEqual(refuse('not_found'));
		expect(await countOf('member_comments', card)).toBe(2);
	});

	it('not by the member on themselves, nor by a member without the right', async () => {
		// The member, a member of another cell, a member of the same cell without a role.
		const r = await readAs(await secretary());
		for (const who of [card, EM, CUONG])
			expect(
				await addComment(
					await as(who),
					handle(card),
					r,
					{ body: 'Nhận xét.', reportId, actionKey: null },
					origin
				),
				who
			).toEqual(refuse('not_found'));
		expect(await countOf('member_comments', card)).toBe(2);
	});

	it('not in a closed year, whether the page saw it closed or it closed meanwhile', async () => {
		const y = await freshPastYear();
		const other = await newcomer();
		await giveTask(other, y);
		const sec = await secretary();
		const before = (await openReportsToRead(sec, handle(other), y.year))!;
		await closeYear(y.id);
		const after = (await openReportsToRead(sec, handle(other), y.year))!;
		const comment = { body: 'Nhận xét cuối năm.', reportId: null, actionKey: null };
		expect(await addComment(sec, handle(other), after, comment, origin)).toEqual(
			refuse('year_closed')
		);
		expect(await addComment(sec, handle(other), before, comment, origin)).toEqual(
			refuse('year_closed')
		);
		expect(await countOf('member_comments', other)).toBe(0);
		// Nor a report written directly in it.
		const err = await errorOf(
			insertReport({ card: other, yearId: y.id, period: 1, at: vn(`${y.year}-02-01`) })
		);
		expect(constraintOf(err)).toBe('period_reports_year_open_check');
	});
});

describe('a report on a member’s behalf', () => {
	it('by the secretary: marked on behalf, under the secretary’s name', async () => {
		const card = await newcomer();
		const task = await giveTask(card, year);
		const ctx = await secretary();
		const r = await openReportsOnBehalf(ctx, handle(card), year.year);
		expect(r?.member.id).toBe(tree.members[card]);
		const made = await submitted({ ctx, r: r! }, Q, { lines: { [task]: { status: 'done' } } });
		expect(await reportRow(made.id)).toMatchObject({
			member_id: tree.members[card],
			on_behalf: true,
			submitted_by_account_id: tree.accounts.secretary
		});
		const [report] = await loadReports(t.db, handle(card), year.id);
		expect(report).toMatchObject({ on_behalf: true, submitted_by: 'Nguyễn Văn An' });
		expect(
			(await auditOf(t.db, 'report.submitted')).find((a) => a.entity_id === String(made.id))
		).toMatchObject({
			changes: { period: Q, version: 1, files: 0, on_behalf: true },
			actor_account_id: tree.accounts.secretary
		});
	});

	it('not by a member of the same cell without a role, nor by the secretary for themselves', async () => {
		expect(await openReportsOnBehalf(await as(CUONG), handle(BINH), year.year)).toBeUndefined();
		expect(await openReportsOnBehalf(await secretary(), handle(AN), year.year)).toBeUndefined();
		// The lone secretary's own reports fall to the committee above, as their registration.
		const committee = await ctxFor(t.db, tree.accounts.committee);
		expect(await openReportsOnBehalf(committee, handle(AN), year.year)).toBeDefined();
	});
});

// The page's own plumbing (reports/form.ts): the posted form read back, the stored report shown.
describe('the report page', () => {
	let card: string;
	let task: string;
	const route = '/(app)/registrations/[year]/reports/[period]';

	beforeAll(async () => {
		card = await newcomer();
		task = await giveTask(card, year);
	});

	const post = async (form: FormData) => {
		const who = await opened(card);
		const event = requestEvent(who.ctx, route, {
			params: { year: String(Y), period: String(Q) },
			form
		});
		return submitFromForm(event, who.ctx, who.r, Q);
	};

	it('refuses a value that is not a number, on its field, and stores nothing', async () => {
		const form = new FormData();
		form.set(lineField(task, 'status'), 'in_progress');
		form.set(lineField(task, 'value'), 'bốn');
		form.set(lineField(task, 'narrative'), '');
		expect(await post(form)).toMatchObject({
			status: 400,
			data: { errors: { [lineField(task, 'value')]: expect.any(String) } }
		});
		expect(await countOf('period_reports', card)).toBe(0);
	});

	it('takes a decimal comma, and a file input left empty is no file', async () => {
		const form = new FormData();
		form.set(lineField(task, 'status'), 'in_progress');
		form.set(lineField(task, 'value'), '2,5');
		form.set(lineField(task, 'narrative'), 'Giữa kỳ.');
		// What a browser posts for a file input nobody chose a file in.
		form.set(lineField(task, 'files'), new File([], '', { type: 'application/octet-stream' }));
		expect(await post(form)).toBeUndefined();
		const [report] = await loadReports(t.db, handle(card), year.id);
		expect(report.content.lines).toEqual([
			{
				key: task,
				title: 'Hướng dẫn đảng viên mới',
				status: 'in_progress',
				value: 2.5,
				narrative: 'Giữa kỳ.'
			}
		]);
		expect(report.files).toEqual([]);
	});

	it('shows the latest report again as the form’s values, while the period is open', async () => {
		const who = await opened(card);
		const page = await reportForm(who.ctx, who.r, Q);
		expect(page.values.lines).toEqual([
			{ key: task, status: 'in_progress', value: '2,5', narrative: 'Giữa kỳ.' }
		]);
		expect(page).toMatchObject({ canSubmit: true, selfRating: true, comments: [] });
		expect(page.versions.map((v) => v.version)).toEqual([1]);
		who.r.today = shift(quarter(Y, Q).startsOn, -1);
		expect((await reportForm(who.ctx, who.r, Q)).canSubmit).toBe(false);
	});
});

describe('connected as the app role', () => {
	it('reports, corrects and comments as the owner does (the checks lock as the owner)', async () => {
		const card = await newcomer();
		const task = await giveTask(card, year);
		const { store } = await tempStore();
		const app = await connectAsApp(t);
		try {
			const first = await submitted(
				await opened(card, year.year, app.db),
				Q,
				{ lines: { [task]: { status: 'in_progress', files: [fileOf('a.pdf', pdf())] } } },
				store
			);
			const who = await opened(card, year.year, app.db);
			const fileId = who.r.reports[0].files[0].id;
			const second = await submitted(
				who,
				Q,
				{ lines: { [task]: { status: 'done', keep: [fileId] } } },
				store
			);
			expect(second).toMatchObject({ version: 2, late: false });
			const sec = await secretary(app.db);
			const r = (await openReportsToRead(sec, handle(card), year.year))!;
			expect(
				await addComment(
					sec,
					handle(card),
					r,
					{ body: 'Tốt.', reportId: second.id, actionKey: task },
					'http://localhost'
				)
			).toEqual({ ok: true, value: expect.any(Number) });
			await expect(
				app.db.deleteFrom('period_reports').where('id', '=', first.id).execute()
			).rejects.toMatchObject({ code: '42501' });
		} finally {
			await app.close();
		}
		expect(await countOf('period_reports', card)).toBe(2);
	});
});

// domain/years/periods.ts mirrors report_period_bounds() for display: the two must agree.
describe('the reporting calendar', () => {
	it('report_period_bounds agrees with periodsOf for quarters and months, leap year included', async () => {
		for (const y of [2027, 2028])
			for (const kind of ['quarterly', 'monthly'] as const)
				for (const due of [0, 10, 60]) {
					const expected = periodsOf(y, kind, due);
					const rows = await sql<{
						number: number;
						startsOn: string;
						endsOn: string;
						dueOn: string;
					}>`
						select n as "number", b.starts_on::text as "startsOn", b.ends_on::text as "endsOn",
							b.due_on::text as "dueOn"
						from generate_series(1, ${expected.length}::int) n,
							report_period_bounds(${y}::int, ${kind}::text, n, ${due}::int) b
						order by n`.execute(t.db);
					expect(rows.rows, `${y} ${kind} +${due}`).toEqual(expected);
				}
		// Spot checks, so both cannot be wrong the same way.
		expect(periodOf(2028, 'monthly', 2, 0)).toMatchObject({ endsOn: '2028-02-29' });
		expect(periodOf(2027, 'monthly', 2, 0)).toMatchObject({ endsOn: '2027-02-28' });
		expect(periodOf(2027, 'quarterly', 4, 10)).toMatchObject({
			startsOn: '2027-10-01',
			endsOn: '2027-12-31',
			dueOn: '2028-01-10'
		});
	});

	it('vietnam_date turns a moment into Vietnam’s calendar day', async () => {
		const day = async (at: string) =>
			(await sql<{ d: string }>`select vietnam_date(${at}::timestamptz)::text as d`.execute(t.db))
				.rows[0].d;
		expect(await day('2027-03-31T16:59:59Z')).toBe('2027-03-31');
		expect(await day('2027-03-31T17:00:00Z')).toBe('2027-04-01');
		expect(await day('2027-04-01T00:00:00+07:00')).toBe('2027-04-01');
	});
});

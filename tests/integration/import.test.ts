// Imports that write: create, re-import unchanged, corrected re-import, transfer, dry run, scope.
import type { Role } from '$lib/domain/roles';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImport } from '$lib/server/imports/run';
import type { ImportReport } from '$lib/server/imports/types';
import { seedTree, type Tree } from '../fixtures/import/tree';
import {
	day,
	MEMBER_HEADERS,
	memberRow,
	UNIT_HEADERS,
	xlsx,
	type MemberSpec,
	type Row
} from '../fixtures/import/workbooks';
import { createTestDb, type TestDb } from './helpers/db';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await seedTree(t.db);
});
afterAll(async () => t?.close());

const TODAY = '2026-03-02';
const CARD_TAKEN =
	'Không tạo được đảng viên với số thẻ này: số thẻ đã được dùng trong hệ thống. ' +
	'Nếu đảng viên chuyển đến từ đơn vị khác, đề nghị làm thủ tục chuyển sinh hoạt đảng.';

const UNITS = [
	UNIT_HEADERS,
	// The child comes before its parent: order in the file does not matter.
	['CB131', 'Chi bộ Phòng Kế hoạch', 'Chi bộ trực thuộc', 'DBBP13'],
	['DBBP13', 'Đảng bộ bộ phận Thanh tra', 'Đảng bộ bộ phận', 'DBCS1']
];

const MEMBERS: MemberSpec[] = [
	{
		card: '79.000101',
		name: 'Nguyễn Thị Hoa',
		cell: 'CB11',
		birth: day('1985-09-05'),
		gender: 'Nữ',
		joined: '19/05/2010',
		full: '2011-05-19',
		party: 'Bí thư chi bộ',
		phone: 912345678,
		email: 'Hoa.NT@example.vn'
	},
	{
		card: '79.000102',
		name: 'Trần Văn Bình',
		cell: 'CB131',
		status: 'Dự bị',
		joined: day('2025-06-01')
	},
	{ card: '79.000103', name: 'Lê Minh Châu', cell: 'cb11'.toUpperCase(), status: 'chinh thuc' }
];

// The same people after a secretary's corrections: a new name and phone, a status change.
const CORRECTED: MemberSpec[] = MEMBERS.map((s) =>
	s.card === '79.000101'
		? { ...s, name: 'Nguyễn Thị Hòa', phone: '0987 654 321' }
		: s.card === '79.000102'
			? { ...s, status: 'Chính thức', full: day('2026-02-01') }
			: s
);
const CORRECTED_UNITS = [
	UNITS[0],
	UNITS[1],
	['DBBP13', 'Đảng bộ bộ phận Thanh tra Sở', 'Đảng bộ bộ phận', 'DBCS1']
];

async function file(members = MEMBERS, units = UNITS) {
	return xlsx({ 'Tổ chức đảng': units, 'Đảng viên': [MEMBER_HEADERS, ...members.map(memberRow)] });
}

async function run(
	bytes: Uint8Array,
	opts: { dryRun?: boolean; as?: 'orgDept' | 'committee' } = {}
) {
	return runImport(tree[opts.as ?? 'orgDept'], {
		bytes,
		fileName: 'dang-vien.xlsx',
		dryRun: opts.dryRun ?? false,
		today: TODAY
	});
}

async function count(table: 'members' | 'org_units' | 'audit_log' | 'memberships' | 'accounts') {
	const r = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(
		t.db
	);
	return r.rows[0].n;
}

const expectApplied = (r: ImportReport) => {
	expect(r.issues).toEqual([]);
	expect(r.fileError).toBeNull();
	expect(r.status).toBe('applied');
};

// One sequence on the same file and its corrections: each import starts from what the previous
// one wrote.
describe.sequential('import', () => {
	it('checks without writing on a dry run', async () => {
		const before = await Promise.all([count('members'), count('org_units'), count('audit_log')]);
		const r = await run(await file(), { dryRun: true });
		expect(r.status).toBe('checked');
		expect(r.counts.units).toEqual({ create: 2, update: 0, unchanged: 0 });
		expect(r.counts.members.create).toBe(3);
		const after = await Promise.all([count('members'), count('org_units'), count('audit_log')]);
		expect(after).toEqual(before);
	});

	it('creates units, members, memberships, statuses and accounts', async () => {
		const r = await run(await file());
		expectApplied(r);
		expect(r.counts.units.create).toBe(2);
		expect(r.counts.members.create).toBe(3);
		const hoa = await t.db
			.selectFrom('members')
			.select([
				'id',
				'full_name',
				'birth_date',
				'gender',
				'joined_on',
				'full_member_on',
				'phone',
				'email'
			])
			.where('card_no', '=', '79.000101')
			.executeTakeFirstOrThrow();
		expect(hoa).toMatchObject({
			full_name: 'Nguyễn Thị Hoa',
			birth_date: '1985-09-05',
			gender: 'female',
			joined_on: '2010-05-19',
			full_member_on: '2011-05-19',
			phone: '0912345678',
			email: 'hoa.nt@example.vn'
		});
		const cell = await t.db
			.selectFrom('org_units')
			.select(['id', 'path', 'kind'])
			.where('code', '=', 'CB131')
			.executeTakeFirstOrThrow();
		expect(cell.path.startsWith(`/${tree.ids.KCQ}/${tree.ids.DBCS1}/`)).toBe(true);
		const binh = await t.db
			.selectFrom('members as m')
			.innerJoin('memberships as ms', 'ms.member_id', 'm.id')
			.innerJoin('member_statuses as st', 'st.member_id', 'm.id')
			.innerJoin('accounts as a', 'a.member_id', 'm.id')
			.select([
				'ms.unit_id',
				'ms.started_on',
				'st.status',
				'st.started_on as status_from',
				'a.login'
			])
			.select(['a.display_name', 'a.password_hash', 'a.must_change_password'])
			.where('m.card_no', '=', '79.000102')
			.executeTakeFirstOrThrow();
		expect(binh).toEqual({
			unit_id: cell.id,
			started_on: TODAY,
			status: 'probationary',
			status_from: '2025-06-01',
			login: '79.000102',
			display_name: 'Trần Văn Bình',
			password_hash: null,
			must_change_password: true
		});
		const actions = await sql<{ action: string; n: number; paths: number }>`
			select action, count(*)::int as n, count(unit_path)::int as paths from audit_log
			group by action order by action`.execute(t.db);
		expect(actions.rows).toEqual([
			{ action: 'account.created', n: 3, paths: 3 },
			{ action: 'import.applied', n: 1, paths: 1 },
			{ action: 'member.created', n: 3, paths: 3 },
			{ action: 'membership.started', n: 3, paths: 3 },
			{ action: 'unit.created', n: 2, paths: 2 }
		]);
		const applied = await t.db
			.selectFrom('audit_log')
			.select(['changes', 'unit_path', 'actor_account_id'])
			.where('action', '=', 'import.applied')
			.executeTakeFirstOrThrow();
		expect(applied.unit_path).toBe(`/${tree.ids.KCQ}/${tree.ids.DBCS1}/`);
		expect(applied.actor_account_id).toBe(tree.orgDept.actor.accountId);
		expect(JSON.stringify(applied.changes)).not.toMatch(/Hoa|79\.000/);
	});

	it('changes nothing when the same file is imported again', async () => {
		const before = await Promise.all([count('members'), count('audit_log'), count('memberships')]);
		const r = await run(await file());
		expectApplied(r);
		expect(r.counts.units).toEqual({ create: 0, update: 0, unchanged: 2 });
		expect(r.counts.members).toEqual({
			create: 0,
			update: 0,
			unchanged: 3,
			transfer: 0,
			status: 0
		});
		expect(r.outcomes).toEqual([]);
		expect(await Promise.all([count('members'), count('audit_log'), count('memberships')])).toEqual(
			before
		);
	});

	it('updates a corrected file in place, with before → after in the audit trail', async () => {
		const r = await run(await file(CORRECTED, CORRECTED_UNITS));
		expectApplied(r);
		expect(r.counts.units).toEqual({ create: 0, update: 1, unchanged: 1 });
		expect(r.counts.members).toMatchObject({ update: 2, unchanged: 1, status: 1, transfer: 0 });
		const hoa = await t.db
			.selectFrom('members as m')
			.innerJoin('accounts as a', 'a.member_id', 'm.id')
			.select(['m.id', 'm.full_name', 'm.phone', 'm.email', 'a.display_name'])
			.where('m.card_no', '=', '79.000101')
			.executeTakeFirstOrThrow();
		expect(hoa).toMatchObject({
			full_name: 'Nguyễn Thị Hòa',
			phone: '0987 654 321',
			email: 'hoa.nt@example.vn',
			display_name: 'Nguyễn Thị Hòa'
		});
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['changes', 'unit_path'])
			.where('action', '=', 'member.updated')
			.where('entity_id', '=', String(hoa.id))
			.executeTakeFirstOrThrow();
		expect(audit.changes).toEqual({
			full_name: ['Nguyễn Thị Hoa', 'Nguyễn Thị Hòa'],
			phone: ['0912345678', '0987 654 321']
		});
		expect(audit.unit_path).toBe(`/${tree.ids.KCQ}/${tree.ids.DBCS1}/${tree.ids.CB11}/`);
		const statuses = await t.db
			.selectFrom('member_statuses as st')
			.innerJoin('members as m', 'm.id', 'st.member_id')
			.select(['st.status', 'st.started_on', 'st.ended_on'])
			.where('m.card_no', '=', '79.000102')
			.orderBy('st.id')
			.execute();
		expect(statuses).toEqual([
			{ status: 'probationary', started_on: '2025-06-01', ended_on: TODAY },
			{ status: 'official', started_on: TODAY, ended_on: null }
		]);
		const unit = await t.db
			.selectFrom('audit_log')
			.select('changes')
			.where('action', '=', 'unit.updated')
			.executeTakeFirstOrThrow();
		expect(unit.changes).toEqual({
			name: ['Đảng bộ bộ phận Thanh tra', 'Đảng bộ bộ phận Thanh tra Sở']
		});
	});

	it('treats a changed cell code as a transfer', async () => {
		const moved = CORRECTED.map((s) => (s.card === '79.000103' ? { ...s, cell: 'CB12' } : s));
		const r = await run(await file(moved, CORRECTED_UNITS));
		expectApplied(r);
		expect(r.counts.members).toMatchObject({ transfer: 1 });
		expect(r.outcomes).toEqual([
			expect.objectContaining({ key: '79.000103', action: 'update', transfer: true })
		]);
		const rows = await t.db
			.selectFrom('memberships as ms')
			.innerJoin('members as m', 'm.id', 'ms.member_id')
			.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
			.select(['u.code', 'ms.started_on', 'ms.ended_on', 'ms.end_reason'])
			.where('m.card_no', '=', '79.000103')
			.orderBy('ms.id')
			.execute();
		expect(rows).toEqual([
			{ code: 'CB11', started_on: TODAY, ended_on: TODAY, end_reason: 'transfer' },
			{ code: 'CB12', started_on: TODAY, ended_on: null, end_reason: null }
		]);
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['action', 'unit_path'])
			.where('action', 'in', ['membership.ended', 'membership.started'])
			.orderBy('id', 'desc')
			.limit(2)
			.execute();
		expect(audit.map((a) => a.action).sort()).toEqual(['membership.ended', 'membership.started']);
	});

	it('refuses targets outside the importer’s scope without revealing them, and writes nothing', async () => {
		const before = await Promise.all([count('members'), count('audit_log')]);
		const outside: MemberSpec[] = [
			{ card: '79.000201', name: 'Phạm Văn Dũng', cell: 'CB21' },
			{ card: '79.000202', name: 'Võ Thị Lan', cell: 'NOPE99' },
			{ card: '79.000203', name: 'Đỗ Văn Hùng', cell: 'CB11' }
		];
		const r = await run(await xlsx({ 'Đảng viên': [MEMBER_HEADERS, ...outside.map(memberRow)] }), {
			as: 'committee'
		});
		expect(r.status).toBe('invalid');
		expect(r.issues).toEqual([
			{
				sheet: 'Đảng viên',
				row: 2,
				column: 'Mã chi bộ (H)',
				message: 'Chi bộ "CB21" không tìm thấy hoặc ngoài phạm vi quản lý.'
			},
			{
				sheet: 'Đảng viên',
				row: 3,
				column: 'Mã chi bộ (H)',
				message: 'Chi bộ "NOPE99" không tìm thấy hoặc ngoài phạm vi quản lý.'
			}
		]);
		expect(await Promise.all([count('members'), count('audit_log')])).toEqual(before);
	});

	it('lets a committee member import members but not create units', async () => {
		const units = [UNIT_HEADERS, ['CB14', 'Chi bộ Phòng Tin học', 'Chi bộ trực thuộc', 'DBCS1']];
		const r = await run(await xlsx({ 'Tổ chức đảng': units }), { as: 'committee' });
		expect(r.issues).toEqual([
			expect.objectContaining({
				row: 2,
				column: 'Mã đơn vị cấp trên (D)',
				message: 'Đơn vị cấp trên "DBCS1" không tìm thấy hoặc ngoài phạm vi quản lý.'
			})
		]);
		const own = [
			UNIT_HEADERS,
			['DBCS1', 'Đảng bộ Sở Tài chính', 'Đảng bộ cơ sở', 'KCQ'],
			['CB11', 'Chi bộ Phòng Ngân sách', 'Chi bộ trực thuộc', 'DBCS1']
		];
		const unchanged = await run(await xlsx({ 'Tổ chức đảng': own }), { as: 'committee' });
		expectApplied(unchanged);
		expect(unchanged.counts.units).toEqual({ create: 0, update: 0, unchanged: 2 });
		const ok = await run(
			await xlsx({
				'Đảng viên': [
					MEMBER_HEADERS,
					memberRow({ card: '79.000301', name: 'Hà Văn Nam', cell: 'CB12' })
				]
			}),
			{ as: 'committee' }
		);
		expectApplied(ok);
		expect(ok.counts.members.create).toBe(1);
	});

	it('refuses to move a member into or out of a cell the importer cannot manage', async () => {
		const sheet = (cell: string) =>
			xlsx({
				'Đảng viên': [MEMBER_HEADERS, memberRow({ card: '79.000401', name: 'Chu Văn Khoa', cell })]
			});
		expectApplied(await run(await sheet('CB21')));
		// The member lives in DBCS2: the committee of DBCS1 may not take him, even into its own cell.
		const r = await run(await sheet('CB11'), { as: 'committee' });
		expect(r.issues).toEqual([
			{
				sheet: 'Đảng viên',
				row: 2,
				column: 'Số thẻ đảng viên (A)',
				message: CARD_TAKEN
			}
		]);
		const into = await run(
			await xlsx({
				'Đảng viên': [
					MEMBER_HEADERS,
					memberRow({ card: '79.000301', name: 'Hà Văn Nam', cell: 'CB21' })
				]
			}),
			{ as: 'committee' }
		);
		expect(into.issues[0].message).toBe('Chi bộ "CB21" không tìm thấy hoặc ngoài phạm vi quản lý.');
	});
});

// Continues from the imports above: Hoa (79.000101) and her cell are theirs.
describe('import transfers and renames', () => {
	it('end the roles a transferred member leaves behind, and audit a renamed account', async () => {
		const accountOf = (login: string) =>
			t.db.selectFrom('accounts').select('id').where('login', '=', login).executeTakeFirstOrThrow();
		const hoa = await accountOf('79.000101');
		const grant = async (role: Role, unitId: number) =>
			(
				await t.db
					.insertInto('role_assignments')
					.values({ account_id: hoa.id, role, unit_id: unitId, started_on: '2025-01-01' })
					.returning('id')
					.executeTakeFirstOrThrow()
			).id;
		const cell = await grant('cell_secretary', tree.ids.CB11);
		const committee = await grant('grassroots_committee_member', tree.ids.DBCS1);
		const bloc = await grant('inspection_commission', tree.ids.KCQ);
		const endedOn = async () =>
			Object.fromEntries(
				(
					await t.db
						.selectFrom('role_assignments')
						.select(['id', 'ended_on'])
						.where('id', 'in', [cell, committee, bloc])
						.execute()
				).map((r) => [r.id, r.ended_on])
			);
		const auditRows = (action: string) =>
			t.db
				.selectFrom('audit_log')
				.select(['entity_id', 'unit_path', 'changes', 'actor_account_id'])
				.where('action', '=', action)
				.orderBy('id')
				.execute();
		const spec = (card: string) => CORRECTED.find((s) => s.card === card)!;

		const within = await run(
			await file(
				[
					{ ...spec('79.000101'), cell: 'CB12' },
					{ ...spec('79.000102'), name: 'Trần Văn Bính' }
				],
				CORRECTED_UNITS
			)
		);
		expectApplied(within);
		expect(await endedOn()).toEqual({ [cell]: TODAY, [committee]: null, [bloc]: null });
		expect(await auditRows('role.ended')).toEqual([
			{
				entity_id: String(cell),
				unit_path: `/${tree.ids.KCQ}/${tree.ids.DBCS1}/${tree.ids.CB11}/`,
				changes: { ended_on: [null, TODAY] },
				actor_account_id: tree.orgDept.actor.accountId
			}
		]);
		const binh = await accountOf('79.000102');
		const cb131 = await t.db
			.selectFrom('org_units')
			.select('path')
			.where('code', '=', 'CB131')
			.executeTakeFirstOrThrow();
		const renamed = await auditRows('account.renamed');
		expect(renamed.filter((r) => r.entity_id === String(binh.id))).toEqual([
			{
				entity_id: String(binh.id),
				unit_path: cb131.path,
				changes: { display_name: ['Trần Văn Bình', 'Trần Văn Bính'] },
				actor_account_id: tree.orgDept.actor.accountId
			}
		]);

		const away = await run(await file([{ ...spec('79.000101'), cell: 'CB21' }], CORRECTED_UNITS));
		expectApplied(away);
		expect(await endedOn()).toEqual({ [cell]: TODAY, [committee]: TODAY, [bloc]: null });
		expect((await auditRows('role.ended')).map((r) => [r.entity_id, r.unit_path])).toEqual([
			[String(cell), `/${tree.ids.KCQ}/${tree.ids.DBCS1}/${tree.ids.CB11}/`],
			[String(committee), `/${tree.ids.KCQ}/${tree.ids.DBCS1}/`]
		]);
	});
});

describe('card numbers and unit codes outside the importer’s scope', () => {
	const memberFile = (card: string, extra: Row[] = []) =>
		xlsx({
			'Đảng viên': [MEMBER_HEADERS, memberRow({ card, name: 'Tạ Văn Sáu', cell: 'CB11' }), ...extra]
		});
	const unitFile = (code: string) =>
		xlsx({
			'Tổ chức đảng': [
				UNIT_HEADERS,
				[code, 'Chi bộ Phòng Thẩm định', 'Chi bộ trực thuộc', 'DBCS1']
			],
			'Đảng viên': [
				MEMBER_HEADERS,
				memberRow({ card: '79.000560', name: 'Lò Văn Bảy', cell: code })
			]
		});
	// Two reports that differ only in the key typed and the time taken say the same thing.
	const told = (r: ImportReport) => ({
		...r,
		ms: 0,
		outcomes: r.outcomes.map((o) => ({ ...o, key: '' }))
	});

	it('read as free in the dry run: the report is the one for a number nobody has', async () => {
		// 79.000501 belongs to a member of DBCS2; "bantochuc" is an account's login.
		expectApplied(
			await run(
				await xlsx({
					'Đảng viên': [
						MEMBER_HEADERS,
						memberRow({ card: '79.000501', name: 'Tạ Văn Sáu', cell: 'CB21' })
					]
				})
			)
		);
		const committee = { as: 'committee' as const, dryRun: true };
		const free = await run(await memberFile('79.000599'), committee);
		expect(free.status).toBe('checked');
		for (const card of ['79.000501', 'bantochuc'])
			expect(told(await run(await memberFile(card), committee)), card).toEqual(told(free));
		// A wrong row added so that nothing is written is read the same way: only that row is named.
		const wrong = [memberRow({ card: '79.000598', name: 'X', cell: 'CB11' })];
		const freeWrong = await run(await memberFile('79.000599', wrong), { as: 'committee' });
		expect(freeWrong.issues.map((i) => i.row)).toEqual([3]);
		expect(told(await run(await memberFile('79.000501', wrong), { as: 'committee' }))).toEqual(
			told(freeWrong)
		);
		// CBK1 is a cell of another bloc.
		const freeCode = await run(await unitFile('CB19'), { dryRun: true });
		expect(freeCode.status).toBe('checked');
		expect(told(await run(await unitFile('CBK1'), { dryRun: true }))).toEqual(told(freeCode));
	});

	it('are refused by the write alone, at their row and column, without saying where they are', async () => {
		const before = await Promise.all([count('members'), count('org_units'), count('audit_log')]);
		for (const card of ['79.000501', 'bantochuc'])
			expect((await run(await memberFile(card), { as: 'committee' })).issues, card).toEqual([
				{ sheet: 'Đảng viên', row: 2, column: 'Số thẻ đảng viên (A)', message: CARD_TAKEN }
			]);
		expect((await run(await unitFile('CBK1'))).issues).toEqual([
			{
				sheet: 'Tổ chức đảng',
				row: 2,
				column: 'Mã đơn vị (A)',
				message:
					'Không tạo được đơn vị với mã này: mã đã được dùng trong hệ thống. Đồng chí vui lòng kiểm tra lại mã đơn vị.'
			}
		]);
		expect(await Promise.all([count('members'), count('org_units'), count('audit_log')])).toEqual(
			before
		);
	});
});

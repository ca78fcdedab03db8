// Signed commitments as documents: the tamper check, the public verification of a code, and who
// gets which PDF. Commitments are signed through the real server functions; tampering is
// simulated as a database owner would do it, by switching the immutability trigger off.
import { requireMember } from '$lib/server/access/guard';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok } from '$lib/domain/result';
import { hashPassword } from '$lib/server/auth/password';
import {
	findMemberDocument,
	findOwnDocument,
	pdfFileName,
	renderDocument
} from '$lib/server/commitments/documents';
import { checkIntegrity, runIntegrityCheck } from '$lib/server/commitments/integrity';
import * as own from '$lib/server/commitments/member';
import { review } from '$lib/server/commitments/review';
import { verifyCommitment } from '$lib/server/commitments/verify';
import type { Db } from '$lib/server/db/connect';
import { load as verifyCodeLoad } from '../../src/routes/(auth)/verify/[code]/+page.server';
import { load as verifyFormLoad } from '../../src/routes/(auth)/verify/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent } from './helpers/event';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number };
const PASSWORD = 'mật khẩu của đảng viên';
const empty = { political: [], ethics: [], discipline: [], duties: [] };
/** Card number → the commitment they signed. */
const signed: Record<string, { id: number; code: string }> = {};

async function accountOf(card: string): Promise<number> {
	const a = await t.db
		.selectFrom('accounts')
		.select('id')
		.where('login', '=', card)
		.executeTakeFirstOrThrow();
	return a.id;
}

async function signAs(card: string, typedName: string): Promise<{ id: number; code: string }> {
	const ctx = await ctxFor(t.db, await accountOf(card));
	const c = await own.openOwn(ctx, year.year);
	if (!c) throw new Error(`no commitment for ${card}`);
	const result = await own.sign(ctx, c, {
		personal: { ...empty, duties: [`Hoàn thành nhiệm vụ năm ${year.year}.`] },
		typedName,
		password: PASSWORD,
		preview: own.previewOf(c),
		ip: '192.0.2.10',
		userAgent: 'vitest'
	});
	if (!result.ok) throw new Error(`signing refused: ${result.problem.code}`);
	return result.value;
}

/** What a database owner could do: switch the trigger off, edit the row, switch it back on. */
async function tamper(db: Db, id: number, edit: ReturnType<typeof sql>): Promise<void> {
	await sql`alter table commitments disable trigger commitments_immutable`.execute(db);
	try {
		await sql`update commitments set snapshot = ${edit} where id = ${id}`.execute(db);
	} finally {
		await sql`alter table commitments enable trigger commitments_immutable`.execute(db);
	}
}

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id);
	await t.db
		.updateTable('accounts')
		.set({ password_hash: await hashPassword(PASSWORD) })
		.execute();
	signed['10000002'] = await signAs('10000002', 'Trần Thị Bình'); // cell C1
	signed['10000005'] = await signAs('10000005', 'hoang van em'); // cell C2
	signed['10000007'] = await signAs('10000007', 'Bùi Quang Huy'); // grassroots cell GC
	const secretary = await ctxFor(t.db, tree.accounts.secretary);
	expect(await review(secretary, signed['10000002'].id, 'confirmed', '')).toEqual(ok());
});
afterAll(async () => t?.close());

// In order: untouched commitments first, then one snapshot edited behind the trigger per test, and
// the bloc-wide run counting both. The public verification below reads the edited one.
describe.sequential('the tamper check', () => {
	it('finds nothing wrong with untouched commitments, in batches and by scope', async () => {
		expect(await checkIntegrity(t.db, 'all')).toEqual({ checked: 3, mismatches: [] });
		expect(await checkIntegrity(t.db, 'all', 2)).toEqual({ checked: 3, mismatches: [] });
		expect((await checkIntegrity(t.db, [tree.units.C1.path])).checked).toBe(1);
		expect((await checkIntegrity(t.db, [tree.units.G1.path])).checked).toBe(2);
		expect((await checkIntegrity(t.db, [tree.units.C2.path, tree.units.GC.path])).checked).toBe(2);
		expect(await checkIntegrity(t.db, [])).toEqual({ checked: 0, mismatches: [] });
	});

	it('reports exactly the commitment whose snapshot was edited behind the trigger', async () => {
		const target = signed['10000005'];
		await tamper(
			t.db,
			target.id,
			sql`jsonb_set(snapshot, '{areas,3,personal,0}', '"Hoàn thành 50% nhiệm vụ."')`
		);
		// The trigger is back: the edit cannot be undone (or repeated) through SQL either.
		await expect(
			t.db.updateTable('commitments').set({ user_agent: 'x' }).where('id', '=', target.id).execute()
		).rejects.toMatchObject({ constraint: 'commitments_immutable' });

		const mismatch = {
			id: target.id,
			member_id: tree.members['10000005'],
			member_name: 'Hoàng Văn Em',
			cell: 'Đơn vị C2',
			year: year.year,
			version: 1
		};
		expect(await checkIntegrity(t.db, 'all')).toEqual({ checked: 3, mismatches: [mismatch] });
		expect(await checkIntegrity(t.db, 'all', 1)).toEqual({ checked: 3, mismatches: [mismatch] });
		expect(await checkIntegrity(t.db, [tree.units.C1.path])).toEqual({
			checked: 1,
			mismatches: []
		});
	});

	it('counts a snapshot edited into something without a canonical form as tampered', async () => {
		await tamper(t.db, signed['10000007'].id, sql`jsonb_set(snapshot, '{year}', '2027.5')`);
		const report = await checkIntegrity(t.db, [tree.units.GC.path]);
		expect(report.mismatches.map((r) => r.id)).toEqual([signed['10000007'].id]);
	});

	it('runs over the organization department’s bloc and is audited with its counts', async () => {
		const orgdept = await ctxFor(t.db, tree.accounts.orgdept);
		const report = await runIntegrityCheck(orgdept);
		expect(report.checked).toBe(3);
		expect(report.mismatches.map((r) => r.id).sort()).toEqual(
			[signed['10000005'].id, signed['10000007'].id].sort()
		);
		const rows = await t.db
			.selectFrom('audit_log')
			.select(['actor_account_id', 'unit_path', 'changes'])
			.where('action', '=', 'commitment.integrity_checked')
			.execute();
		expect(rows).toEqual([
			{
				actor_account_id: tree.accounts.orgdept,
				unit_path: tree.units.B.path,
				changes: { checked: 3, mismatched: 2 }
			}
		]);
		// Someone without 'year.manage' checks nothing.
		const secretary = await ctxFor(t.db, tree.accounts.secretary);
		expect(await runIntegrityCheck(secretary)).toEqual({ checked: 0, mismatches: [] });
	});
});

describe('the public verification', () => {
	it('vouches for an intact commitment, showing only what identifies it', async () => {
		const result = await verifyCommitment(t.db, signed['10000002'].code);
		expect(result).toEqual({
			status: 'valid',
			commitment: {
				fullName: 'Trần Thị Bình',
				unit: 'Đơn vị C1 – Đơn vị G1 – Đơn vị B',
				year: year.year,
				signedAt: expect.any(Date)
			}
		});
	});

	it('says a tampered commitment does not match, and an unknown code is not found', async () => {
		const tampered = await verifyCommitment(t.db, signed['10000005'].code);
		expect(tampered).toEqual({
			status: 'tampered',
			commitment: {
				fullName: 'Hoàng Văn Em',
				unit: 'Đơn vị C2 – Đơn vị G1 – Đơn vị B',
				year: year.year,
				signedAt: expect.any(Date)
			}
		});
		expect(await verifyCommitment(t.db, 'AAAAAAAAAAAA')).toEqual({ status: 'not_found' });
	});

	it('takes codes as people type them and sends each to one address', async () => {
		const code = signed['10000002'].code;
		const typed = `${code.slice(0, 4).toLowerCase()}-${code.slice(4, 8)} ${code.slice(8)}`;
		const anyone = { db: t.db };
		const form = (search = '') => requestEvent(anyone, '/(auth)/verify', { search }) as never;
		const page = (code: string) =>
			requestEvent(anyone, '/(auth)/verify/[code]', { params: { code } }) as never;
		// Loads may throw their redirect synchronously: run them as promises alike.
		await expect(
			(async () => verifyFormLoad(form(`?code=${encodeURIComponent(typed)}`)))()
		).rejects.toMatchObject({ status: 303, location: `/verify/${code}` });
		expect(await verifyFormLoad(form('?code=not-a-code'))).toEqual({
			value: 'not-a-code',
			invalid: true
		});
		expect(await verifyFormLoad(form())).toEqual({ value: '', invalid: false });
		await expect(verifyCodeLoad(page(typed))).rejects.toMatchObject({
			status: 308,
			location: `/verify/${code}`
		});
		expect(await verifyCodeLoad(page(code))).toMatchObject({
			code: `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`,
			result: { status: 'valid' }
		});
		expect(await verifyCodeLoad(page('xyz'))).toEqual({
			code: null,
			raw: 'xyz',
			result: null
		});
	});
});

describe('the public verification page', () => {
	const lookUp = (code: string, address: string) => {
		const event = requestEvent({ db: t.db }, '/(auth)/verify/[code]', { params: { code } });
		event.getClientAddress = () => address;
		return (async () => verifyCodeLoad(event as never))();
	};

	it('answers a look-up at most 60 times in a while per address, then says how long to wait', async () => {
		const code = signed['10000002'].code;
		for (let i = 0; i < 60; i++)
			expect(await lookUp(i % 2 ? code : 'AAAAAAAAAAAA', '198.51.100.80')).toMatchObject({
				result: { status: i % 2 ? 'valid' : 'not_found' }
			});
		await expect(lookUp(code, '198.51.100.80')).rejects.toMatchObject({
			status: 429,
			body: {
				message:
					'Địa chỉ này đã tra cứu quá nhiều mã trong thời gian ngắn. Vui lòng thử lại sau 15 phút.'
			}
		});
		// Another address is not affected; a malformed code never reaches the database.
		expect(await lookUp(code, '198.51.100.81')).toMatchObject({ result: { status: 'valid' } });
		expect(await lookUp('xyz', '198.51.100.80')).toMatchObject({ result: null });
	});
});

describe('the PDF downloads', () => {
	it('gives members their own versions by year and number', async () => {
		const member = await ctxFor(t.db, await accountOf('10000002'));
		const doc = await findOwnDocument(member, year.year, 1);
		expect(doc).toMatchObject({ id: signed['10000002'].id, decision: 'confirmed' });
		expect(pdfFileName(doc!)).toBe(`cam-ket-${year.year}-10000002-v1.pdf`);
		expect(await findOwnDocument(member, year.year, 2)).toBeUndefined();
		expect(await findOwnDocument(member, year.year - 1, 1)).toBeUndefined();
		const pdf = await renderDocument(doc!, 'https://camket.example.vn');
		expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
		// The administrator has no member record, hence no commitment of their own.
		const admin = await ctxFor(t.db, tree.accounts.admin);
		expect(await findOwnDocument(admin, year.year, 1)).toBeUndefined();
	});

	it('audits a reader who is not the member, and finds only that member’s commitments', async () => {
		const secretary = await ctxFor(t.db, tree.accounts.secretary);
		const memberId = tree.members['10000002'];
		const self = await ctxFor(t.db, await accountOf('10000002'));
		const exports = () =>
			t.db
				.selectFrom('audit_log')
				.select(['actor_account_id', 'entity_id', 'unit_path'])
				.where('action', '=', 'commitment.exported')
				.execute();

		expect(
			await findMemberDocument(
				self,
				await requireMember(self, memberId, 'member.read'),
				signed['10000002'].id
			)
		).toMatchObject({ id: signed['10000002'].id });
		expect(await exports()).toEqual([]);

		const asSecretary = await requireMember(secretary, memberId, 'member.read');
		expect(asSecretary.isSelf).toBe(false);
		expect(await findMemberDocument(secretary, asSecretary, signed['10000002'].id)).toMatchObject({
			id: signed['10000002'].id
		});
		expect(await exports()).toEqual([
			{
				actor_account_id: tree.accounts.secretary,
				entity_id: String(signed['10000002'].id),
				unit_path: tree.units.C1.path
			}
		]);
		// Another member's commitment id under this member's address: not found, not audited.
		expect(await findMemberDocument(secretary, asSecretary, signed['10000005'].id)).toBeUndefined();
		expect(await exports()).toHaveLength(1);
	});
});

// Last: it signs more commitments, which the counts above do not expect.
describe('the row’s own columns', () => {
	it('count as tampered when the signing time or the version no longer agree with the snapshot', async () => {
		const moved = await signAs('10000003', 'Lê Đức Cường');
		await signAs('10000001', 'Nguyễn Văn An');
		// A second version: only a later version's number can change without breaking the chain.
		const an = await ctxFor(t.db, await accountOf('10000001'));
		expect(await own.amend(an, (await own.openOwn(an, year.year))!)).toEqual(ok());
		const c = (await own.openOwn(an, year.year))!;
		const renumbered = await own.sign(an, c, {
			personal: { ...empty, duties: ['Phiên bản thứ hai.'] },
			typedName: 'Nguyễn Văn An',
			password: PASSWORD,
			preview: own.previewOf(c),
			ip: '192.0.2.10',
			userAgent: 'vitest'
		});
		if (!renumbered.ok) throw new Error(`not signed: ${renumbered.problem.code}`);
		const edit = async (id: number, set: ReturnType<typeof sql>) => {
			await sql`alter table commitments disable trigger commitments_immutable`.execute(t.db);
			try {
				await sql`update commitments set ${set} where id = ${id}`.execute(t.db);
			} finally {
				await sql`alter table commitments enable trigger commitments_immutable`.execute(t.db);
			}
		};
		expect((await checkIntegrity(t.db, [tree.units.C1.path])).mismatches).toEqual([]);
		await edit(moved.id, sql`signed_at = signed_at - interval '3 days'`);
		await edit(renumbered.value.id, sql`version = 7`);
		const ids = (await checkIntegrity(t.db, [tree.units.C1.path])).mismatches.map((m) => m.id);
		expect(ids.sort()).toEqual([moved.id, renumbered.value.id].sort());
		expect((await verifyCommitment(t.db, moved.code)).status).toBe('tampered');
	});
});

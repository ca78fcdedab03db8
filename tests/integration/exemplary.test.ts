// Exemplary members (exemplary/write.ts, read.ts; migration 0018): a cell's secretary proposes one
// of its members with reasons and the member's files of the year; the committee above the cell
// approves (the member is told) or declines with a reason, once. Nobody else proposes or decides,
// and the database keeps both as they were written.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuse } from '$lib/domain/result';
import { decisionSchema } from '$lib/schemas/exemplary';
import { parseFields } from '$lib/schemas/fields';
import { constraintOf } from '$lib/server/db/errors';
import { listCandidates, listProposals } from '$lib/server/exemplary/read';
import { decide, propose } from '$lib/server/exemplary/write';
import { listNotices } from '$lib/server/notifications/store';
import { createTestDb, type TestDb } from './helpers/db';
import { auditOf, grant } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number; status: string };

const BINH = '10000002'; // C1
const CUONG = '10000003'; // C1
const DUNG = '10000004'; // C2, on G1's committee
const HA = '10000006'; // GC
const HUY = '10000007'; // GC

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = { ...(await openYear(t.db, tree.units.B.id, { year: 2026 })), status: 'open' };
});
afterAll(async () => t?.close());

const as = (account: keyof Tree['accounts']) => ctxFor(t.db, tree.accounts[account]);

async function fileOf(card: string, yearId = year.id): Promise<number> {
	const row = await t.db
		.insertInto('evidence_files')
		.values({
			member_id: tree.members[card],
			year_id: yearId,
			storage_key: randomBytes(16).toString('hex'),
			name: 'anh-hoat-dong.jpg',
			media_type: 'image/jpeg',
			size_bytes: 1000,
			sha256: randomBytes(32).toString('hex'),
			uploaded_by_account_id: tree.accounts.plain
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

const REASONS =
	'Dẫn đầu phong trào tiết kiệm, giải quyết 100% hồ sơ đúng hạn, giúp đỡ đồng nghiệp.';

async function accountOf(card: string): Promise<number> {
	const a = await t.db
		.selectFrom('accounts')
		.select('id')
		.where('member_id', '=', tree.members[card])
		.executeTakeFirstOrThrow();
	return a.id;
}

async function proposalsOf(card: string) {
	return t.db
		.selectFrom('exemplary_proposals')
		.select('id')
		.where('member_id', '=', tree.members[card])
		.execute();
}

describe.sequential('proposing and deciding', () => {
	let proposal: number;
	let binhFile: number;

	it('the secretary proposes a member of the cell with the member’s files, audited', async () => {
		binhFile = await fileOf(BINH);
		const r = await propose(await as('secretary'), tree.units.C1, year, {
			member_id: tree.members[BINH],
			reasons: REASONS,
			files: [binhFile, binhFile]
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		proposal = r.value;
		const page = await listProposals(t.db, tree.units.G1, year.id, 1);
		expect(page.counts).toEqual({ waiting: 1, approved: 0, declined: 0 });
		expect(page.rows).toMatchObject([
			{
				id: proposal,
				full_name: 'Trần Thị Bình',
				cell_name: 'Đơn vị C1',
				reasons: REASONS,
				decision: null,
				files: [{ id: binhFile, name: 'anh-hoat-dong.jpg' }]
			}
		]);
		expect((await listProposals(t.db, tree.units.C2, year.id, 1)).rows).toEqual([]);
		// The secretary (An) does not propose himself.
		const candidates = await listCandidates(t.db, tree.units.C1, year.id, tree.members['10000001']);
		expect(candidates.map((c) => c.full_name)).toEqual(['Lê Đức Cường']);
		expect(await auditOf(t.db, 'exemplary.proposed')).toEqual([
			{
				entity_id: String(proposal),
				unit_path: tree.units.C1.path,
				changes: { member_id: tree.members[BINH], year_id: year.id, files: 1 },
				actor_account_id: tree.accounts.secretary
			}
		]);
	});

	it('refuses a second proposal, another cell’s member, someone else’s file, a plain member, a closed year', async () => {
		const s = await as('secretary');
		const base = { reasons: REASONS, files: [] };
		expect(
			await propose(s, tree.units.C1, year, { ...base, member_id: tree.members[BINH] })
		).toEqual(refuse('conflict'));
		expect(
			await propose(s, tree.units.C1, year, { ...base, member_id: tree.members[DUNG] })
		).toEqual(refuse('not_found'));
		expect(
			await propose(s, tree.units.C1, year, { ...base, member_id: tree.members['10000001'] })
		).toEqual(refuse('own'));
		expect(
			await propose(s, tree.units.C2, year, { ...base, member_id: tree.members[DUNG] })
		).toEqual(refuse('not_found'));
		expect(
			await propose(s, tree.units.C1, year, {
				...base,
				member_id: tree.members[CUONG],
				files: [binhFile]
			})
		).toEqual(refuse('files', { field: 'files' }));
		expect(
			await propose(await as('plain'), tree.units.C1, year, {
				...base,
				member_id: tree.members[CUONG]
			})
		).toEqual(refuse('not_found'));
		expect(
			await propose(
				s,
				tree.units.C1,
				{ ...year, status: 'closed' },
				{
					...base,
					member_id: tree.members[CUONG]
				}
			)
		).toEqual(refuse('year_closed'));
		// Nothing half-written: the refused file took its proposal with it.
		expect(await proposalsOf(CUONG)).toEqual([]);
	});

	it('only the committee above the cell decides; declining needs a reason', async () => {
		expect(
			await decide(await as('secretary'), tree.units.C1, {
				proposal_id: proposal,
				decision: 'approved',
				note: null
			})
		).toEqual(refuse('not_found'));
		// The committee's own page must contain the proposal: through C2 it is not there.
		expect(
			await decide(await as('committee'), tree.units.C2, {
				proposal_id: proposal,
				decision: 'approved',
				note: null
			})
		).toEqual(refuse('not_found'));
		const noReason = parseFields(decisionSchema, {
			proposal_id: String(proposal),
			decision: 'declined',
			note: '  '
		});
		expect(noReason.ok).toBe(false);
		if (!noReason.ok) expect(Object.keys(noReason.errors)).toEqual(['note']);
		const err =
			await sql`insert into exemplary_decisions (proposal_id, decision, note, decided_by_account_id)
			values (${proposal}, 'declined', ' ', ${tree.accounts.committee})`
				.execute(t.db)
				.then(
					() => null,
					(e: unknown) => e
				);
		expect(constraintOf(err)).toBe('exemplary_decisions_reason_required');
	});

	it('the committee approves once: the member is told, a second decision is a conflict', async () => {
		const c = await as('committee');
		expect(
			await decide(c, tree.units.G1, { proposal_id: proposal, decision: 'approved', note: null })
		).toEqual({ ok: true, value: undefined });
		expect(
			await decide(c, tree.units.G1, {
				proposal_id: proposal,
				decision: 'declined',
				note: 'Chưa đủ minh chứng.'
			})
		).toEqual(refuse('conflict'));
		const page = await listProposals(t.db, tree.units.B, year.id, 1);
		expect(page.counts).toEqual({ waiting: 0, approved: 1, declined: 0 });
		expect(page.rows[0]).toMatchObject({ decision: 'approved', note: null });
		const notices = await listNotices(t.db, await accountOf(BINH), { unreadOnly: true, limit: 5 });
		expect(notices.map((n) => n.kind)).toEqual(['exemplary.approved']);
		expect((await auditOf(t.db, 'exemplary.approved')).map((a) => a.actor_account_id)).toEqual([
			tree.accounts.committee
		]);
	});

	it('keeps proposals, their files and decisions as written', async () => {
		for (const statement of [
			sql`update exemplary_proposals set reasons = ${REASONS + '!'} where id = ${proposal}`,
			sql`delete from exemplary_proposal_evidence where proposal_id = ${proposal}`,
			sql`update exemplary_decisions set decision = 'declined', note = 'x' where proposal_id = ${proposal}`
		]) {
			const err = await statement.execute(t.db).then(
				() => null,
				(e: unknown) => e
			);
			expect(constraintOf(err)).toMatch(/_immutable$/);
		}
	});
});

describe('a grassroots cell', () => {
	it('is decided by the bloc’s standing committee, and a decline keeps its reason', async () => {
		await grant(t.db, await accountOf(HUY), 'cell_secretary', tree.units.GC.id);
		await grant(t.db, tree.accounts.orgdept, 'bloc_standing_committee', tree.units.B.id);
		const r = await propose(await ctxFor(t.db, await accountOf(HUY)), tree.units.GC, year, {
			member_id: tree.members[HA],
			reasons: REASONS,
			files: []
		});
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		// G1's committee is not above a grassroots cell.
		expect(
			await decide(await as('committee'), tree.units.B, {
				proposal_id: r.value,
				decision: 'approved',
				note: null
			})
		).toEqual(refuse('not_found'));
		expect(
			await decide(await as('orgdept'), tree.units.B, {
				proposal_id: r.value,
				decision: 'declined',
				note: 'Đề nghị bổ sung thành tích cụ thể.'
			})
		).toEqual({ ok: true, value: undefined });
		const page = await listProposals(t.db, tree.units.GC, year.id, 1);
		expect(page.rows).toMatchObject([
			{ id: r.value, decision: 'declined', note: 'Đề nghị bổ sung thành tích cụ thể.' }
		]);
		const notices = await listNotices(t.db, await accountOf(HA), { unreadOnly: true, limit: 5 });
		expect(notices).toEqual([]);
	});
});

// Least privilege for the app (issue 7, item 1; migration 0011). Connected as the app's role, the
// protections of signed records cannot be switched off, and signed commitments, reviews and the
// audit trail cannot be changed, removed or emptied, while everything the app does still works.
// On PGlite the one session takes the role (helpers/app-role.ts); the start-up with an owner role
// and an app role needs a server.
import { log } from '$lib/server/log';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok } from '$lib/domain/result';
import { createSession } from '$lib/server/auth/session';
import { hashPassword } from '$lib/server/auth/password';
import { checkIntegrity } from '$lib/server/commitments/integrity';
import * as own from '$lib/server/commitments/member';
import { review } from '$lib/server/commitments/review';
import { verifyCommitment } from '$lib/server/commitments/verify';
import { readConfig } from '$lib/server/config';
import type { Db } from '$lib/server/db/connect';
import { openMigrated, openWithSealKeys, warnIfAppCanAlter } from '$lib/server/db/open';
import { sweep } from '$lib/server/housekeeping';
import { newKeyEntry } from '$lib/server/seal-keys';
import { connectAsApp, type AppRole } from './helpers/app-role';
import { adminQuery, createServerDb, createTestDb, type TestDb } from './helpers/db';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number };
const PASSWORD = 'mật khẩu của đảng viên';
const empty = { political: [], ethics: [], discipline: [], duties: [] };
const FINAL = [
	'audit_log',
	'cell_meetings',
	'cell_rating_proposals',
	'commitment_reviews',
	'commitments',
	'evidence_files',
	'exemplary_decisions',
	'exemplary_proposal_evidence',
	'exemplary_proposals',
	'meeting_attendance',
	'member_comments',
	'period_report_evidence',
	'period_reports',
	'rating_approvals',
	'rating_decisions',
	'registration_acknowledgements',
	'registration_reviews',
	'registrations',
	'self_review_confirmations',
	'self_reviews'
];
/** A column of each that an UPDATE could set. */
const COLUMN: Record<string, string> = {
	audit_log: 'action',
	commitment_reviews: 'comment',
	commitments: 'snapshot',
	registration_acknowledgements: 'acknowledged_at',
	registration_reviews: 'comment',
	registrations: 'content',
	cell_meetings: 'proceedings',
	evidence_files: 'name',
	exemplary_decisions: 'note',
	exemplary_proposal_evidence: 'file_id',
	exemplary_proposals: 'reasons',
	meeting_attendance: 'present',
	member_comments: 'body',
	period_report_evidence: 'line_key',
	period_reports: 'content',
	self_reviews: 'content',
	self_review_confirmations: 'confirmed_at',
	cell_rating_proposals: 'comment',
	rating_approvals: 'quota',
	rating_decisions: 'level'
};

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id);
	await t.db
		.updateTable('accounts')
		.set({ password_hash: await hashPassword(PASSWORD) })
		.execute();
});
afterAll(async () => t?.close());

describe('the privileges of camket_app', () => {
	const privileges = (table: string) =>
		sql<{ p: string }>`select p from unnest(array['SELECT', 'INSERT', 'UPDATE', 'DELETE',
			'TRUNCATE', 'REFERENCES', 'TRIGGER']) p
			where has_table_privilege('camket_app', ${'public.' + table}, p)`
			.execute(t.db)
			.then((r) => r.rows.map((row) => row.p));

	it('rows only, and on final records no UPDATE or DELETE: no TRUNCATE, no DDL, owns nothing', async () => {
		// Final records are the tables whose rows a refuse_change() trigger guards against UPDATE
		// and DELETE: a migration that adds one without revoking those privileges fails here.
		const guarded = await sql<{ table: string }>`select distinct c.relname as table
			from pg_trigger g join pg_class c on c.oid = g.tgrelid
			where g.tgfoid = 'refuse_change'::regproc and g.tgtype & 1 = 1 and g.tgtype & 24 <> 0
			order by 1`.execute(t.db);
		expect(guarded.rows.map((r) => r.table)).toEqual(FINAL);
		const tables = await sql<{ table: string }>`select tablename as table from pg_tables
			where schemaname = 'public' order by 1`.execute(t.db);
		for (const { table } of tables.rows) {
			const expected = table.startsWith('kysely_')
				? ['SELECT']
				: FINAL.includes(table)
					? ['SELECT', 'INSERT']
					: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];
			expect({ table, privileges: await privileges(table) }).toEqual({
				table,
				privileges: expected
			});
		}
		const owned = await sql<{ n: number }>`select
			(select count(*) from pg_class where relowner = 'camket_app'::regrole)
			+ (select count(*) from pg_proc where proowner = 'camket_app'::regrole) as n`.execute(t.db);
		expect(Number(owned.rows[0].n)).toBe(0);
		const schema = await sql<{ create: boolean }>`select
			has_schema_privilege('camket_app', 'public', 'CREATE') as create`.execute(t.db);
		expect(schema.rows[0].create).toBe(false);
	});

	it('a table a later migration creates gets the row privileges by default', async () => {
		await sql`create table later_rows (id integer)`.execute(t.db);
		try {
			expect(await privileges('later_rows')).toEqual(['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
		} finally {
			await sql`drop table later_rows`.execute(t.db);
		}
	});
});

describe('connected as the app role', () => {
	let app: AppRole;
	const signed: { id: number; code: string }[] = [];
	beforeAll(async () => {
		app = await connectAsApp(t);
	});
	afterAll(async () => app?.close());

	async function accountOf(db: Db, card: string): Promise<number> {
		const a = await db
			.selectFrom('accounts')
			.select('id')
			.where('login', '=', card)
			.executeTakeFirstOrThrow();
		return a.id;
	}

	async function signAs(card: string, typedName: string) {
		const ctx = await ctxFor(app.db, await accountOf(app.db, card));
		const c = (await own.openOwn(ctx, year.year))!;
		expect(await own.saveDraft(ctx, c, { ...empty, duties: ['Bản nháp.'] })).toEqual(ok());
		const draft = (await own.openOwn(ctx, year.year))!;
		const result = await own.sign(ctx, draft, {
			personal: { ...empty, duties: [`Hoàn thành nhiệm vụ năm ${year.year}.`] },
			typedName,
			password: PASSWORD,
			preview: own.previewOf(draft),
			ip: '192.0.2.10',
			userAgent: 'vitest'
		});
		if (!result.ok) throw new Error(`signing refused: ${result.problem.code}`);
		return result.value;
	}

	it('does what the app does: drafts, signs, reviews, amends, sessions, the sweep, the checks', async () => {
		const who = await sql<{ who: string }>`select current_user as who`.execute(app.db);
		expect(who.rows[0].who).not.toBe('postgres');
		signed.push(await signAs('10000002', 'Trần Thị Bình'));
		signed.push(await signAs('10000003', 'Lê Đức Cường'));
		const secretary = await ctxFor(app.db, tree.accounts.secretary);
		expect(await review(secretary, signed[0].id, 'confirmed', '')).toEqual(ok());
		const cuong = await ctxFor(app.db, await accountOf(app.db, '10000003'));
		expect(await own.amend(cuong, (await own.openOwn(cuong, year.year))!)).toEqual(ok());
		// A second version: the insert check locks the first as the table's owner.
		const amending = (await own.openOwn(cuong, year.year))!;
		const v2 = await own.sign(cuong, amending, {
			personal: { ...empty, duties: ['Phiên bản thứ hai.'] },
			typedName: 'Lê Đức Cường',
			password: PASSWORD,
			preview: own.previewOf(amending),
			ip: '192.0.2.10',
			userAgent: 'vitest'
		});
		expect(v2.ok).toBe(true);
		await createSession(app.db, tree.accounts.plain);
		expect(await sweep(app.db)).toEqual({ sessions: 0, throttle: 0 });
		expect(await checkIntegrity(app.db, 'all')).toEqual({ checked: 3, mismatches: [] });
		expect((await verifyCommitment(app.db, signed[0].code)).status).toBe('valid');
	});

	const refused = (statement: ReturnType<typeof sql>) =>
		expect(statement.execute(app.db)).rejects.toMatchObject({ code: '42501' });

	it('cannot switch off what protects signed records', async () => {
		for (const table of FINAL) {
			const name = sql.table(table);
			const trigger = sql.id(`${table}_immutable`);
			await refused(sql`alter table ${name} disable trigger all`);
			await refused(sql`alter table ${name} disable trigger ${trigger}`);
			await refused(sql`alter table ${name} owner to current_user`);
			await refused(sql`drop trigger ${trigger} on ${name}`);
		}
		await refused(sql`alter table commitments drop constraint commitments_sealed_check`);
		await refused(sql`create or replace function refuse_change() returns trigger
			language plpgsql as $$ begin return new; end; $$`);
		// Replica mode skips ordinary triggers: superusers only.
		await refused(sql`set session_replication_role = replica`);
		await refused(sql`create table shadow (id integer)`);
	});

	it('cannot change, remove or empty a signed commitment, a review or an audit entry', async () => {
		// Refused by privilege, before any trigger: the message is not the trigger's.
		const denied = (statement: ReturnType<typeof sql>) =>
			expect(statement.execute(app.db)).rejects.toMatchObject({
				code: '42501',
				message: expect.stringMatching(/^permission denied for table/)
			});
		for (const table of FINAL) {
			const name = sql.table(table);
			const column = sql.id(COLUMN[table]);
			await denied(sql`update ${name} set ${column} = ${column}`);
			await denied(sql`delete from ${name}`);
			await denied(sql`truncate ${name}`);
		}
		const rows = await app.db.selectFrom('commitments').select('id').execute();
		expect(rows).toHaveLength(3);
	});
});

// Skipped on the embedded database: two roles need a server (PGlite has one user).
describe.skipIf(!process.env.TEST_DATABASE_URL)(
	'the start-up with an owner role and an app role (needs a server: PGlite has one user)',
	() => {
		let fresh: { url: string; drop(): Promise<void> };
		let appUrl: string;
		const login = `camket_test_web_${randomBytes(4).toString('hex')}`;
		const seal = { SEAL_KEYS: newKeyEntry('k1') };
		beforeAll(async () => {
			fresh = await createServerDb(process.env.TEST_DATABASE_URL!);
			await adminQuery(fresh.url, `create role ${login} login in role camket_app`);
			const url = new URL(fresh.url);
			url.username = login;
			appUrl = url.toString();
		});
		afterAll(async () => {
			await fresh?.drop();
			await adminQuery(process.env.TEST_DATABASE_URL!, `drop role if exists ${login}`);
		});

		it('migrates as the owner, then works as the app role, which owns nothing', async () => {
			const appOnly = readConfig({ DATABASE_URL: appUrl, ...seal });
			await expect(openMigrated(appOnly)).rejects.toThrow(/set MIGRATION_DATABASE_URL/);
			const config = readConfig({
				DATABASE_URL: appUrl,
				MIGRATION_DATABASE_URL: fresh.url,
				...seal
			});
			const first = await openWithSealKeys(config);
			try {
				expect(first.migrationsApplied).toBeGreaterThanOrEqual(12);
				const owned = await sql<{ n: number }>`select count(*)::int as n from pg_tables
					where schemaname = 'public' and tableowner = current_user`.execute(first.conn.db);
				expect(owned.rows[0].n).toBe(0);
			} finally {
				await first.conn.close();
			}
			// Migrated separately: the app's own role finds nothing pending and starts.
			const again = await openWithSealKeys(appOnly);
			expect(again.migrationsApplied).toBe(0);
			await again.conn.close();
		});

		it('needs the seal keys; warns in one line when the app role owns the tables', async () => {
			await expect(openWithSealKeys(readConfig({ DATABASE_URL: appUrl }))).rejects.toThrow(
				/^SEAL_KEYS is not set/
			);
			const warnings = vi.spyOn(log, 'warn').mockImplementation(() => {});
			try {
				const asApp = await openWithSealKeys(readConfig({ DATABASE_URL: appUrl, ...seal }));
				await warnIfAppCanAlter(asApp.conn.db);
				await asApp.conn.close();
				expect(warnings).not.toHaveBeenCalled();
				const asOwner = await openWithSealKeys(readConfig({ DATABASE_URL: fresh.url, ...seal }));
				await warnIfAppCanAlter(asOwner.conn.db);
				await asOwner.conn.close();
				expect(warnings).toHaveBeenCalledTimes(1);
				const line = JSON.stringify(warnings.mock.calls[0]);
				expect(line).toMatch(/owns the tables/);
				expect(line).not.toContain('postgres://');
			} finally {
				warnings.mockRestore();
			}
		});
	}
);

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { ok, refuse } from '$lib/domain/result';
import type { Actor } from '$lib/server/access/actor';
import { requireSystemAdmin, type AdminCtx, type Ctx } from '$lib/server/access/guard';
import { activateAccount, findActivation } from '$lib/server/accounts/activation';
import * as admin from '$lib/server/accounts/admin';
import { findAccount, listAccounts } from '$lib/server/accounts/read';
import { hashToken } from '$lib/server/accounts/tokens';
import { authenticate } from '$lib/server/auth/login';
import { hashPassword } from '$lib/server/auth/password';
import { createSession } from '$lib/server/auth/session';
import { listAudit } from '$lib/server/audit/browse';
import { listNotices } from '$lib/server/notifications/store';
import * as auditRoute from '../../src/routes/(app)/audit/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent } from './helpers/event';
import { parseMail, startCatcher } from './helpers/smtp';
import { ctxOf } from './helpers/tree';

let t: TestDb;
let ctx: AdminCtx;
const secrets: string[] = [];

const actor = (accountId: number, isSystemAdmin: boolean): Actor => ({
	accountId,
	memberId: null,
	displayName: 'Admin',
	isSystemAdmin,
	grants: []
});

async function insertMember(card_no: string, full_name: string): Promise<number> {
	const row = await t.db
		.insertInto('members')
		.values({ card_no, full_name })
		.returning('id')
		.executeTakeFirstOrThrow();
	return row.id;
}

async function createFor(card: string, name: string, login: string | null = null): Promise<number> {
	await insertMember(card, name);
	const r = await admin.createAccountForMember(ctx, { cardNo: card, login });
	if (!r.ok) throw new Error(r.problem.code);
	return r.value;
}

const countSessions = async (accountId: number) =>
	Number(
		(
			await t.db
				.selectFrom('sessions')
				.select((eb) => eb.fn.countAll<string>().as('n'))
				.where('account_id', '=', accountId)
				.executeTakeFirstOrThrow()
		).n
	);

const login = (name: string, password: string) =>
	authenticate(t.db, { login: name, password, ip: '192.0.2.1', requestId: 'test' });

const auditFor = (accountId: number) =>
	t.db
		.selectFrom('audit_log')
		.select(['action', 'actor_account_id', 'changes'])
		.where('entity_type', '=', 'account')
		.where('entity_id', '=', String(accountId))
		.orderBy('id')
		.execute();

beforeAll(async () => {
	t = await createTestDb();
	const a = await t.db
		.insertInto('accounts')
		.values({
			login: 'sysadmin',
			display_name: 'Quản trị',
			password_hash: await hashPassword('admin password 1'),
			must_change_password: false
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	ctx = requireSystemAdmin(ctxOf(t.db, actor(a.id, true)));
});
afterAll(async () => t?.close());

describe('creating accounts for members', () => {
	it('creates one account per member, login defaulting to the card number', async () => {
		await insertMember('CARD-0001', 'Lê Văn Cường');
		const r = await admin.createAccountForMember(ctx, { cardNo: 'CARD-0001', login: null });
		if (!r.ok) throw new Error(r.problem.code);
		const account = await findAccount(ctx, r.value);
		expect(account).toMatchObject({
			login: 'CARD-0001',
			display_name: 'Lê Văn Cường',
			status: 'pending',
			must_change_password: true,
			has_member: true,
			roles: []
		});
		expect(await admin.createAccountForMember(ctx, { cardNo: 'CARD-0001', login: 'x123' })).toEqual(
			refuse('member_has_account', { field: 'card_no' })
		);
		expect(await admin.createAccountForMember(ctx, { cardNo: 'NOPE-9999', login: null })).toEqual(
			refuse('member_not_found', { field: 'card_no' })
		);
		await insertMember('CARD-0002', 'Phạm Thị Dung');
		expect(
			await admin.createAccountForMember(ctx, { cardNo: 'CARD-0002', login: 'card-0001' })
		).toEqual(refuse('login_taken', { field: 'login' }));
		const audit = await auditFor(r.value);
		expect(audit).toEqual([
			{
				action: 'account.created',
				actor_account_id: ctx.actor.accountId,
				changes: {
					member_id: [null, expect.any(Number)],
					login: [null, 'CARD-0001'],
					display_name: [null, 'Lê Văn Cường']
				}
			}
		]);
	});

	it('is for system administrators only', () => {
		const other = ctxOf(t.db, actor(ctx.actor.accountId, false));
		expect(() => requireSystemAdmin(other)).toThrow(expect.objectContaining({ status: 404 }));
		// Only the guard makes an AdminCtx, and nothing else reaches these functions: a plain
		// context does not compile (checked by `npm run check`).
		expectTypeOf<Ctx>().not.toExtend<AdminCtx>();
		expectTypeOf(admin.createAccountForMember).parameter(0).toEqualTypeOf<AdminCtx>();
		expectTypeOf(admin.issueActivation).parameter(0).toEqualTypeOf<AdminCtx>();
		expectTypeOf(admin.resetPassword).parameter(0).toEqualTypeOf<AdminCtx>();
		expectTypeOf(admin.disableAccount).parameter(0).toEqualTypeOf<AdminCtx>();
		expectTypeOf(admin.enableAccount).parameter(0).toEqualTypeOf<AdminCtx>();
		expectTypeOf(listAccounts).parameter(0).toEqualTypeOf<AdminCtx>();
		expectTypeOf(findAccount).parameter(0).toEqualTypeOf<AdminCtx>();
	});
});

describe('activation links', () => {
	it('work once, for the newest link only, and sign the person in with their own password', async () => {
		const id = await createFor('ACT-0001', 'Nguyễn Thị Hoa');
		const first = await admin.issueActivation(ctx, id);
		const second = await admin.issueActivation(ctx, id);
		if (!first.ok || !second.ok) throw new Error('not issued');
		const [one, two] = [first.value, second.value];
		secrets.push(one.token, two.token);
		expect(two.token).toMatch(/^[a-z2-7]{32}$/);
		const days = (two.expiresAt.getTime() - Date.now()) / 86_400_000;
		expect(days).toBeGreaterThan(6.99);
		expect(days).toBeLessThanOrEqual(7);

		// Only the hash is stored.
		const stored = await t.db
			.selectFrom('account_tokens')
			.select('token_hash')
			.where('account_id', '=', id)
			.execute();
		expect(stored.map((s) => s.token_hash).sort()).toEqual(
			[hashToken(one.token), hashToken(two.token)].sort()
		);

		expect(await findActivation(t.db, one.token)).toBeUndefined();
		expect(await findActivation(t.db, two.token)).toEqual({
			login: 'ACT-0001',
			displayName: 'Nguyễn Thị Hoa'
		});
		await createSession(t.db, id);
		const password = 'một câu dài dễ nhớ';
		secrets.push(password);
		const done = await activateAccount(t.db, {
			token: two.token,
			password,
			requestId: 'r1'
		});
		expect(done).toEqual({ accountId: id, locale: 'vi' });
		expect(await countSessions(id)).toBe(0);
		expect(await findActivation(t.db, two.token)).toBeUndefined();
		expect(
			await activateAccount(t.db, {
				token: two.token,
				password: 'another one 1',
				requestId: 'r2'
			})
		).toBeUndefined();
		expect(
			await activateAccount(t.db, { token: one.token, password: 'x'.repeat(9), requestId: 'r3' })
		).toBeUndefined();

		const result = await login('act-0001', password);
		expect(result).toMatchObject(ok({ accountId: id, mustChangePassword: false }));
		const account = await findAccount(ctx, id);
		expect(account?.status).toBe('active');
		expect(account?.activation_expires_at).toBeNull();
		const actions = (await auditFor(id)).map((a) => [a.action, a.actor_account_id]);
		expect(actions).toContainEqual(['account.activated', id]);
		expect(actions.filter((a) => a[0] === 'account.activation_issued')).toHaveLength(2);
	});

	it('can be spent only once even when submitted twice at the same moment', async () => {
		const id = await createFor('ACT-0003', 'Đỗ Văn Hùng');
		const issued = await admin.issueActivation(ctx, id);
		if (!issued.ok) throw new Error('not issued');
		const { token } = issued.value;
		secrets.push(token);
		const results = await Promise.all(
			['first password 1', 'second password 2'].map((password) =>
				activateAccount(t.db, { token, password, requestId: 'race' })
			)
		);
		expect(results.filter(Boolean)).toHaveLength(1);
		const activated = (await auditFor(id)).filter((a) => a.action === 'account.activated');
		expect(activated).toHaveLength(1);
	});

	it('stop working when expired, when the account is disabled, or when malformed', async () => {
		const id = await createFor('ACT-0002', 'Trần Văn Nam');
		const issued = await admin.issueActivation(ctx, id);
		if (!issued.ok) throw new Error('not issued');
		const { token, expiresAt } = issued.value;
		secrets.push(token);
		expect((await findAccount(ctx, id))?.activation_expires_at).toEqual(expiresAt);
		await t.db
			.updateTable('account_tokens')
			.set({ expires_at: sql<Date>`now() - interval '1 second'` })
			.where('token_hash', '=', hashToken(token))
			.execute();
		expect(await findActivation(t.db, token)).toBeUndefined();
		expect(
			await activateAccount(t.db, {
				token,
				password: 'good password 1',
				requestId: 'r'
			})
		).toBeUndefined();

		const again = await admin.issueActivation(ctx, id);
		if (!again.ok) throw new Error('not issued');
		secrets.push(again.value.token);
		expect(await admin.disableAccount(ctx, id)).toEqual(ok());
		expect(await findActivation(t.db, again.value.token)).toBeUndefined();
		expect(await admin.enableAccount(ctx, id)).toEqual(ok());
		// Disabling voided the link for good: enabling does not bring it back.
		expect(await findActivation(t.db, again.value.token)).toBeUndefined();
		expect(await admin.disableAccount(ctx, id)).toEqual(ok());
		expect(await admin.issueActivation(ctx, id)).toEqual(refuse('disabled'));

		for (const junk of ['', 'x', 'A'.repeat(32), "'; drop table accounts; --"])
			expect(await findActivation(t.db, junk)).toBeUndefined();
	});
});

describe('password reset', () => {
	it('sets a temporary password to change, and ends every session', async () => {
		const id = await createFor('RST-0001', 'Hoàng Minh Tuấn');
		await t.db
			.updateTable('accounts')
			.set({
				password_hash: await hashPassword('old password 1'),
				must_change_password: false,
				password_changed_at: new Date()
			})
			.where('id', '=', id)
			.execute();
		const link = await admin.issueActivation(ctx, id);
		if (!link.ok) throw new Error('not issued');
		secrets.push(link.value.token);
		await createSession(t.db, id);
		await createSession(t.db, id);
		expect(await countSessions(id)).toBe(2);

		for (let i = 0; i < 5; i++) await login('RST-0001', 'wrong guess');
		expect(await login('RST-0001', 'old password 1')).toMatchObject({
			ok: false,
			problem: { code: 'throttled' }
		});

		const r = await admin.resetPassword(ctx, id);
		if (!r.ok) throw new Error(r.problem.code);
		const password = r.value;
		secrets.push(password);
		expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
		expect(await countSessions(id)).toBe(0);
		expect(await findActivation(t.db, link.value.token)).toBeUndefined();
		expect(await login('RST-0001', 'old password 1')).toEqual(refuse('invalid'));
		expect(await login('RST-0001', password)).toMatchObject(ok({ mustChangePassword: true }));
		const account = await findAccount(ctx, id);
		expect(account).toMatchObject({ must_change_password: true, status: 'active' });
		const reset = (await auditFor(id)).find((a) => a.action === 'account.password_reset');
		expect(reset?.changes).toEqual({
			must_change_password: [false, true],
			sessions_ended: 2,
			links_invalidated: 1
		});
	});

	it('is refused for the administrator themself', async () => {
		expect(await admin.resetPassword(ctx, ctx.actor.accountId)).toEqual(refuse('self'));
		expect(await admin.resetPassword(ctx, 999_999)).toEqual(refuse('not_found'));
	});
});

describe('disable and enable', () => {
	it('disabling ends sessions and blocks login until enabled', async () => {
		const id = await createFor('DIS-0001', 'Vũ Thị Lan');
		const r = await admin.resetPassword(ctx, id);
		if (!r.ok) throw new Error(r.problem.code);
		const password = r.value;
		secrets.push(password);
		await createSession(t.db, id);

		expect(await admin.disableAccount(ctx, id)).toEqual(ok());
		expect(await countSessions(id)).toBe(0);
		expect(await login('DIS-0001', password)).toEqual(refuse('disabled'));
		expect((await findAccount(ctx, id))?.status).toBe('disabled');
		expect(await admin.disableAccount(ctx, id)).toEqual(refuse('conflict'));
		expect(await admin.resetPassword(ctx, id)).toEqual(refuse('disabled'));

		expect(await admin.enableAccount(ctx, id)).toEqual(ok());
		expect(await admin.enableAccount(ctx, id)).toEqual(refuse('conflict'));
		expect(await login('DIS-0001', password)).toMatchObject(ok({ accountId: id }));

		const audit = await auditFor(id);
		const disabled = audit.find((a) => a.action === 'account.disabled');
		expect(disabled?.changes).toMatchObject({ sessions_ended: 1, links_invalidated: 0 });
		expect((disabled?.changes as { disabled_at: unknown[] }).disabled_at[0]).toBeNull();
		const enabled = audit.find((a) => a.action === 'account.enabled');
		expect((enabled?.changes as { disabled_at: unknown[] }).disabled_at[1]).toBeNull();
	});

	it('an administrator cannot disable themself', async () => {
		expect(await admin.disableAccount(ctx, ctx.actor.accountId)).toEqual(refuse('self'));
		const me = await t.db
			.selectFrom('accounts')
			.select('disabled_at')
			.where('id', '=', ctx.actor.accountId)
			.executeTakeFirstOrThrow();
		expect(me.disabled_at).toBeNull();
	});
});

// Reads the accounts the tests above created, activated, reset and disabled, then adds thirty:
// after them, and in this order.
describe.sequential('the account list', () => {
	it('finds names without diacritics, and logins', async () => {
		const q = (query: string, status: 'active' | 'disabled' | 'pending' | null = null) =>
			listAccounts(ctx, { q: query, status, page: 1 }).then((r) => r.rows.map((x) => x.login));
		expect(await q('nguyen')).toEqual(['ACT-0001']);
		expect(await q('NGUYỄN thị')).toEqual(['ACT-0001']);
		// Ordered by folded name: Hoàng before Nguyễn.
		expect(await q('hoa')).toEqual(['RST-0001', 'ACT-0001']);
		expect(await q('dis-0001')).toEqual(['DIS-0001']);
		expect(await q('%')).toEqual([]);
		expect(await q('_')).toEqual([]);
		expect(await q('', 'disabled')).toEqual(['ACT-0002']);
		// Never set a password of their own: no link used yet, or only a temporary password.
		expect(await q('', 'pending')).toEqual(['CARD-0001', 'DIS-0001']);
		expect(await q('', 'active')).toEqual(
			expect.arrayContaining(['ACT-0001', 'RST-0001', 'sysadmin'])
		);
		expect(await q('nguyen', 'pending')).toEqual([]);
	});

	it('pages 25 at a time', async () => {
		for (let i = 0; i < 30; i++)
			await createFor(`PG-${String(i).padStart(4, '0')}`, `Đảng viên ${i}`);
		const page1 = await listAccounts(ctx, { q: 'pg-', status: null, page: 1 });
		const page2 = await listAccounts(ctx, { q: 'pg-', status: null, page: 2 });
		expect(page1.rows).toHaveLength(25);
		expect(page1.hasNext).toBe(true);
		expect(page2.rows).toHaveLength(5);
		expect(page2.hasNext).toBe(false);
		const ids = new Set([...page1.rows, ...page2.rows].map((r) => r.id));
		expect(ids.size).toBe(30);
	});
});

// Last: looks through everything the tests above wrote.
describe('the audit trail', () => {
	it('never holds a password, a token or a hash', async () => {
		const rows = await t.db.selectFrom('audit_log').select(['action', 'changes']).execute();
		const actions = new Set(rows.map((r) => r.action));
		for (const a of [
			'account.created',
			'account.activation_issued',
			'account.activated',
			'account.password_reset',
			'account.disabled',
			'account.enabled'
		])
			expect(actions).toContain(a);
		const text = JSON.stringify(rows);
		expect(secrets.length).toBeGreaterThan(5);
		for (const s of secrets) {
			expect(text).not.toContain(s);
			expect(text).not.toContain(hashToken(s));
		}
		expect(text).not.toContain('$argon2');
	});
});

describe('a password reset’s holder', () => {
	it('is told in the app and, with an address and SMTP, by e-mail, never given the password', async () => {
		const catcher = await startCatcher();
		process.env.SMTP_URL = catcher.url;
		try {
			const id = await createFor('RST-0002', 'Trịnh Thị Mai');
			await t.db
				.updateTable('members')
				.set({ email: 'mai@example.vn' })
				.where('card_no', '=', 'RST-0002')
				.execute();
			const quiet = await createFor('RST-0003', 'Lý Văn Nam');
			const r = await admin.resetPassword(ctx, id);
			if (!r.ok) throw new Error(r.problem.code);
			secrets.push(r.value);
			expect(await admin.resetPassword(ctx, quiet)).toMatchObject({ ok: true });

			for (const accountId of [id, quiet])
				expect(await listNotices(t.db, accountId, { unreadOnly: true, limit: 5 })).toMatchObject([
					{ kind: 'account.password_reset', year: null }
				]);
			expect(catcher.received.map((m) => m.to)).toEqual([['mai@example.vn']]);
			const mail = parseMail(catcher.received[0].raw);
			expect(mail.subject).toBe('Mật khẩu tài khoản camket của đồng chí đã được đặt lại');
			expect(mail.text).toContain('Kính gửi đồng chí Trịnh Thị Mai,');
			expect(mail.text).toContain('đã đặt lại mật khẩu tài khoản camket của đồng chí');
			expect(mail.text).not.toContain(r.value);
		} finally {
			delete process.env.SMTP_URL;
			await catcher.close();
		}
	});
});

describe('the audit view of account administration', () => {
	it('shows the system administrator every account row, an organization department its bloc’s', async () => {
		const unit = (code: string, kind: 'bloc' | 'grassroots_cell', parent_id: number | null) =>
			t.db
				.insertInto('org_units')
				.values({ code, kind, name: `Đơn vị ${code}`, parent_id })
				.returning(['id', 'path', 'name'])
				.executeTakeFirstOrThrow();
		const mine = await unit('AUD-A', 'bloc', null);
		const other = await unit('AUD-B', 'bloc', null);
		const [mineCell, otherCell] = [
			await unit('AUD-A1', 'grassroots_cell', mine.id),
			await unit('AUD-B1', 'grassroots_cell', other.id)
		];
		const filed = async (card: string, name: string, unitId: number) => {
			const id = await createFor(card, name);
			const { member_id } = await t.db
				.selectFrom('accounts')
				.select('member_id')
				.where('id', '=', id)
				.executeTakeFirstOrThrow();
			await t.db
				.insertInto('memberships')
				.values({ member_id: member_id!, unit_id: unitId, started_on: '2020-01-01' })
				.execute();
			expect(await admin.resetPassword(ctx, id)).toMatchObject({ ok: true });
			return String(id);
		};
		const inMine = await filed('AUD-0001', 'Đỗ Văn Khải', mineCell.id);
		const inOther = await filed('AUD-0002', 'Ngô Thị Lan', otherCell.id);
		const orgdept = ctxOf(t.db, {
			...actor(ctx.actor.accountId + 1000, false),
			grants: [
				{
					role: 'organization_department',
					unitId: mine.id,
					unitPath: mine.path,
					unitKind: 'bloc',
					unitName: mine.name
				}
			]
		});
		const shown = async (who: Ctx) =>
			(await listAudit(who, { kind: 'accounts', page: 1 })).rows
				.filter((r) => r.action === 'account.password_reset')
				.map((r) => r.entity_id);
		expect(await shown(ctx)).toEqual(expect.arrayContaining([inMine, inOther]));
		expect(await shown(orgdept)).toEqual([inMine]);
		// Nobody else: a plain member's view of the unit trail holds none of them.
		expect(await shown(ctxOf(t.db, actor(ctx.actor.accountId + 2000, false)))).toEqual([]);

		const page = (who: Ctx, search = '') =>
			auditRoute.load(requestEvent(who, '/(app)/audit', { search }) as never);
		// The administrator, who has no unit trail, lands on the accounts view.
		expect(await page(ctx)).toMatchObject({ query: { kind: 'accounts' }, kinds: ['accounts'] });
		expect(await page(orgdept, '?kind=accounts')).toMatchObject({
			kinds: ['changes', 'reads', 'all', 'accounts']
		});
		await expect(
			(async () => page(ctxOf(t.db, actor(ctx.actor.accountId + 2000, false))))()
		).rejects.toMatchObject({ status: 404 });
	});
});

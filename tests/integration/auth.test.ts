import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ok, refuse } from '$lib/domain/result';
import { changePassword } from '$lib/server/auth/account';
import { authenticate } from '$lib/server/auth/login';
import { hashPassword, isCommonPassword } from '$lib/server/auth/password';
import { actorFrom, grantsJson, loadActor } from '$lib/server/access/actor';
import {
	createSession,
	deleteOtherSessions,
	validateSessionToken,
	validateSessionTokenWith
} from '$lib/server/auth/session';
import { createTestDb, type TestDb } from './helpers/db';
import { sweep } from '$lib/server/housekeeping';
import { buildTree, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
const PASSWORD = 'một câu mật khẩu dài';

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	await t.db
		.updateTable('accounts')
		.set({ password_hash: await hashPassword(PASSWORD), must_change_password: false })
		.execute();
});
afterAll(async () => t?.close());
beforeEach(async () => {
	await t.db.deleteFrom('login_throttle').execute();
});

const attempt = (login: string, password: string, ip = '192.0.2.1') =>
	authenticate(t.db, { login, password, ip, requestId: 'r' });

/** Refused for a while: `detail.minutes` says how long. */
const throttled = {
	ok: false,
	problem: { code: 'throttled', detail: { minutes: expect.any(Number) } }
};

describe('sessions', () => {
	it('store only a hash, validate the exact token and reject a tampered one', async () => {
		const { token } = await createSession(t.db, tree.accounts.plain);
		const [id, secret] = token.split('.');
		const row = await t.db
			.selectFrom('sessions')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirstOrThrow();
		expect(Buffer.from(row.secret_hash).toString()).not.toContain(secret);
		expect((await validateSessionToken(t.db, token))?.accountId).toBe(tree.accounts.plain);
		const flipped = secret.slice(0, -1) + (secret.endsWith('a') ? 'b' : 'a');
		expect(await validateSessionToken(t.db, `${id}.${flipped}`)).toBeUndefined();
		expect(await validateSessionToken(t.db, 'garbage')).toBeUndefined();
	});

	it('expire after inactivity and at the absolute lifetime', async () => {
		const a = await createSession(t.db, tree.accounts.plain);
		await t.db
			.updateTable('sessions')
			.set({ last_verified_at: new Date(Date.now() - 9 * 3600_000) })
			.where('id', '=', a.token.split('.')[0])
			.execute();
		expect(await validateSessionToken(t.db, a.token)).toBeUndefined();
		const b = await createSession(t.db, tree.accounts.plain);
		await t.db
			.updateTable('sessions')
			.set({ created_at: new Date(Date.now() - 8 * 86400_000) })
			.where('id', '=', b.token.split('.')[0])
			.execute();
		expect(await validateSessionToken(t.db, b.token)).toBeUndefined();
	});

	it("come with the account's roles in the same query, as loadActor reads them", async () => {
		const identify = (token: string) =>
			validateSessionTokenWith(t.db, token, (id) => grantsJson(t.db, id));
		for (const accountId of [tree.accounts.secretary, tree.accounts.admin, tree.accounts.plain]) {
			const { token } = await createSession(t.db, accountId);
			const found = await identify(token);
			expect(found?.session.accountId).toBe(accountId);
			const actor = actorFrom(found!.session, found!.extra);
			expect(actor).toEqual(await loadActor(t.db, found!.session));
			expect(actor.isSystemAdmin).toBe(accountId === tree.accounts.admin);
			expect(actor.grants.length).toBe(accountId === tree.accounts.secretary ? 1 : 0);
			expect(await identify(`${token.split('.')[0]}.wrong`)).toBeUndefined();
		}
	});

	it('end for a disabled account', async () => {
		const { token } = await createSession(t.db, tree.accounts.committee);
		await t.db
			.updateTable('accounts')
			.set({ disabled_at: new Date() })
			.where('id', '=', tree.accounts.committee)
			.execute();
		expect(await validateSessionToken(t.db, token)).toBeUndefined();
		expect(await attempt('10000004', PASSWORD)).toEqual(refuse('disabled'));
		await t.db
			.updateTable('accounts')
			.set({ disabled_at: null })
			.where('id', '=', tree.accounts.committee)
			.execute();
	});
});

describe('housekeeping', () => {
	it('sweeps expired sessions and spent throttle rows, and keeps live ones', async () => {
		const live = await createSession(t.db, tree.accounts.plain);
		const stale = await createSession(t.db, tree.accounts.plain);
		const staleId = stale.token.split('.')[0];
		await t.db
			.updateTable('sessions')
			.set({ last_verified_at: new Date(Date.now() - 9 * 3600_000) })
			.where('id', '=', staleId)
			.execute();
		await attempt('nobody-at-all', 'bad', '192.0.2.77');
		await t.db
			.updateTable('login_throttle')
			.set({ window_started_at: new Date(Date.now() - 20 * 60_000) })
			.execute();
		await attempt('someone-else', 'bad', '192.0.2.78');

		const swept = await sweep(t.db);
		expect(swept.sessions).toBeGreaterThanOrEqual(1);
		// One attempt counts on three keys: the login from the address, the address, the login.
		expect(swept.throttle).toBe(3);
		const ids = (await t.db.selectFrom('sessions').select('id').execute()).map((r) => r.id);
		expect(ids).toContain(live.token.split('.')[0]);
		expect(ids).not.toContain(staleId);
		expect(await t.db.selectFrom('login_throttle').select('key').execute()).toHaveLength(3);
	});
});

describe('login', () => {
	it('accepts the password in any Unicode normalization and any login case', async () => {
		expect(await attempt('10000002', PASSWORD.normalize('NFD'))).toMatchObject({ ok: true });
		expect(await attempt('ADMIN', 'wrong')).toEqual(refuse('invalid'));
	});

	it('says the same for an unknown login and a wrong password', async () => {
		expect(await attempt('nobody', PASSWORD)).toEqual(await attempt('10000002', 'wrong password'));
	});

	it('throttles a login from an address after 5 failures, even with the right password then', async () => {
		for (let i = 0; i < 5; i++) expect(await attempt('10000003', 'bad')).toEqual(refuse('invalid'));
		expect(await attempt('10000003', PASSWORD)).toEqual(throttled);
		// Another account from another address is unaffected.
		expect(await attempt('10000002', PASSWORD, '192.0.2.99')).toMatchObject({ ok: true });
	});

	it('throttles an address that tries many logins', async () => {
		for (let i = 0; i < 30; i++) await attempt(`guess${i}`, 'bad', '198.51.100.7');
		expect(await attempt('10000002', PASSWORD, '198.51.100.7')).toEqual(throttled);
	});

	it('blocks guesses from one address without locking the owner out elsewhere', async () => {
		// Anyone can type a secretary's card number: wrong passwords from A block A only.
		for (let i = 0; i < 5; i++)
			expect(await attempt('10000001', 'bad', '198.51.100.20')).toEqual(refuse('invalid'));
		expect(await attempt('10000001', PASSWORD, '198.51.100.20')).toEqual(throttled);
		// However long A keeps trying, it adds no more to the login's own ceiling.
		for (let i = 0; i < 60; i++) await attempt('10000001', 'bad', '198.51.100.20');
		expect(await attempt('10000001', PASSWORD, '203.0.113.40')).toMatchObject({ ok: true });
	});

	it('keeps the failures from one address when the owner signs in from another', async () => {
		for (let i = 0; i < 3; i++) await attempt('10000001', 'bad', '198.51.100.21');
		expect(await attempt('10000001', PASSWORD, '203.0.113.41')).toMatchObject({ ok: true });
		for (let i = 0; i < 2; i++)
			expect(await attempt('10000001', 'bad', '198.51.100.21')).toEqual(refuse('invalid'));
		expect(await attempt('10000001', 'bad', '198.51.100.21')).toEqual(throttled);
	});

	it('does not reset one login’s count with another login’s success', async () => {
		for (let i = 0; i < 4; i++) await attempt('10000003', 'bad', '198.51.100.22');
		expect(await attempt('10000002', PASSWORD, '198.51.100.22')).toMatchObject({ ok: true });
		expect(await attempt('10000003', 'bad', '198.51.100.22')).toEqual(refuse('invalid'));
		expect(await attempt('10000003', PASSWORD, '198.51.100.22')).toEqual(throttled);
	});

	it('counts an IPv6 /64 as one address', async () => {
		for (let i = 0; i < 5; i++) await attempt('10000003', 'bad', `2001:db8:7:1::${i + 1}`);
		expect(await attempt('10000003', PASSWORD, '2001:db8:7:1:ffff::9')).toEqual(throttled);
		expect(await attempt('10000003', PASSWORD, '2001:db8:7:2::1')).toMatchObject({ ok: true });
	});

	it('blocks a login, everywhere, after guesses spread over many addresses', async () => {
		for (let a = 1; a <= 10; a++)
			for (let i = 0; i < 5; i++) await attempt('10000003', 'bad', `198.18.0.${a}`);
		expect(await attempt('10000003', PASSWORD, '203.0.113.42')).toEqual(throttled);
		// Other logins from those addresses and elsewhere are not affected.
		expect(await attempt('10000002', PASSWORD, '198.18.0.1')).toMatchObject({ ok: true });
	});

	it('lets a burst of parallel guesses through no more than the limit', async () => {
		const results = await Promise.all(
			Array.from({ length: 12 }, () => attempt('10000003', 'bad', '192.0.2.50'))
		);
		const reasons = results.map((r) => (r.ok ? 'ok' : r.problem.code));
		expect(reasons.filter((r) => r === 'invalid')).toHaveLength(5);
		expect(reasons.filter((r) => r === 'throttled')).toHaveLength(7);
	});

	it('does not count successful logins against a shared address', async () => {
		for (let i = 0; i < 35; i++)
			expect(await attempt('10000002', PASSWORD, '203.0.113.9')).toMatchObject({ ok: true });
		// Its wrong passwords still count.
		for (let i = 0; i < 30; i++) await attempt(`guess${i}`, 'bad', '203.0.113.9');
		expect(await attempt('10000002', PASSWORD, '203.0.113.9')).toEqual(throttled);
	});

	it('returns a session that validates, created with the login', async () => {
		const result = await attempt('10000002', PASSWORD);
		if (!result.ok) throw new Error('login failed');
		const { token, accountId } = result.value;
		expect((await validateSessionToken(t.db, token))?.accountId).toBe(accountId);
	});

	it('writes an audit row for a successful login', async () => {
		await attempt('10000005', PASSWORD);
		const rows = await t.db
			.selectFrom('audit_log')
			.select(['action', 'changes'])
			.where('action', '=', 'session.login')
			.where(
				'entity_id',
				'=',
				String(
					(
						await t.db
							.selectFrom('accounts')
							.select('id')
							.where('login', '=', '10000005')
							.executeTakeFirstOrThrow()
					).id
				)
			)
			.execute();
		expect(rows).toHaveLength(1);
	});
});

describe('passwords', () => {
	it('refuses common passwords, case-insensitively', () => {
		expect(isCommonPassword('password')).toBe(true);
		expect(isCommonPassword('12345678')).toBe(true);
		expect(isCommonPassword('MatKhau123')).toBe(true);
		expect(isCommonPassword(PASSWORD)).toBe(false);
	});

	it('change revokes the other sessions and keeps the current one', async () => {
		const current = await createSession(t.db, tree.accounts.secretary);
		const other = await createSession(t.db, tree.accounts.secretary);
		const ctx = {
			accountId: tree.accounts.secretary,
			sessionId: current.token.split('.')[0],
			requestId: 'r'
		};
		expect(await changePassword(t.db, ctx, 'not it', 'một mật khẩu mới toanh')).toEqual(
			refuse('wrong_current', { field: 'current_password' })
		);
		expect(await changePassword(t.db, ctx, PASSWORD, 'password')).toEqual(
			refuse('common', { field: 'new_password' })
		);
		expect(await changePassword(t.db, ctx, PASSWORD, PASSWORD)).toEqual(
			refuse('same', { field: 'new_password' })
		);
		expect(await changePassword(t.db, ctx, PASSWORD, 'một mật khẩu mới toanh')).toEqual(ok());
		expect(await validateSessionToken(t.db, current.token)).toBeDefined();
		expect(await validateSessionToken(t.db, other.token)).toBeUndefined();
		expect(await attempt('10000001', PASSWORD)).toEqual(refuse('invalid'));
		expect(await attempt('10000001', 'một mật khẩu mới toanh')).toMatchObject({ ok: true });
		const audit = await t.db
			.selectFrom('audit_log')
			.select('changes')
			.where('action', '=', 'account.password_changed')
			.execute();
		expect(JSON.stringify(audit)).not.toContain('toanh');
		await deleteOtherSessions(t.db, tree.accounts.secretary);
	});
});

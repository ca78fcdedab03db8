// Sessions as in the lucia-auth.com guide: the token is `<id>.<secret>`, only SHA-256(secret) is
// stored and compared in constant time. Sessions end after inactivity or at an absolute lifetime,
// whichever comes first; activity is written at most every few minutes to spare the database.
import type { Cookies } from '@sveltejs/kit';
import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding';
import { sql, type AliasableExpression, type Expression } from 'kysely';
import type { Db } from '../db/connect';

export const SESSION_COOKIE = 'session';
const INACTIVITY_MS = 8 * 60 * 60 * 1000;
const ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
const ACTIVITY_WRITE_MS = 5 * 60 * 1000;

export interface SessionAccount {
	sessionId: string;
	accountId: number;
	memberId: number | null;
	login: string;
	displayName: string;
	locale: 'vi' | 'en';
	mustChangePassword: boolean;
	expiresAt: Date;
}

function randomString(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

function hashSecret(secret: string): Uint8Array {
	return sha256(new TextEncoder().encode(secret));
}

function expiry(createdAt: Date, lastVerifiedAt: Date): Date {
	return new Date(
		Math.min(lastVerifiedAt.getTime() + INACTIVITY_MS, createdAt.getTime() + ABSOLUTE_MS)
	);
}

export async function createSession(
	db: Db,
	accountId: number
): Promise<{ token: string; expiresAt: Date }> {
	const id = randomString();
	const secret = randomString();
	const now = new Date();
	await db
		.insertInto('sessions')
		.values({
			id,
			account_id: accountId,
			secret_hash: Buffer.from(hashSecret(secret)),
			created_at: now,
			last_verified_at: now
		})
		.execute();
	return { token: `${id}.${secret}`, expiresAt: expiry(now, now) };
}

export async function validateSessionToken(
	db: Db,
	token: string
): Promise<SessionAccount | undefined> {
	return (await validateSessionTokenWith(db, token, () => sql<null>`null`))?.session;
}

/**
 * validateSessionToken, with `extra` (correlated to the account's id) selected by the same query:
 * the hook loads the actor's roles this way, one round trip per request instead of two.
 */
export async function validateSessionTokenWith<T>(
	db: Db,
	token: string,
	extra: (accountId: Expression<number>) => AliasableExpression<T>
): Promise<{ session: SessionAccount; extra: T } | undefined> {
	const [id, secret, more] = token.split('.');
	if (!id || !secret || more !== undefined || id.length > 64 || secret.length > 64) return;
	const row = await db
		.selectFrom('sessions as s')
		.innerJoin('accounts as a', 'a.id', 's.account_id')
		.select([
			's.secret_hash',
			's.created_at',
			's.last_verified_at',
			'a.id as account_id',
			'a.member_id',
			'a.login',
			'a.display_name',
			'a.locale',
			'a.must_change_password',
			'a.disabled_at',
			extra(sql.ref<number>('a.id')).as('extra')
		])
		.where('s.id', '=', id)
		.executeTakeFirst();
	if (!row) return;
	if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secret_hash))) return;
	const session = await checkActivity(db, id, row);
	// Kysely types a selected expression as SelectType<T>, which is T for any non-column type.
	return session && { session, extra: row.extra as T };
}

interface SessionRow {
	created_at: Date;
	last_verified_at: Date;
	account_id: number;
	member_id: number | null;
	login: string;
	display_name: string;
	locale: string;
	must_change_password: boolean;
	disabled_at: Date | null;
}

/** Ends a disabled account's or an expired session; otherwise notes the activity (now and then). */
async function checkActivity(
	db: Db,
	id: string,
	row: SessionRow
): Promise<SessionAccount | undefined> {
	const now = Date.now();
	if (row.disabled_at || expiry(row.created_at, row.last_verified_at).getTime() <= now) {
		await deleteSession(db, id);
		return;
	}
	let lastVerifiedAt = row.last_verified_at;
	if (now - lastVerifiedAt.getTime() >= ACTIVITY_WRITE_MS) {
		lastVerifiedAt = new Date(now);
		await db
			.updateTable('sessions')
			.set({ last_verified_at: lastVerifiedAt })
			.where('id', '=', id)
			.execute();
	}
	return {
		sessionId: id,
		accountId: row.account_id,
		memberId: row.member_id,
		login: row.login,
		displayName: row.display_name,
		locale: row.locale === 'en' ? 'en' : 'vi',
		mustChangePassword: row.must_change_password,
		expiresAt: expiry(row.created_at, lastVerifiedAt)
	};
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
	await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

/** Ends every session of the account except `keepSessionId`; returns how many ended. */
export async function deleteOtherSessions(
	db: Db,
	accountId: number,
	keepSessionId?: string
): Promise<number> {
	let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
	if (keepSessionId) q = q.where('id', '<>', keepSessionId);
	const result = await q.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export function setSessionCookie(cookies: Cookies, url: URL, token: string, expiresAt: Date): void {
	cookies.set(SESSION_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: !isLocalhost(url),
		expires: expiresAt
	});
}

export function clearSessionCookie(cookies: Cookies, url: URL): void {
	cookies.delete(SESSION_COOKIE, { path: '/', secure: !isLocalhost(url) });
}

function isLocalhost(url: URL): boolean {
	return ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

/** Deletes sessions past their inactivity timeout or absolute lifetime (they no longer validate). */
export async function purgeSessions(db: Db, now = new Date()): Promise<number> {
	const res = await db
		.deleteFrom('sessions')
		.where((eb) =>
			eb.or([
				eb('last_verified_at', '<', new Date(now.getTime() - INACTIVITY_MS)),
				eb('created_at', '<', new Date(now.getTime() - ABSOLUTE_MS))
			])
		)
		.executeTakeFirst();
	return Number(res.numDeletedRows);
}

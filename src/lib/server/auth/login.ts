// Password login with throttling. Unknown login and wrong password take the same time and give
// the same answer; only someone who knows the password learns that an account is disabled.
import { ok, refuse, type Result } from '$lib/domain/result';
import type { Db } from '../db/connect';
import * as audit from '../audit/log';
import { refusedDemoPassword } from '../demo/mode';
import { dummyPasswordHash, verifyPassword } from './password';
import { createSession } from './session';
import { accountKeys, claimAttempt, releaseAttempt, throttleKeys } from './throttle';

export interface LoggedIn {
	accountId: number;
	locale: string;
	mustChangePassword: boolean;
	/** The new session's token for the cookie; only its hash is stored. */
	token: string;
	expiresAt: Date;
}

/** `throttled` carries `detail.minutes` until the next attempt is allowed. */
export type LoginResult = Result<LoggedIn, 'invalid' | 'disabled' | 'throttled'>;

const throttled = (minutes: number) => refuse('throttled', { detail: { minutes } });

/** The right password, unless it is the demo's published one outside demo mode (demo/mode.ts). */
async function passwordAccepted(hash: string, password: string): Promise<boolean> {
	return (await verifyPassword(hash, password)) && !refusedDemoPassword(password);
}

export async function authenticate(
	db: Db,
	input: { login: string; password: string; ip: string; requestId: string }
): Promise<LoginResult> {
	const keys = throttleKeys(input.login, input.ip);
	const minutes = await claimAttempt(db, keys);
	if (minutes > 0) return throttled(minutes);

	const account = await db
		.selectFrom('accounts')
		.select(['id', 'password_hash', 'disabled_at', 'locale', 'must_change_password'])
		.where((eb) => eb(eb.fn('lower', ['login']), '=', input.login.trim().toLowerCase()))
		.executeTakeFirst();
	const hash = account?.password_hash ?? (await dummyPasswordHash());
	const valid = (await passwordAccepted(hash, input.password)) && !!account?.password_hash;
	if (!account || !valid) return refuse('invalid');
	if (account.disabled_at) return refuse('disabled');

	await releaseAttempt(db, keys);
	// The audit row, the last-login time and the session stand or fall together.
	const session = await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('accounts')
			.set({ last_login_at: new Date() })
			.where('id', '=', account.id)
			.execute();
		await audit.record(
			trx,
			{ accountId: account.id, requestId: input.requestId },
			{ action: 'session.login', entityType: 'account', entityId: account.id }
		);
		return createSession(trx, account.id);
	});
	return ok({
		accountId: account.id,
		locale: account.locale,
		mustChangePassword: account.must_change_password,
		...session
	});
}

/** Step-up check of the signed-in account's password (throttled per account). */
export async function confirmPassword(
	db: Db,
	input: { accountId: number; password: string }
): Promise<Result<undefined, 'invalid' | 'throttled'>> {
	const keys = accountKeys(input.accountId);
	const minutes = await claimAttempt(db, keys);
	if (minutes > 0) return throttled(minutes);
	const account = await db
		.selectFrom('accounts')
		.select('password_hash')
		.where('id', '=', input.accountId)
		.executeTakeFirst();
	if (account?.password_hash && (await passwordAccepted(account.password_hash, input.password))) {
		await releaseAttempt(db, keys);
		return ok();
	}
	return refuse('invalid');
}

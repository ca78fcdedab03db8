// What a signed-in person does to their own account: password, language, other sessions.
import type { Db } from '../db/connect';
import * as audit from '../audit/log';
import { confirmPassword } from './login';
import { hashPassword, isCommonPassword, normalizePassword } from './password';
import { deleteOtherSessions } from './session';

export type PasswordProblem = 'wrong_current' | 'common' | 'same' | { throttled: number };

/** Checks a new password against the common list; the length is checked by the form schema. */
export function newPasswordProblem(password: string): 'common' | undefined {
	return isCommonPassword(password) ? 'common' : undefined;
}

export async function changePassword(
	db: Db,
	ctx: { accountId: number; sessionId: string; requestId: string },
	current: string,
	next: string
): Promise<PasswordProblem | undefined> {
	const check = await confirmPassword(db, {
		accountId: ctx.accountId,
		password: current
	});
	if (check === 'invalid') return 'wrong_current';
	if (typeof check === 'object') return check;
	if (normalizePassword(current) === normalizePassword(next)) return 'same';
	if (newPasswordProblem(next)) return 'common';
	const hash = await hashPassword(next);
	await db.transaction().execute(async (trx) => {
		await trx
			.updateTable('accounts')
			.set({ password_hash: hash, must_change_password: false, password_changed_at: new Date() })
			.where('id', '=', ctx.accountId)
			.execute();
		const ended = await deleteOtherSessions(trx, ctx.accountId, ctx.sessionId);
		await audit.record(trx, ctx, {
			action: 'account.password_changed',
			entityType: 'account',
			entityId: ctx.accountId,
			changes: { other_sessions_ended: ended }
		});
	});
	return undefined;
}

export async function setLocale(
	db: Db,
	ctx: { accountId: number; requestId: string },
	locale: 'vi' | 'en'
): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const before = await trx
			.selectFrom('accounts')
			.select('locale')
			.where('id', '=', ctx.accountId)
			.executeTakeFirstOrThrow();
		if (before.locale === locale) return;
		await trx.updateTable('accounts').set({ locale }).where('id', '=', ctx.accountId).execute();
		await audit.record(trx, ctx, {
			action: 'account.locale_changed',
			entityType: 'account',
			entityId: ctx.accountId,
			changes: { locale: [before.locale, locale] }
		});
	});
}

export async function logoutOtherSessions(
	db: Db,
	ctx: { accountId: number; sessionId: string; requestId: string }
): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const ended = await deleteOtherSessions(trx, ctx.accountId, ctx.sessionId);
		if (ended > 0)
			await audit.record(trx, ctx, {
				action: 'session.logout_others',
				entityType: 'account',
				entityId: ctx.accountId,
				changes: { sessions_ended: ended }
			});
		return ended;
	});
}

export async function countOtherSessions(
	db: Db,
	accountId: number,
	sessionId: string
): Promise<number> {
	const row = await db
		.selectFrom('sessions')
		.select((eb) => eb.fn.countAll<number>().as('n'))
		.where('account_id', '=', accountId)
		.where('id', '<>', sessionId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

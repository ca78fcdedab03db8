// What a signed-in person does to their own account: password, language, other sessions.
import { ok, refuse, type Result } from '$lib/domain/result';
import type { Db } from '../db/connect';
import * as audit from '../audit/log';
import { confirmPassword } from './login';
import { hashPassword, isCommonPassword, normalizePassword } from './password';
import { deleteOtherSessions } from './session';

/** `throttled` carries `detail.minutes`. */
export type PasswordProblem = 'wrong_current' | 'common' | 'same' | 'throttled';

/** Checks a new password against the common list; the length is checked by the form schema. */
export function newPasswordProblem(password: string): 'common' | undefined {
	return isCommonPassword(password) ? 'common' : undefined;
}

export async function changePassword(
	db: Db,
	ctx: { accountId: number; sessionId: string; requestId: string },
	current: string,
	next: string
): Promise<Result<undefined, PasswordProblem>> {
	const check = await confirmPassword(db, {
		accountId: ctx.accountId,
		password: current
	});
	if (!check.ok)
		return check.problem.code === 'invalid'
			? refuse('wrong_current', { field: 'current_password' })
			: refuse('throttled', { detail: check.problem.detail });
	if (normalizePassword(current) === normalizePassword(next))
		return refuse('same', { field: 'new_password' });
	if (newPasswordProblem(next)) return refuse('common', { field: 'new_password' });
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
	return ok();
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

// Account changes by a system administrator: create for a member, issue an activation link,
// reset the password, disable and enable. Each change and its audit row share one transaction;
// passwords and tokens are returned to be shown once and are never stored or audited in clear.
import { sql, type Transaction } from 'kysely';
import { ok, refuse, type Result } from '$lib/domain/result';
import { auditCtx, type AdminCtx } from '../access/guard';
import * as audit from '../audit/log';
import { constraintOf } from '../db/errors';
import { hashPassword } from '../auth/password';
import { deleteOtherSessions } from '../auth/session';
import { clearLogin } from '../auth/throttle';
import type { DB } from '../db/schema';
import { mailReset, noticeReset } from './reset-notice';
import { generateTemporaryPassword } from './temp-password';
import { insertActivationToken, invalidateTokens } from './tokens';

export type CreateProblem = 'member_not_found' | 'member_has_account' | 'login_taken';
/** `conflict`: the account is already in the state asked for. */
export type ChangeProblem = 'not_found' | 'self' | 'disabled' | 'conflict';

export async function createAccountForMember(
	ctx: AdminCtx,
	input: { cardNo: string; login: string | null }
): Promise<Result<number, CreateProblem>> {
	const member = await ctx.db
		.selectFrom('members as m')
		.leftJoin('accounts as a', 'a.member_id', 'm.id')
		.select(['m.id', 'm.full_name', 'a.id as account_id'])
		.where('m.card_no', '=', input.cardNo)
		.executeTakeFirst();
	if (!member) return refuse('member_not_found', { field: 'card_no' });
	if (member.account_id !== null) return refuse('member_has_account', { field: 'card_no' });
	const values = {
		member_id: member.id,
		login: input.login ?? input.cardNo,
		display_name: member.full_name
	};
	try {
		const id = await ctx.db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('accounts')
				.values({ ...values, must_change_password: true })
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit.record(trx, auditCtx(ctx), {
				action: 'account.created',
				entityType: 'account',
				entityId: row.id,
				changes: {
					member_id: [null, values.member_id],
					login: [null, values.login],
					display_name: [null, values.display_name]
				}
			});
			return row.id;
		});
		return ok(id);
	} catch (err) {
		// Two administrators at once: the unique indexes decide, the first one wins.
		const constraint = constraintOf(err);
		if (constraint === 'accounts_login_key') return refuse('login_taken', { field: 'login' });
		if (constraint === 'accounts_member_id_key')
			return refuse('member_has_account', { field: 'card_no' });
		throw err;
	}
}

interface Locked {
	id: number;
	login: string;
	disabled_at: Date | null;
	must_change_password: boolean;
}

/**
 * Locks the account row for the change. Administrators act on other people's accounts; their
 * own password goes through the "change password" page, which asks for the current one.
 */
async function lockTarget(
	trx: Transaction<DB>,
	ctx: AdminCtx,
	accountId: number,
	opts: { mustBeEnabled: boolean }
): Promise<Result<Locked, ChangeProblem>> {
	const account = await trx
		.selectFrom('accounts')
		.select(['id', 'login', 'disabled_at', 'must_change_password'])
		.where('id', '=', accountId)
		.forUpdate()
		.executeTakeFirst();
	if (!account) return refuse('not_found');
	if (account.id === ctx.actor.accountId) return refuse('self');
	if (opts.mustBeEnabled && account.disabled_at) return refuse('disabled');
	return ok(account);
}

/** A one-time activation link (its token); unused older links of the account stop working. */
export async function issueActivation(
	ctx: AdminCtx,
	accountId: number
): Promise<Result<{ token: string; expiresAt: Date }, ChangeProblem>> {
	return ctx.db.transaction().execute(async (trx) => {
		const target = await lockTarget(trx, ctx, accountId, { mustBeEnabled: true });
		if (!target.ok) return target;
		const issued = await insertActivationToken(trx, accountId, ctx.actor.accountId);
		await audit.record(trx, auditCtx(ctx), {
			action: 'account.activation_issued',
			entityType: 'account',
			entityId: accountId,
			changes: {
				activation_expires_at: [null, issued.expiresAt],
				links_invalidated: issued.invalidated
			}
		});
		return ok({ token: issued.token, expiresAt: issued.expiresAt });
	});
}

/**
 * A temporary password to change at the next login; every session of the account ends, and the
 * holder is told (reset-notice.ts).
 */
export async function resetPassword(
	ctx: AdminCtx,
	accountId: number
): Promise<Result<string, ChangeProblem>> {
	const password = generateTemporaryPassword();
	const hash = await hashPassword(password);
	const done = await ctx.db.transaction().execute(async (trx) => {
		const target = await lockTarget(trx, ctx, accountId, { mustBeEnabled: true });
		if (!target.ok) return target;
		await trx
			.updateTable('accounts')
			.set({ password_hash: hash, must_change_password: true })
			.where('id', '=', accountId)
			.execute();
		const sessionsEnded = await deleteOtherSessions(trx, accountId);
		const linksInvalidated = await invalidateTokens(trx, accountId);
		// Someone locked out by failed attempts can use the new password at once.
		await clearLogin(trx, target.value.login);
		await audit.record(trx, auditCtx(ctx), {
			action: 'account.password_reset',
			entityType: 'account',
			entityId: accountId,
			changes: {
				must_change_password: [target.value.must_change_password, true],
				sessions_ended: sessionsEnded,
				links_invalidated: linksInvalidated
			}
		});
		return ok(await noticeReset(trx, accountId));
	});
	if (!done.ok) return done;
	await mailReset(done.value);
	return ok(password);
}

/** Disabling ends every session at once and voids pending activation links. */
export async function disableAccount(
	ctx: AdminCtx,
	accountId: number
): Promise<Result<undefined, ChangeProblem>> {
	return ctx.db.transaction().execute(async (trx) => {
		const target = await lockTarget(trx, ctx, accountId, { mustBeEnabled: false });
		if (!target.ok) return target;
		if (target.value.disabled_at) return refuse('conflict');
		const row = await trx
			.updateTable('accounts')
			.set({ disabled_at: sql<Date>`now()` })
			.where('id', '=', accountId)
			.returning('disabled_at')
			.executeTakeFirstOrThrow();
		const sessionsEnded = await deleteOtherSessions(trx, accountId);
		const linksInvalidated = await invalidateTokens(trx, accountId);
		await audit.record(trx, auditCtx(ctx), {
			action: 'account.disabled',
			entityType: 'account',
			entityId: accountId,
			changes: {
				disabled_at: [null, row.disabled_at],
				sessions_ended: sessionsEnded,
				links_invalidated: linksInvalidated
			}
		});
		return ok();
	});
}

export async function enableAccount(
	ctx: AdminCtx,
	accountId: number
): Promise<Result<undefined, ChangeProblem>> {
	return ctx.db.transaction().execute(async (trx) => {
		const target = await lockTarget(trx, ctx, accountId, { mustBeEnabled: false });
		if (!target.ok) return target;
		const before = target.value.disabled_at;
		if (!before) return refuse('conflict');
		await trx
			.updateTable('accounts')
			.set({ disabled_at: null })
			.where('id', '=', accountId)
			.execute();
		await audit.record(trx, auditCtx(ctx), {
			action: 'account.enabled',
			entityType: 'account',
			entityId: accountId,
			changes: { disabled_at: [before, null] }
		});
		return ok();
	});
}

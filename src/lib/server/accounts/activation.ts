// The public side of an activation link: who it is for, and setting the first own password.
// A token works once, for an enabled account, until it expires; anything else is "invalid"
// without saying why, so a link reveals nothing about the account behind it.
import { sql, type SqlBool } from 'kysely';
import * as audit from '../audit/log';
import { hashPassword } from '../auth/password';
import { deleteOtherSessions } from '../auth/session';
import type { Db } from '../db/connect';
import { hashToken, invalidateTokens, isTokenShaped } from './tokens';

const usable = sql<SqlBool>`t.purpose = 'activation' and t.used_at is null and t.expires_at > now()
	and exists (select 1 from accounts a where a.id = t.account_id and a.disabled_at is null)`;

export async function findActivation(
	db: Db,
	token: string
): Promise<{ login: string; displayName: string } | undefined> {
	if (!isTokenShaped(token)) return undefined;
	const row = await db
		.selectFrom('account_tokens as t')
		.innerJoin('accounts as a', 'a.id', 't.account_id')
		.select(['a.login', 'a.display_name'])
		.where('t.token_hash', '=', hashToken(token))
		.where(usable)
		.executeTakeFirst();
	return row && { login: row.login, displayName: row.display_name };
}

/** Sets the password and spends the token; undefined when the token is not (or no longer) usable. */
export async function activateAccount(
	db: Db,
	input: { token: string; password: string; requestId: string }
): Promise<{ accountId: number; locale: string } | undefined> {
	if (!isTokenShaped(input.token)) return undefined;
	const hash = await hashPassword(input.password);
	return db.transaction().execute(async (trx) => {
		// Spending the token first, conditionally, makes two simultaneous submissions safe:
		// only one of them gets the row back.
		const spent = await trx
			.updateTable('account_tokens as t')
			.set({ used_at: sql<Date>`now()` })
			.where('t.token_hash', '=', hashToken(input.token))
			.where(usable)
			.returning('t.account_id')
			.executeTakeFirst();
		if (!spent) return undefined;
		const accountId = spent.account_id;
		const before = await trx
			.selectFrom('accounts')
			.select(['must_change_password', 'locale'])
			.where('id', '=', accountId)
			.forUpdate()
			.executeTakeFirstOrThrow();
		await trx
			.updateTable('accounts')
			.set({
				password_hash: hash,
				must_change_password: false,
				password_changed_at: sql<Date>`now()`,
				last_login_at: sql<Date>`now()`
			})
			.where('id', '=', accountId)
			.execute();
		// A link handed out again for a forgotten password also signs out old sessions.
		const sessionsEnded = await deleteOtherSessions(trx, accountId);
		await invalidateTokens(trx, accountId);
		await audit.record(
			trx,
			{ accountId, requestId: input.requestId },
			{
				action: 'account.activated',
				entityType: 'account',
				entityId: accountId,
				changes: {
					must_change_password: [before.must_change_password, false],
					sessions_ended: sessionsEnded
				}
			}
		);
		return { accountId, locale: before.locale };
	});
}

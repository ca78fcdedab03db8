// The first system administrator of a new installation, created from the command line
// (`npm run db:create-admin -- <login> "<name>"`); they activate the account through the link.
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { insertActivationToken } from './tokens';

export async function createSystemAdmin(
	db: Db,
	input: { login: string; displayName: string }
): Promise<{ token: string; expiresAt: Date }> {
	return db.transaction().execute(async (trx) => {
		const account = await trx
			.insertInto('accounts')
			.values({ login: input.login, display_name: input.displayName, must_change_password: true })
			.returning('id')
			.executeTakeFirstOrThrow();
		await trx
			.insertInto('role_assignments')
			.values({ account_id: account.id, role: 'system_admin', unit_id: null })
			.execute();
		const issued = await insertActivationToken(trx, account.id, null);
		await audit.record(
			trx,
			{ accountId: null, requestId: 'cli' },
			{
				action: 'account.created',
				entityType: 'account',
				entityId: account.id,
				changes: { login: [null, input.login], role: [null, 'system_admin'] }
			}
		);
		return { token: issued.token, expiresAt: issued.expiresAt };
	});
}

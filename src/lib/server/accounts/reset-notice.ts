// Telling an account's holder that an administrator reset their password: an in-app notification
// in the reset's transaction, and an e-mail after it when SMTP is configured and the holder's
// member record has an address. Neither carries the temporary password, which the administrator
// hands over in person: the point is that someone who did not ask for a reset hears of it.
import { formatDateTime } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { Db } from '../db/connect';
import { sendMails } from '../mail';
import { notify } from '../notifications/store';

export interface ResetHolder {
	email: string | null;
	name: string;
	locale: 'vi' | 'en';
	at: Date;
}

/** The notification, and who to write to afterwards; inside the reset's transaction. */
export async function noticeReset(trx: Db, accountId: number): Promise<ResetHolder> {
	await notify(trx, [{ accountId, kind: 'account.password_reset', payload: {} }]);
	const holder = await trx
		.selectFrom('accounts as a')
		.leftJoin('members as mb', 'mb.id', 'a.member_id')
		.select(['a.display_name', 'a.locale', 'mb.email'])
		.where('a.id', '=', accountId)
		.executeTakeFirstOrThrow();
	return {
		email: holder.email,
		name: holder.display_name,
		locale: holder.locale === 'en' ? 'en' : 'vi',
		at: new Date()
	};
}

/** After the commit: a slow mail server must not hold the transaction open. */
export async function mailReset(holder: ResetHolder): Promise<void> {
	if (!holder.email) return;
	const { locale } = holder;
	await sendMails([
		{
			to: holder.email,
			subject: m.admin_reset_mail_subject({}, { locale }),
			text: m.admin_reset_mail_body(
				{ name: holder.name, time: formatDateTime(holder.at) },
				{ locale }
			)
		}
	]);
}

// Reminding a cell's members who have not signed the year's commitment: an in-app notification
// each, and an e-mail too when SMTP is configured and the member's record has an address. Only the
// cell's secretary or deputy (who review its commitments) may remind, once an hour at most.
import { formatDate } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { ok, refuse, type Result } from '$lib/domain/result';
import { phaseStatus } from '$lib/domain/years/phases';
import type { CommitmentState } from '$lib/domain/commitment/states';
import { todayInVietnam } from '$lib/domain/dates';
import { can } from '../access/actor';
import { auditCtx, type Ctx } from '../access/guard';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { log } from '../log';
import { sendMails, type OutgoingMail } from '../mail';
import { notifyOnce } from '../notifications/store';
import { findYearById, type ReviewYear } from '../years/read';
import { claimCooldown } from '../auth/throttle';
import { listCellCommitments } from './progress';

/** States in which the member still has to sign (again). */
export const UNSIGNED: readonly CommitmentState[] = ['not_started', 'draft', 'returned'];

export interface RemindersSent {
	reminded: number;
	notified: number;
	emailed: number;
	mailFailed: number;
}

/** A cell's reminders go out at most once in this many minutes (they send e-mail). */
export const REMIND_EVERY_MINUTES = 60;

/**
 * `phase`: the signing window is not open, so there is nothing to remind of. `throttled`: the
 * cell sent reminders less than an hour ago; `detail.again` is when it may send them again.
 */
export type ReminderOutcome = Result<RemindersSent, 'not_found' | 'phase' | 'throttled'>;

interface Cell {
	id: number;
	path: string;
	name: string;
}

interface Recipient {
	member_id: number;
	full_name: string;
	email: string | null;
	account_id: number | null;
	locale: string | null;
}

async function listRecipients(db: Db, cellId: number, yearId: number): Promise<Recipient[]> {
	const unsigned = (await listCellCommitments(db, cellId, yearId))
		.filter((r) => UNSIGNED.includes(r.state))
		.map((r) => r.member_id);
	if (unsigned.length === 0) return [];
	return db
		.selectFrom('members as m')
		.leftJoin('accounts as a', (j) =>
			j.onRef('a.member_id', '=', 'm.id').on('a.disabled_at', 'is', null)
		)
		.select(['m.id as member_id', 'm.full_name', 'm.email', 'a.id as account_id', 'a.locale'])
		.where('m.id', 'in', unsigned)
		.orderBy('m.id')
		.execute();
}

function mailFor(r: Recipient & { email: string }, cell: Cell, year: ReviewYear, origin: string) {
	const locale = r.locale === 'en' ? 'en' : 'vi';
	const params = { year: String(year.year) };
	return {
		to: r.email,
		subject: m.progress_mail_subject(params, { locale }),
		text: m.progress_mail_body(
			{
				...params,
				name: r.full_name,
				cell: cell.name,
				date: formatDate(year.commitment_closes_on),
				link: `${origin}/commitments/${year.year}`
			},
			{ locale }
		)
	} satisfies OutgoingMail;
}

export async function sendReminders(
	ctx: Ctx,
	cell: Cell,
	yearId: number,
	origin: string
): Promise<ReminderOutcome> {
	if (!can(ctx.actor, 'commitment.review', cell.path)) return refuse('not_found');
	const year = await findYearById(ctx.db, yearId);
	if (!year || year.status === 'draft' || !cell.path.startsWith(year.unit_path))
		return refuse('not_found');
	if (phaseStatus(year, 'commitment', todayInVietnam()).state !== 'open') return refuse('phase');

	const recipients = await listRecipients(ctx.db, cell.id, year.id);
	const accounts = recipients.flatMap((r) => (r.account_id === null ? [] : [r.account_id]));
	const written = await ctx.db.transaction().execute(async (trx) => {
		const again = await claimCooldown(trx, `remind:${cell.id}`, REMIND_EVERY_MINUTES);
		if (again) return refuse('throttled', { detail: { again: again.toISOString() } });
		const n = await notifyOnce(
			trx,
			accounts,
			'commitment.reminder',
			{ year_id: year.id },
			'year_id'
		);
		await audit.record(trx, auditCtx(ctx), {
			action: 'commitment.reminders_sent',
			entityType: 'unit',
			entityId: cell.id,
			unitPath: cell.path,
			changes: { year: year.year, reminded: recipients.length, notified: n }
		});
		return ok(n);
	});
	if (!written.ok) return written;
	const notified = written.value;
	// After the commit: a slow mail server must not hold the transaction open.
	const mails = recipients.flatMap((r) =>
		r.email ? [mailFor({ ...r, email: r.email }, cell, year, origin)] : []
	);
	const sent = await sendMails(mails);
	log.info('commitment reminders', {
		unitId: cell.id,
		yearId: year.id,
		reminded: recipients.length,
		notified,
		emailed: sent?.sent ?? 0,
		mailFailed: sent?.failed ?? 0
	});
	return ok({
		reminded: recipients.length,
		notified,
		emailed: sent?.sent ?? 0,
		mailFailed: sent?.failed ?? 0
	});
}

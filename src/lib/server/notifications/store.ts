// The notification list every area writes to and the home page reads: typed kinds with typed
// payloads (domain/notifications), so no area inserts a free-text kind.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { NotificationKind, NotificationPayloads } from '$lib/domain/notifications';
import type { Ctx } from '../access/guard';
import type { Db } from '../db/connect';

export interface NewNotification<K extends NotificationKind> {
	accountId: number;
	kind: K;
	payload: NotificationPayloads[K];
}

export async function notify<K extends NotificationKind>(
	db: Db,
	items: NewNotification<K>[]
): Promise<void> {
	if (items.length === 0) return;
	await db
		.insertInto('notifications')
		.values(
			items.map((n) => ({
				account_id: n.accountId,
				kind: n.kind,
				payload: JSON.stringify(n.payload)
			}))
		)
		.execute();
}

/**
 * Notifies each account that has no unread notification of this kind about the same thing (the
 * payload's `key` field): a second reminder before the first was read adds nothing. Returns how
 * many were notified.
 */
export async function notifyOnce<K extends NotificationKind>(
	db: Db,
	accountIds: number[],
	kind: K,
	payload: NotificationPayloads[K],
	key: keyof NotificationPayloads[K] & string
): Promise<number> {
	if (accountIds.length === 0) return 0;
	const pending = await db
		.selectFrom('notifications')
		.select('account_id')
		.where('account_id', 'in', accountIds)
		.where('kind', '=', kind)
		.where('read_at', 'is', null)
		.where(sql<boolean>`payload->>${key} = ${String(payload[key])}`)
		.execute();
	const skip = new Set(pending.map((p) => p.account_id));
	const fresh = accountIds.filter((id) => !skip.has(id));
	await notify(
		db,
		fresh.map((accountId) => ({ accountId, kind, payload }))
	);
	return fresh.length;
}

export interface Notice {
	id: string;
	kind: NotificationKind;
	year: number | null;
	/** The cell's comment: on a returned commitment or registration, or on a report. */
	comment: string | null;
	createdAt: Date;
	readAt: Date | null;
}

/** The account's notifications, newest first, with the year they are about. */
function noticesQuery(db: Db, accountId: number, opts: { unreadOnly: boolean; limit: number }) {
	return (
		db
			.selectFrom('notifications as n')
			.leftJoin('review_years as y', (j) => j.on(sql<boolean>`y.id = (n.payload->>'year_id')::int`))
			// A returned commitment or registration brings the cell's comment, read from the review.
			.leftJoin('commitment_reviews as r', (j) =>
				j
					.on('n.kind', '=', 'commitment.returned')
					.on(sql<boolean>`r.commitment_id = (n.payload->>'commitment_id')::int`)
			)
			.leftJoin('registration_reviews as rr', (j) =>
				j
					.on('n.kind', '=', 'registration.returned')
					.on(sql<boolean>`rr.registration_id = (n.payload->>'registration_id')::int`)
			)
			.leftJoin('member_comments as mc', (j) =>
				j
					.on('n.kind', '=', 'report.comment')
					.on(sql<boolean>`mc.id = (n.payload->>'comment_id')::int`)
			)
			.select(['n.id', 'n.kind', 'n.created_at', 'n.read_at', 'y.year'])
			.select(sql<string | null>`coalesce(r.comment, rr.comment, mc.body)`.as('comment'))
			.where('n.account_id', '=', accountId)
			.$if(opts.unreadOnly, (q) => q.where('n.read_at', 'is', null))
			.orderBy('n.created_at', 'desc')
			.orderBy('n.id', 'desc')
			.limit(opts.limit)
	);
}

type NoticeRow = {
	id: string | number;
	kind: NotificationKind;
	year: number | null;
	comment: string | null;
	/** A Date from a query; a string inside JSON (noticesJson). */
	created_at: Date | string;
	read_at: Date | string | null;
};

export async function listNotices(
	db: Db,
	accountId: number,
	opts: { unreadOnly: boolean; limit: number }
): Promise<Notice[]> {
	return toNotices(await noticesQuery(db, accountId, opts).execute());
}

/** The same list as one JSON expression, for a page that reads it with other things (the home page). */
export function noticesJson(
	db: Db,
	accountId: number,
	opts: { unreadOnly: boolean; limit: number }
) {
	return jsonArrayFrom(noticesQuery(db, accountId, opts));
}

export function toNotices(rows: NoticeRow[]): Notice[] {
	return rows.map((r) => ({
		id: String(r.id),
		kind: r.kind,
		year: r.year,
		comment: r.comment,
		createdAt: new Date(r.created_at),
		readAt: r.read_at === null ? null : new Date(r.read_at)
	}));
}

/** Marks one of the actor's own notifications, or all of them, as read. Others' ids do nothing. */
export async function markRead(ctx: Ctx, which: string | 'all'): Promise<number> {
	let q = ctx.db
		.updateTable('notifications')
		.set({ read_at: sql<Date>`now()` })
		.where('account_id', '=', ctx.actor.accountId)
		.where('read_at', 'is', null);
	if (which !== 'all') q = q.where('id', '=', which);
	const res = await q.executeTakeFirst();
	return Number(res.numUpdatedRows);
}

// Login throttling per account (by the login typed, known or not) and per client address. Keys
// are hashed so the table holds neither logins nor addresses.
//
// An attempt is counted before the password is checked, in one atomic statement per key: a burst
// of parallel guesses cannot all pass a "blocked?" check before the first failure is written.
// A successful attempt gives its count back, so an office behind one address is limited by its
// wrong passwords only, not by how many of its people log in.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'kysely';
import type { Db } from '../db/connect';

const WINDOW = '15 minutes';
const BLOCK_MINUTES = 15;
const LIMITS = { login: 5, ip: 30 } as const;

export interface ThrottleKeys {
	login: string;
	/** Absent for checks of a signed-in person, who is throttled by account only. */
	ip?: string;
}

function key(kind: string, value: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(`${kind}:${value}`)));
}

export function throttleKeys(login: string, ip: string | null, purpose = 'login'): ThrottleKeys {
	return {
		login: key(`${purpose}-login`, login.trim().toLowerCase()),
		ip: ip === null ? undefined : key(`${purpose}-ip`, ip)
	};
}

/**
 * Counts one attempt against each key. Returns the minutes until the caller may try again (the
 * attempt is refused), or 0 when the attempt may go on to the password check. While a key is
 * blocked its count stays as it is, so waiting out the block is enough.
 */
export async function claimAttempt(db: Db, keys: ThrottleKeys): Promise<number> {
	const counted: [string, number][] = [[keys.login, LIMITS.login]];
	if (keys.ip) counted.push([keys.ip, LIMITS.ip]);
	let minutes = 0;
	for (const [k, limit] of counted) {
		const { rows } = await sql<{ m: number | null }>`
			insert into login_throttle as t (key, failures, window_started_at)
			values (${k}, 1, now())
			on conflict (key) do update set
				failures = case
					when t.blocked_until > now() then t.failures
					when t.window_started_at < now() - ${WINDOW}::interval then 1
					else t.failures + 1 end,
				window_started_at = case
					when t.blocked_until > now() then t.window_started_at
					when t.window_started_at < now() - ${WINDOW}::interval then now()
					else t.window_started_at end,
				blocked_until = case
					when t.blocked_until > now() then t.blocked_until
					when t.window_started_at >= now() - ${WINDOW}::interval and t.failures >= ${limit}
					then now() + make_interval(mins => ${BLOCK_MINUTES})
					else t.blocked_until end
			returning ceil(extract(epoch from blocked_until - now()) / 60)::int as m
		`.execute(db);
		minutes = Math.max(minutes, rows[0]?.m ?? 0);
	}
	return minutes;
}

/** The password was right: the login's count starts over and the address gets its attempt back. */
export async function releaseAttempt(db: Db, keys: ThrottleKeys): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', '=', keys.login).execute();
	if (keys.ip)
		await db
			.updateTable('login_throttle')
			.set({ failures: sql`greatest(failures - 1, 0)` })
			.where('key', '=', keys.ip)
			.where((eb) =>
				eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', sql<Date>`now()`)])
			)
			.execute();
}

/** Rows whose window and block are over carry no information; the hourly sweep drops them. */
export async function purgeThrottle(db: Db): Promise<number> {
	const res = await db
		.deleteFrom('login_throttle')
		.where('window_started_at', '<', sql<Date>`now() - ${WINDOW}::interval`)
		.where((eb) =>
			eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', sql<Date>`now()`)])
		)
		.executeTakeFirst();
	return Number(res.numDeletedRows);
}

// Sign-in throttling. Keys are hashed so the table holds neither logins nor addresses.
//
// Logins are card numbers anyone can read off a list, so a count kept per login alone would let
// anybody lock a secretary out during the signing window (issue 7 item 4). Three counters instead:
// - the login from one address (IPv6 grouped by /64): the normal limit, the only one an owner
//   at another address never meets;
// - the address, whatever the login: against one machine trying many logins;
// - the login, from anywhere: a much higher ceiling, against guessing spread over many addresses.
// An attempt is counted before the password is checked, in one atomic statement per counter: a
// burst of parallel guesses cannot all pass a "blocked?" check before the first failure is
// written. Counters are claimed in that order and a refused attempt counts no further, so guesses
// from one address add at most the normal limit to the login's ceiling.
// A success clears its own (login, address) counter and gives the others back the one attempt
// it took, and nothing more: an office behind one address is limited by its wrong passwords only,
// and one account's success does not wipe out the failures counted against anyone else.
import { isIPv6 } from 'node:net';
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'kysely';
import type { Db } from '../db/connect';

const WINDOW = '15 minutes';
const BLOCK_MINUTES = 15;
/** Failures allowed in a window; the next attempt is refused for BLOCK_MINUTES. */
export const LIMITS = { pair: 5, address: 30, login: 50, verify: 60 } as const;

export interface Counter {
	key: string;
	limit: number;
}

export interface ThrottleKeys {
	/** Cleared by a success. */
	own: Counter;
	/** Counted too, in this order; a success gives back only the attempt it took. */
	shared: Counter[];
}

function hash(value: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(value)));
}

/**
 * The part of an address that stands for one client: an IPv4 address as it is (also when written
 * as IPv4-mapped IPv6, as a dual-stack server sees it), an IPv6 address by its /64, which one
 * household or host gets whole.
 */
export function addressGroup(ip: string): string {
	const bare = ip.trim().toLowerCase().replace(/%.*$/, '');
	if (!isIPv6(bare)) return bare;
	const groups = (s: string) =>
		s
			? s.split(':').flatMap((g) => {
					// An embedded IPv4 part (64:ff9b::192.0.2.1) stands for the last two groups.
					if (!g.includes('.')) return [g];
					const [a, b, c, d] = g.split('.').map(Number);
					return [((a << 8) | b).toString(16), ((c << 8) | d).toString(16)];
				})
			: [];
	const [head, tail = ''] = bare.split('::');
	const left = groups(head);
	const right = groups(tail);
	const full = [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right].map(
		(g) => parseInt(g, 16)
	);
	if (full.slice(0, 5).every((g) => g === 0) && full[5] === 0xffff)
		return [full[6] >> 8, full[6] & 255, full[7] >> 8, full[7] & 255].join('.');
	return `${full
		.slice(0, 4)
		.map((g) => g.toString(16))
		.join(':')}::/64`;
}

const loginKey = (purpose: string, login: string) =>
	hash(`${purpose}-login:${login.trim().toLowerCase()}`);

/** The counters of a sign-in attempt with `login` from `ip`. */
export function throttleKeys(login: string, ip: string): ThrottleKeys {
	const byLogin = loginKey('login', login);
	const byAddress = hash(`login-ip:${addressGroup(ip)}`);
	return {
		// Prefixed with the login's key, so an administrator's reset can clear every address's.
		own: { key: `${byLogin}/${byAddress}`, limit: LIMITS.pair },
		shared: [
			{ key: byAddress, limit: LIMITS.address },
			{ key: byLogin, limit: LIMITS.login }
		]
	};
}

/**
 * The counter of a signed-in person's password checks (signing, changing the password): by
 * account only, so a whole office behind one address is never locked out of signing by one
 * person's mistakes.
 */
export function accountKeys(accountId: number): ThrottleKeys {
	return {
		own: { key: loginKey('confirm', `account:${accountId}`), limit: LIMITS.pair },
		shared: []
	};
}

/**
 * Look-ups on the public verification page from one address: enough for an office checking a
 * stack of printed commitments, too few to walk through codes.
 */
export function verifyCounter(ip: string): Counter {
	return { key: hash(`verify-ip:${addressGroup(ip)}`), limit: LIMITS.verify };
}

/**
 * Counts one attempt against a counter. Returns the minutes until the caller may try again (the
 * attempt is refused), or 0. While a counter is blocked its count stays as it is, so waiting out
 * the block is enough.
 */
export async function claim(db: Db, { key, limit }: Counter): Promise<number> {
	const { rows } = await sql<{ m: number | null }>`
		insert into login_throttle as t (key, failures, window_started_at)
		values (${key}, 1, now())
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
	return Math.max(rows[0]?.m ?? 0, 0);
}

/** Claims the attempt on each counter in turn; the first that refuses it stops the count. */
export async function claimAttempt(db: Db, keys: ThrottleKeys): Promise<number> {
	for (const counter of [keys.own, ...keys.shared]) {
		const minutes = await claim(db, counter);
		if (minutes > 0) return minutes;
	}
	return 0;
}

/** The password was right: this login's count from this address starts over (see above). */
export async function releaseAttempt(db: Db, keys: ThrottleKeys): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', '=', keys.own.key).execute();
	if (keys.shared.length === 0) return;
	await db
		.updateTable('login_throttle')
		.set({ failures: sql`greatest(failures - 1, 0)` })
		.where(
			'key',
			'in',
			keys.shared.map((c) => c.key)
		)
		.where((eb) =>
			eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<=', sql<Date>`now()`)])
		)
		.execute();
}

/** Every counter of a login (all addresses): an administrator gave it a new password. */
export async function clearLogin(db: Db, login: string): Promise<void> {
	const key = loginKey('login', login);
	await db
		.deleteFrom('login_throttle')
		.where((eb) => eb.or([eb('key', '=', key), eb('key', 'like', `${key}/%`)]))
		.execute();
}

/**
 * An action allowed once per period (a cell's reminders, which send e-mail): claims it, in the
 * caller's transaction, and returns undefined; or returns when it may run again. One statement,
 * so two at once cannot both go ahead. The row lives in the throttle table until its time is up.
 */
export async function claimCooldown(
	db: Db,
	name: string,
	minutes: number
): Promise<Date | undefined> {
	const key = hash(`cooldown:${name}`);
	const claimed = await sql<{ key: string }>`
		insert into login_throttle as t (key, failures, window_started_at, blocked_until)
		values (${key}, 1, now(), now() + make_interval(mins => ${minutes}))
		on conflict (key) do update set
			failures = 1, window_started_at = now(), blocked_until = excluded.blocked_until
			where t.blocked_until is null or t.blocked_until <= now()
		returning key
	`.execute(db);
	if (claimed.rows.length > 0) return undefined;
	const row = await db
		.selectFrom('login_throttle')
		.select('blocked_until')
		.where('key', '=', key)
		.executeTakeFirstOrThrow();
	return row.blocked_until ?? undefined;
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

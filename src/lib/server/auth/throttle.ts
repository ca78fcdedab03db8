// Login throttling per account (by the login typed, known or not) and per client address. Keys
// are hashed so the table holds neither logins nor addresses.
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

/** Minutes until the caller may try again, or 0 when not blocked. */
export async function blockedMinutes(db: Db, keys: ThrottleKeys): Promise<number> {
	const row = await db
		.selectFrom('login_throttle')
		.select(sql<number>`ceil(extract(epoch from max(blocked_until) - now()) / 60)::int`.as('m'))
		.where('key', 'in', keys.ip ? [keys.login, keys.ip] : [keys.login])
		.where('blocked_until', '>', sql<Date>`now()`)
		.executeTakeFirst();
	return row?.m ?? 0;
}

export async function recordFailure(db: Db, keys: ThrottleKeys): Promise<void> {
	const counted: [string, number][] = [[keys.login, LIMITS.login]];
	if (keys.ip) counted.push([keys.ip, LIMITS.ip]);
	for (const [k, limit] of counted) {
		await sql`
			insert into login_throttle as t (key, failures, window_started_at)
			values (${k}, 1, now())
			on conflict (key) do update set
				failures = case when t.window_started_at < now() - ${WINDOW}::interval then 1 else t.failures + 1 end,
				window_started_at = case when t.window_started_at < now() - ${WINDOW}::interval then now() else t.window_started_at end,
				blocked_until = case
					when t.window_started_at >= now() - ${WINDOW}::interval and t.failures + 1 >= ${limit}
					then now() + make_interval(mins => ${BLOCK_MINUTES})
					else t.blocked_until end
		`.execute(db);
	}
}

export async function recordSuccess(db: Db, keys: ThrottleKeys): Promise<void> {
	await db.deleteFrom('login_throttle').where('key', '=', keys.login).execute();
}

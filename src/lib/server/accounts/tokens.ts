// One-time account tokens (activation links): 20 random bytes in base32 (160 bits) go to the
// person once; only the SHA-256 of the token is stored, so a copy of the database cannot be
// turned into working links.
import { sha256 } from '@oslojs/crypto/sha2';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';
import { sql } from 'kysely';
import type { Db } from '../db/connect';

export const ACTIVATION_TTL_DAYS = 7;
const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

export function newToken(): string {
	return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Cheap shape check so that junk in the URL never reaches the database. */
export function isTokenShaped(token: string): boolean {
	return TOKEN_SHAPE.test(token);
}

/** Ends every unused, unexpired token of the account; returns how many. */
export async function invalidateTokens(db: Db, accountId: number): Promise<number> {
	const result = await db
		.updateTable('account_tokens')
		.set({ expires_at: sql<Date>`now()` })
		.where('account_id', '=', accountId)
		.where('used_at', 'is', null)
		.where('expires_at', '>', sql<Date>`now()`)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Stores a new activation token (older ones of the account stop working) and returns it. */
export async function insertActivationToken(
	db: Db,
	accountId: number,
	createdBy: number | null
): Promise<{ token: string; expiresAt: Date; invalidated: number }> {
	const invalidated = await invalidateTokens(db, accountId);
	const token = newToken();
	const row = await db
		.insertInto('account_tokens')
		.values({
			token_hash: hashToken(token),
			account_id: accountId,
			purpose: 'activation',
			expires_at: sql<Date>`now() + make_interval(days => ${ACTIVATION_TTL_DAYS})`,
			created_by: createdBy
		})
		.returning('expires_at')
		.executeTakeFirstOrThrow();
	return { token, expiresAt: row.expires_at, invalidated };
}

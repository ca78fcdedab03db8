// The keyed seal of a signed commitment (migration 0012): an HMAC-SHA-256 over its hash, its code
// and the row's own columns, under a key kept outside the database (seal-keys.ts). Anyone who can
// write the table can rewrite a snapshot together with its SHA-256 and code, but not the seal.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { StartupError, type Db } from '../db/connect';
import type { SealKeys } from '../seal-keys';

/** What the seal covers: the snapshot through its hash, and who signed what, where and when. */
export interface SealedFields {
	snapshot_sha256: string;
	verification_code: string;
	member_id: number;
	year_id: number;
	unit_id: number;
	version: number;
	supersedes_id: number | null;
	signer_account_id: number;
	signed_at: Date;
}

export interface Seal {
	seal: string;
	seal_key_id: string;
}

let installed: SealKeys | undefined;

/** The process's keys, from the start-up (db/index.ts, cli.ts) or a test. */
export function useSealKeys(keys: SealKeys): void {
	installed = keys;
}

function sealKeys(): SealKeys {
	if (!installed) throw new Error('the seal keys are not loaded');
	return installed;
}

// Versioned, so that a change of what is covered can never make an old seal mean something else.
function mac(key: Buffer, r: SealedFields): string {
	const covered = [
		'camket/commitment-seal/1',
		r.snapshot_sha256,
		r.verification_code,
		r.member_id,
		r.year_id,
		r.unit_id,
		r.version,
		r.supersedes_id,
		r.signer_account_id,
		r.signed_at.toISOString()
	];
	return createHmac('sha256', key).update(JSON.stringify(covered)).digest('hex');
}

function sealWith(keys: SealKeys, row: SealedFields): Seal {
	return { seal: mac(keys.current.key, row), seal_key_id: keys.current.id };
}

/** The seal of a row about to be written, under the current key. */
export function sealFor(row: SealedFields): Seal {
	return sealWith(sealKeys(), row);
}

/** True when the row's seal is the one its key makes; false for a missing seal or unknown key. */
export function sealHolds(row: SealedFields & { seal: string | null; seal_key_id: string | null }) {
	const key = row.seal_key_id === null ? undefined : sealKeys().byId.get(row.seal_key_id);
	if (!key || row.seal === null) return false;
	const stored = Buffer.from(row.seal, 'hex');
	const expected = Buffer.from(mac(key, row), 'hex');
	return stored.length === expected.length && timingSafeEqual(stored, expected);
}

/** Whether any commitment carries a seal yet (false before migration 0012). */
export async function anySealed(db: Db): Promise<boolean> {
	const column = await sql<{
		found: boolean;
	}>`select exists (select 1 from information_schema.columns
		where table_schema = 'public' and table_name = 'commitments' and column_name = 'seal') as found`.execute(
		db
	);
	if (!column.rows[0].found) return false;
	const row = await sql<{ found: boolean }>`select exists (select 1 from commitments
		where seal is not null) as found`.execute(db);
	return row.rows[0].found;
}

/**
 * Every key id the table uses must be among the keys given: otherwise every row it sealed
 * would read as tampered. Refuses to start with the ids missing and how many rows each sealed.
 */
export async function requireKnownKeys(db: Db, keys: SealKeys): Promise<void> {
	const used = await db
		.selectFrom('commitments')
		.select(['seal_key_id', (eb) => eb.fn.countAll<string>().as('rows')])
		.groupBy('seal_key_id')
		.execute();
	const missing = used.filter((u) => u.seal_key_id !== null && !keys.byId.has(u.seal_key_id));
	if (missing.length)
		throw new StartupError(
			`Signed commitments are sealed with keys that are not given: ` +
				missing.map((m) => `'${m.seal_key_id}' (${m.rows} commitments)`).join(', ') +
				'. Keep old keys after the current one (README, "The seal key").'
		);
}

const SEAL_BATCH = 500;

/**
 * Migration 0012's step, in its transaction: seals the commitments signed before seals existed,
 * then validates the constraint that every row is sealed. It runs once, with the migration: a
 * row found without a seal later was stripped of it, and must stay tampered rather than be
 * sealed afresh. The immutability trigger is off for these statements only, as the owner.
 */
export async function sealSignedBefore(db: Db, keys: SealKeys | undefined): Promise<void> {
	const rows = await db
		.selectFrom('commitments')
		.select([
			'id',
			'snapshot_sha256',
			'verification_code',
			'member_id',
			'year_id',
			'unit_id',
			'version',
			'supersedes_id',
			'signer_account_id',
			'signed_at'
		])
		.where('seal', 'is', null)
		.orderBy('id')
		.execute();
	if (rows.length > 0) {
		if (!keys)
			throw new StartupError(
				`${rows.length} signed commitments are to be sealed and no seal key is given: set ` +
					'SEAL_KEYS (README, "The seal key").'
			);
		await sql`alter table commitments disable trigger commitments_immutable`.execute(db);
		for (let i = 0; i < rows.length; i += SEAL_BATCH) {
			const values = rows.slice(i, i + SEAL_BATCH).map((r) => {
				const s = sealWith(keys, r);
				return sql`(${r.id}::integer, ${s.seal}, ${s.seal_key_id})`;
			});
			await sql`update commitments c set seal = v.seal, seal_key_id = v.key_id
				from (values ${sql.join(values)}) as v (id, seal, key_id) where c.id = v.id`.execute(db);
		}
		await sql`alter table commitments enable trigger commitments_immutable`.execute(db);
	}
	await sql`alter table commitments validate constraint commitments_sealed_check`.execute(db);
}

// The public check of a verification code (printed on the PDF, opened by its QR code): does a
// signed commitment with this code exist, and does its stored snapshot still match its hash?
// Anyone may ask, so the answer carries only what identifies the document: the name, the unit,
// the year, the version, the signing time and whether the cell confirmed it. Codes are never
// logged (a code is as good as a link to the answer).
import { sql } from 'kysely';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import type { Db } from '../db/connect';
import { isIntact } from './documents';

export interface VerifiedCommitment {
	fullName: string;
	cell: string;
	/** The units above the cell: the grassroots committee (if any) and the bloc. */
	under: string | null;
	year: number;
	version: number;
	signedAt: Date;
	confirmedAt: Date | null;
	/** A newer version of the same commitment was signed after this one. */
	superseded: boolean;
}

export type Verification =
	{ status: 'not_found' } | { status: 'valid' | 'tampered'; commitment: VerifiedCommitment };

async function findByCode(db: Db, code: string) {
	return db
		.selectFrom('commitments as c')
		.innerJoin('review_years as y', 'y.id', 'c.year_id')
		.innerJoin('members as m', 'm.id', 'c.member_id')
		.innerJoin('org_units as u', 'u.id', 'c.unit_id')
		.leftJoin('commitment_reviews as r', (j) =>
			j.onRef('r.commitment_id', '=', 'c.id').on('r.decision', '=', 'confirmed')
		)
		.select([
			'c.snapshot',
			'c.snapshot_sha256',
			'c.verification_code',
			'c.version',
			'c.signed_at',
			'y.year',
			'm.full_name',
			'u.name as cell',
			'r.reviewed_at as confirmed_at',
			sql<string | null>`(select b.name from org_units b
				where b.kind = 'bloc' and u.path like b.path || '%' order by b.path limit 1)`.as('bloc'),
			sql<boolean>`exists (select 1 from commitments n where n.supersedes_id = c.id)`.as(
				'superseded'
			)
		])
		.where('c.verification_code', '=', code)
		.executeTakeFirst();
}

/** `code` in its stored form (parseCode). */
export async function verifyCommitment(db: Db, code: string): Promise<Verification> {
	const row = await findByCode(db, code);
	if (!row) return { status: 'not_found' };
	const intact = isIntact(row);
	// An intact snapshot says what was signed; a tampered one cannot be believed, so the
	// identification then comes from the rows the commitment points at.
	const snap = intact ? (row.snapshot as unknown as CommitmentSnapshot) : null;
	return {
		status: intact ? 'valid' : 'tampered',
		commitment: {
			fullName: snap?.member.full_name ?? row.full_name,
			cell: snap?.header.cell ?? row.cell,
			under: snap
				? [snap.header.grassroots, snap.header.bloc].filter(Boolean).join(' – ')
				: row.bloc,
			year: row.year,
			version: row.version,
			signedAt: row.signed_at,
			confirmedAt: row.confirmed_at,
			superseded: row.superseded
		}
	};
}

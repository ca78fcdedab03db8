// The public check of a verification code (printed on the PDF, opened by its QR code): does a
// signed commitment with this code exist, and do its stored snapshot, hash and keyed seal still
// agree? Anyone may ask, so the answer is the verdict and what identifies the document — the
// name, the unit, the year and the signing time — and nothing else (issue 3): not the version,
// not the cell's decision, not whether a newer version exists. Codes are never logged (a code is
// as good as a link to the answer).
import { sql } from 'kysely';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import type { Db } from '../db/connect';
import { INTEGRITY_COLUMNS, isIntact } from './documents';

export interface VerifiedCommitment {
	fullName: string;
	/** The cell, then the units above it (the grassroots committee, if any, and the bloc). */
	unit: string;
	year: number;
	signedAt: Date;
}

export type Verification =
	{ status: 'not_found' } | { status: 'valid' | 'tampered'; commitment: VerifiedCommitment };

async function findByCode(db: Db, code: string) {
	return db
		.selectFrom('commitments as c')
		.innerJoin('review_years as y', 'y.id', 'c.year_id')
		.innerJoin('members as m', 'm.id', 'c.member_id')
		.innerJoin('org_units as u', 'u.id', 'c.unit_id')
		.select([
			...INTEGRITY_COLUMNS,
			'y.year',
			'm.full_name',
			'u.name as cell',
			sql<string | null>`(select g.name from org_units g where g.kind = 'grassroots_committee'
				and u.path like g.path || '%' order by g.path desc limit 1)`.as('grassroots'),
			sql<string | null>`(select b.name from org_units b
				where b.kind = 'bloc' and u.path like b.path || '%' order by b.path limit 1)`.as('bloc')
		])
		.where('c.verification_code', '=', code)
		.executeTakeFirst();
}

const unitLine = (names: (string | null)[]): string => names.filter(Boolean).join(' – ');

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
			unit: snap
				? unitLine([snap.header.cell, snap.header.grassroots, snap.header.bloc])
				: unitLine([row.cell, row.grassroots, row.bloc]),
			year: row.year,
			signedAt: row.signed_at
		}
	};
}

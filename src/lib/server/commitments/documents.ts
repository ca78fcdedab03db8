// Signed commitments as documents: the PDF of one version (for its member, or for someone who may
// read that member's record) and the public verification of a code printed on a PDF.
import type { OnBehalfOf, ReviewerPost } from '$lib/domain/commitment/document';
import { snapshotHash, verificationCode } from '$lib/domain/commitment/canonical';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { todayInVietnam } from '$lib/domain/dates';
import { auditCtx, type Ctx, type ScopedMember } from '../access/guard';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { downloadResponse } from '../http/download';
import { renderCommitmentPdf } from './pdf';
import { sealHolds, type SealedFields } from './seal';

interface DocumentRow {
	id: number;
	member_id: number;
	version: number;
	year: number;
	signed_at: Date;
	verification_code: string;
	snapshot: CommitmentSnapshot;
	card_no: string;
	/** The cell the member signed in. */
	unit_path: string;
	decision: 'confirmed' | 'returned' | null;
	reviewed_at: Date | null;
	reviewer_name: string | null;
	reviewer_post: ReviewerPost | null;
	on_behalf_of: OnBehalfOf | null;
}

function documentQuery(db: Db) {
	return db
		.selectFrom('commitments as c')
		.innerJoin('review_years as y', 'y.id', 'c.year_id')
		.innerJoin('members as m', 'm.id', 'c.member_id')
		.innerJoin('org_units as u', 'u.id', 'c.unit_id')
		.leftJoin('commitment_reviews as r', 'r.commitment_id', 'c.id')
		.leftJoin('accounts as a', 'a.id', 'r.reviewer_account_id')
		.select([
			'c.id',
			'c.member_id',
			'c.version',
			'y.year',
			'c.signed_at',
			'c.verification_code',
			'c.snapshot',
			'm.card_no',
			'u.path as unit_path',
			'r.decision',
			'r.reviewed_at',
			'a.display_name as reviewer_name',
			'r.reviewer_post',
			'r.on_behalf_of'
		])
		.$castTo<DocumentRow>();
}

/** The actor's own signed version `version` of year `year`, if they signed one. */
export async function findOwnDocument(
	ctx: Ctx,
	year: number,
	version: number
): Promise<DocumentRow | undefined> {
	if (!ctx.actor.memberId) return undefined;
	return documentQuery(ctx.db)
		.where('c.member_id', '=', ctx.actor.memberId)
		.where('y.year', '=', year)
		.where('c.version', '=', version)
		.orderBy('c.signed_at', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/**
 * A signed version of a member the caller already cleared with requireMember. Reading another
 * member's commitment is audited; reading one's own is not.
 */
export async function findMemberDocument(
	ctx: Ctx,
	member: ScopedMember,
	commitmentId: number
): Promise<DocumentRow | undefined> {
	const doc = await documentQuery(ctx.db)
		.where('c.id', '=', commitmentId)
		.where('c.member_id', '=', member.id)
		.executeTakeFirst();
	if (doc && !member.isSelf)
		await audit.record(ctx.db, auditCtx(ctx), {
			action: 'commitment.exported',
			entityType: 'commitment',
			entityId: doc.id,
			unitPath: doc.unit_path,
			changes: { format: 'pdf', version: doc.version }
		});
	return doc;
}

export function verifyUrl(origin: string, code: string): string {
	return `${origin}/verify/${code}`;
}

/** 'cam-ket-2027-01.234567-v1.pdf': ASCII only, so every browser keeps the name. */
export function pdfFileName(doc: Pick<DocumentRow, 'year' | 'card_no' | 'version'>): string {
	const card = doc.card_no.replace(/[^A-Za-z0-9.-]+/g, '-');
	return `cam-ket-${doc.year}-${card}-v${doc.version}.pdf`;
}

/** The PDF as a download: never cached, as it holds personal data. */
export async function pdfResponse(doc: DocumentRow, origin: string): Promise<Response> {
	return downloadResponse(await renderDocument(doc, origin), 'application/pdf', pdfFileName(doc));
}

export function renderDocument(doc: DocumentRow, origin: string): Promise<Buffer> {
	return renderCommitmentPdf({
		snapshot: doc.snapshot,
		version: doc.version,
		signedAt: doc.signed_at,
		code: doc.verification_code,
		verifyUrl: verifyUrl(origin, doc.verification_code),
		review:
			doc.decision && doc.reviewed_at
				? {
						decision: doc.decision,
						reviewerName: doc.reviewer_name,
						reviewedAt: doc.reviewed_at,
						post: doc.reviewer_post,
						onBehalfOf: doc.on_behalf_of
					}
				: null
	});
}

/** The columns isIntact reads (a query selects them under these names). */
export const INTEGRITY_COLUMNS = [
	'c.snapshot',
	'c.snapshot_sha256',
	'c.verification_code',
	'c.member_id',
	'c.year_id',
	'c.unit_id',
	'c.version',
	'c.supersedes_id',
	'c.signer_account_id',
	'c.signed_at',
	'c.seal',
	'c.seal_key_id'
] as const;

/**
 * True when the stored snapshot still hashes to the stored hash, the code derives from it, the
 * row's own signing time and version agree with what the snapshot says (the verification page
 * shows the signing time), and the seal is the one the key makes of all that (seal.ts): whoever
 * rewrites the snapshot, its hash and its code together through SQL has no key to seal them.
 */
export function isIntact(
	row: SealedFields & { snapshot: unknown; seal: string | null; seal_key_id: string | null }
): boolean {
	try {
		const snapshot = row.snapshot as CommitmentSnapshot;
		const hash = snapshotHash(snapshot);
		return (
			hash === row.snapshot_sha256 &&
			verificationCode(hash) === row.verification_code &&
			snapshot.header.date === todayInVietnam(row.signed_at) &&
			snapshot.version === row.version &&
			sealHolds(row)
		);
	} catch {
		// A snapshot edited into something that has no canonical form (a fraction, a cycle) is
		// as tampered as one with a changed word.
		return false;
	}
}

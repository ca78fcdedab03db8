// A member's commitment for one year as stored: the draft (if any), every signed version with the
// cell's decision on it, and the state derived from them (lib/domain/commitment/states).
import { deriveState, type CommitmentState } from '$lib/domain/commitment/states';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import type { MemberHandle } from '../access/guard';
import type { Db } from '../db/connect';

export interface SignedVersion {
	id: number;
	version: number;
	unit_id: number;
	signed_at: Date;
	snapshot_sha256: string;
	verification_code: string;
	decision: 'confirmed' | 'returned' | null;
	comment: string | null;
	reviewed_at: Date | null;
	reviewer_name: string | null;
}

export interface Chain {
	draft: { personal_items: unknown; updated_at: Date } | null;
	/** Newest first. */
	versions: SignedVersion[];
	latest: SignedVersion | null;
	state: CommitmentState;
}

export async function loadChain(db: Db, member: MemberHandle, yearId: number): Promise<Chain> {
	const memberId = member.id;
	const [draft, versions] = await Promise.all([
		db
			.selectFrom('commitment_drafts')
			.select(['personal_items', 'updated_at'])
			.where('member_id', '=', memberId)
			.where('year_id', '=', yearId)
			.executeTakeFirst(),
		db
			.selectFrom('commitments as c')
			.leftJoin('commitment_reviews as r', 'r.commitment_id', 'c.id')
			.leftJoin('accounts as a', 'a.id', 'r.reviewer_account_id')
			.select([
				'c.id',
				'c.version',
				'c.unit_id',
				'c.signed_at',
				'c.snapshot_sha256',
				'c.verification_code',
				'r.decision',
				'r.comment',
				'r.reviewed_at',
				'a.display_name as reviewer_name'
			])
			.where('c.member_id', '=', memberId)
			.where('c.year_id', '=', yearId)
			.orderBy('c.version', 'desc')
			.execute()
	]);
	const typed = versions.map((v) => ({
		...v,
		decision: v.decision
	}));
	const latest = typed[0] ?? null;
	return {
		draft: draft ?? null,
		versions: typed,
		latest,
		// Signing deletes the draft, so a draft that exists is always newer than the signature.
		state: deriveState({
			hasDraft: !!draft,
			draftIsNewer: true,
			latest: latest && { review: latest.decision }
		})
	};
}

export async function getSnapshot(db: Db, commitmentId: number): Promise<CommitmentSnapshot> {
	const row = await db
		.selectFrom('commitments')
		.select('snapshot')
		.where('id', '=', commitmentId)
		.executeTakeFirstOrThrow();
	return row.snapshot as unknown as CommitmentSnapshot;
}

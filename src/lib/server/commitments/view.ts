// What a commitment page shows: the document (the signed snapshot, or a preview of the draft built
// exactly as signing would build it), the signed versions with the cell's decisions, and what the
// latest version changed.
import { formatCode } from '$lib/domain/commitment/canonical';
import { diffSnapshots, type SnapshotDiff } from '$lib/domain/commitment/diff';
import type { AreaCode, CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { todayInVietnam } from '$lib/domain/dates';
import type { Db } from '../db/connect';
import { getSnapshot, type Chain } from './chain';
import { personalItems, snapshotOf, type Composition } from './compose';

export interface CommitmentView {
	/**
	 * The text shown: the latest signed version unless the member's own draft is being written
	 * (others see only signed versions); null when nothing was signed and no draft is shown.
	 */
	document: CommitmentSnapshot | null;
	documentIsSigned: boolean;
	versions: {
		id: number;
		version: number;
		signedAt: Date;
		code: string;
		decision: 'confirmed' | 'returned' | null;
		comment: string | null;
		reviewedAt: Date | null;
		reviewerName: string | null;
		superseded: boolean;
	}[];
	/** Latest version against the one before it, when there are two or more. */
	diff: SnapshotDiff | null;
}

export async function commitmentView(
	db: Db,
	composition: Composition | undefined,
	chain: Chain,
	personal?: Record<AreaCode, string[]>
): Promise<CommitmentView> {
	const [latest, previous] = chain.versions;
	const [latestSnapshot, previousSnapshot] = await Promise.all([
		latest ? getSnapshot(db, latest.id) : undefined,
		previous ? getSnapshot(db, previous.id) : undefined
	]);
	const showDraft = composition !== undefined && (!latestSnapshot || chain.draft !== null);
	const document = showDraft
		? snapshotOf(
				composition,
				personal ?? personalItems(chain.draft?.personal_items ?? null),
				composition.member.full_name,
				todayInVietnam()
			)
		: (latestSnapshot ?? null);
	return {
		document,
		documentIsSigned: !showDraft,
		versions: chain.versions.map((v, i) => ({
			id: v.id,
			version: v.version,
			signedAt: v.signed_at,
			code: formatCode(v.verification_code),
			decision: v.decision,
			comment: v.comment,
			reviewedAt: v.reviewed_at,
			reviewerName: v.reviewer_name,
			superseded: i > 0
		})),
		diff:
			latestSnapshot && previousSnapshot ? diffSnapshots(previousSnapshot, latestSnapshot) : null
	};
}

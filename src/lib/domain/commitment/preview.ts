// What the member read before signing, as a digest the sign form carries back. The page shows the
// catalog texts, header and identity block as they were when it loaded; signing rebuilds them from
// the database. Had an editor changed any of it in between, the member would sign words never shown
// to them, so signing compares this digest of what it is about to store with the page's.
//
// Left out: what the form itself posts (the member's own items, the typed name) and what is only
// settled at signing (the date, the version number). Everything else counts, including fields a
// later schema adds, which is why this removes fields rather than picking them.
import { canonicalJson, sha256Hex } from './canonical';
import type { CommitmentSnapshot } from './snapshot';

export function previewDigest(snapshot: CommitmentSnapshot): string {
	const { header, areas, ...rest } = snapshot;
	const shown = {
		...rest,
		version: undefined,
		typed_name: undefined,
		header: { ...header, date: undefined },
		areas: areas.map((a) => ({ ...a, personal: undefined }))
	};
	// Prefixed so that a preview digest can never be mistaken for (or collide with) a snapshot hash.
	return sha256Hex(`camket.preview\n${canonicalJson(shown)}`);
}

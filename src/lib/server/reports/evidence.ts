// Evidence files are served only through here: the file's member must be one the actor may read
// (their own, or a member in their scope), and a committee's read is in the access trail.
import type { Readable } from 'node:stream';
import { auditCtx, requireMember, type Ctx } from '../access/guard';
import { recordMemberRead } from '../members/read';
import { evidenceStore, type BlobStore } from '../evidence/storage';

export interface EvidenceDownload {
	name: string;
	mediaType: string;
	size: number;
	body: Readable;
}

/** The file and its bytes, or undefined (404) when it is not there or not the actor's to see. */
export async function openEvidence(
	ctx: Ctx,
	fileId: number,
	store: BlobStore = evidenceStore()
): Promise<EvidenceDownload | undefined> {
	const file = await ctx.db
		.selectFrom('evidence_files')
		.select(['member_id', 'storage_key', 'name', 'media_type', 'size_bytes'])
		.where('id', '=', fileId)
		.executeTakeFirst();
	if (!file) return undefined;
	// Throws the 404 itself when the member is out of the actor's scope.
	const member = await requireMember(ctx, file.member_id, 'member.read');
	const body = await store.get(file.storage_key);
	if (!body) return undefined;
	await recordMemberRead(ctx.db, auditCtx(ctx), member);
	return { name: file.name, mediaType: file.media_type, size: file.size_bytes, body };
}

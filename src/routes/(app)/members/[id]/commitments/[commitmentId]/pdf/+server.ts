import { error } from '@sveltejs/kit';
import { idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { findMemberDocument, pdfResponse } from '$lib/server/commitments/documents';
import { withErrorPage } from '$lib/server/http/error-page';
import type { RequestHandler } from './$types';

/**
 * A member's signed commitment as a PDF, for whoever may read that member's record (the cell's
 * secretary and deputy, the committees above, the member themself). Audited for others.
 */
export const GET: RequestHandler = withErrorPage(async (event) => {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	const doc = await findMemberDocument(ctx, member, idParam(event.params.commitmentId));
	if (!doc) error(404);
	return pdfResponse(doc, event.url.origin);
});

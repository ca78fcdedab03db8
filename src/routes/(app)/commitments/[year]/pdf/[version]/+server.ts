import { error } from '@sveltejs/kit';
import { idParam, requireActor } from '$lib/server/access/guard';
import { findOwnDocument, pdfResponse } from '$lib/server/commitments/documents';
import { withErrorPage } from '$lib/server/http/error-page';
import type { RequestHandler } from './$types';

/** The member's own signed version as a PDF. Others' commitments: /members/[id]/commitments/…. */
export const GET: RequestHandler = withErrorPage(async (event) => {
	const ctx = requireActor(event);
	const doc = await findOwnDocument(ctx, idParam(event.params.year), idParam(event.params.version));
	if (!doc) error(404);
	return pdfResponse(doc, event.url.origin);
});

import { Readable } from 'node:stream';
import { error } from '@sveltejs/kit';
import { idParam, requireActor } from '$lib/server/access/guard';
import { openEvidence } from '$lib/server/reports/evidence';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const ctx = requireActor(event);
	const file = await openEvidence(ctx, idParam(event.params.id));
	if (!file) error(404);
	// The name is the member's own words: sent as RFC 5987 UTF-8, with a plain ASCII fallback.
	const ascii =
		file.name
			.normalize('NFD')
			.replace(/[^\x20-\x7e]/g, '')
			.replace(/["\\]/g, '') || 'tep';
	return new Response(Readable.toWeb(file.body) as ReadableStream, {
		headers: {
			'content-type': file.mediaType,
			'content-length': String(file.size),
			'content-disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.name)}`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': 'sandbox',
			'cache-control': 'private, no-store'
		}
	});
};

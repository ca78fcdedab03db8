import { redirect } from '@sveltejs/kit';
import { THROTTLED } from '$lib/domain/result';
import { formatCode, parseCode } from '$lib/domain/commitment/canonical';
import { m } from '$lib/paraglide/messages';
import { claim, verifyCounter } from '$lib/server/auth/throttle';
import { verifyCommitment } from '$lib/server/commitments/verify';
import { refusePage } from '$lib/server/http/refuse';
import type { PageServerLoad } from './$types';

// Public: what the QR code on a PDF opens. The answer shows only what identifies the document.
// Each look-up counts against the asking address (hooks.server.ts keeps the page out of caches
// and search engines).
export const load: PageServerLoad = async ({ params, locals, getClientAddress }) => {
	const code = parseCode(params.code.slice(0, 40));
	if (!code) return { code: null, raw: params.code.slice(0, 40), result: null };
	// One address per code, whatever the spelling typed or scanned.
	if (code !== params.code) redirect(308, `/verify/${code}`);
	const minutes = await claim(locals.db, verifyCounter(getClientAddress()));
	if (minutes > 0)
		refusePage({ code: THROTTLED }, m.verify_throttled({ minutes: String(minutes) }));
	const result = await verifyCommitment(locals.db, code);
	return { code: formatCode(code), raw: '', result };
};

import { redirect } from '@sveltejs/kit';
import { formatCode, parseCode } from '$lib/domain/commitment/canonical';
import { verifyCommitment } from '$lib/server/commitments/verify';
import type { PageServerLoad } from './$types';

// Public: what the QR code on a PDF opens. The answer shows only what identifies the document.
export const load: PageServerLoad = async ({ params, locals }) => {
	const code = parseCode(params.code.slice(0, 40));
	if (!code) return { code: null, raw: params.code.slice(0, 40), result: null };
	// One address per code, whatever the spelling typed or scanned.
	if (code !== params.code) redirect(308, `/verify/${code}`);
	const result = await verifyCommitment(locals.db, code);
	return { code: formatCode(code), raw: '', result };
};

import { redirect } from '@sveltejs/kit';
import { parseCode } from '$lib/domain/commitment/canonical';
import type { PageServerLoad } from './$types';

// Public: no sign-in. A code sent by the form (GET ?code=…) goes to its own address, the one the
// QR code on the PDF opens.
export const load: PageServerLoad = ({ url }) => {
	const raw = url.searchParams.get('code');
	if (raw === null || raw.trim() === '') return { value: '', invalid: false };
	const code = parseCode(raw.slice(0, 40));
	if (code) redirect(303, `/verify/${code}`);
	return { value: raw.slice(0, 40), invalid: true };
};

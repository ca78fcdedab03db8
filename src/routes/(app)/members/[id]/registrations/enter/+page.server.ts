import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { getMemberName } from '$lib/server/members/read';
import { formPage, writeFromForm } from '$lib/server/registrations/form';
import { openOnBehalf } from '$lib/server/registrations/member';
import type { Actions, PageServerLoad } from './$types';

/** The member's registration for `?year=`, for whoever may enter it on their behalf; else 404. */
async function open(event: RequestEvent) {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.read');
	const year = event.url.searchParams.get('year') ?? '';
	if (!/^\d{4}$/.test(year)) error(404);
	const r = await openOnBehalf(ctx, member, Number(year));
	if (!r) error(404);
	return { ctx, member, r };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, member, r } = await open(event);
	return {
		member: { id: member.id, name: await getMemberName(ctx.db, member) },
		...formPage(r)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, r } = await open(event);
		return (await writeFromForm(event, ctx, r, 'save')) ?? { saved: true };
	},
	submit: async (event) => {
		const { ctx, member, r } = await open(event);
		const refused = await writeFromForm(event, ctx, r, 'submit');
		if (refused) return refused;
		redirect(303, `/members/${member.id}/registrations?year=${r.year.year}&entered=1`);
	}
};

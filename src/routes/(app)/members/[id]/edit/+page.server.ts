import { fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { memberSchema } from '$lib/schemas/member';
import { auditCtx, idParam, requireActor, requireMember } from '$lib/server/access/guard';
import { getMemberDetail, recordMemberRead } from '$lib/server/members/read';
import { updateMember } from '$lib/server/members/write';
import { refuseForm } from '$lib/server/http/refuse';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.manage');
	// The form shows the whole record: the same read trail as /members/[id].
	const [{ member: record }] = await Promise.all([
		getMemberDetail(ctx.db, member),
		recordMemberRead(ctx.db, auditCtx(ctx), member)
	]);
	const { id, updated_at: _u, ...fields } = record;
	const form = await superValidate(
		{ ...fields, gender: fields.gender ?? '' } as Record<string, unknown>,
		zod4(memberSchema),
		{ errors: false }
	);
	return { form, id, name: record.full_name };
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireActor(event);
		const member = await requireMember(ctx, idParam(event.params.id), 'member.manage');
		const form = await superValidate(event.request, zod4(memberSchema));
		if (!form.valid) return fail(400, { form });
		const result = await updateMember(ctx, member, form.data);
		if (!result.ok) return refuseForm(form, result.problem, m.member_card_taken());
		return message(form, { type: 'success', text: m.member_saved() });
	}
};

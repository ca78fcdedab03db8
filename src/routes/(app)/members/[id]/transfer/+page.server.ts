import { fail, redirect } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { formatDate } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { todayInVietnam } from '$lib/domain/dates';
import { transferSchema } from '$lib/schemas/transfer';
import { idParam, requireActor, requireMember, requireUnit } from '$lib/server/access/guard';
import { getMemberDetail } from '$lib/server/members/read';
import { transferMember, type TransferProblem } from '$lib/server/members/write';
import { refuseForm } from '$lib/server/http/refuse';
import type { Problem } from '$lib/domain/result';
import { listCellsInScope } from '$lib/server/units/read';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const member = await requireMember(ctx, idParam(event.params.id), 'member.manage');
	const [detail, cells] = await Promise.all([
		getMemberDetail(ctx.db, member),
		listCellsInScope(ctx, 'member.manage')
	]);
	const current = detail.memberships.find((x) => x.ended_on === null);
	if (!current) redirect(303, `/members/${member.id}`);
	return {
		id: member.id,
		name: detail.member.full_name,
		current: { unit_id: current.unit_id, unit_name: current.unit_name },
		cells: cells.filter((c) => c.id !== current.unit_id),
		form: await superValidate({ date: todayInVietnam() }, zod4(transferSchema), { errors: false })
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ctx = requireActor(event);
		const member = await requireMember(ctx, idParam(event.params.id), 'member.manage');
		const form = await superValidate(event.request, zod4(transferSchema));
		if (!form.valid) return fail(400, { form });
		const target = await requireUnit(ctx, form.data.to_unit_id, 'member.manage');
		const result = await transferMember(ctx, member, target, form.data.date);
		if (!result.ok) return refuseForm(form, result.problem, transferText(result.problem));
		redirect(303, `/members/${member.id}?transferred=1`);
	}
};

function transferText(p: Problem<TransferProblem>): string {
	switch (p.code) {
		case 'target_dissolved':
			return m.transfer_target_dissolved();
		case 'same_cell':
			return m.transfer_same_cell();
		case 'target_out_of_scope':
			return m.v_invalid_choice();
		case 'no_current':
			return m.transfer_no_current();
		case 'date_before_start':
			return m.transfer_date_before_start({ date: formatDate(String(p.detail?.startedOn)) });
	}
}

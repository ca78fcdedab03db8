import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { formatDate } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { todayInVietnam } from '$lib/domain/dates';
import { transferSchema } from '$lib/schemas/transfer';
import { idParam, requireActor, requireMember, requireUnit } from '$lib/server/access/guard';
import { getMemberDetail } from '$lib/server/members/read';
import { constraintOf } from '$lib/server/db/errors';
import { transferMember, type TransferProblem } from '$lib/server/members/write';
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
		let problem: TransferProblem | undefined;
		try {
			problem = await transferMember(ctx, member.id, target, form.data.date);
		} catch (err) {
			// transferMember checks under a lock; should the membership trigger still refuse the
			// dissolved cell, the person gets the same field message, not an error page.
			if (constraintOf(err) !== 'memberships_unit_active_check') throw err;
			problem = 'target_dissolved';
		}
		if (problem === 'target_dissolved')
			return setError(form, 'to_unit_id', m.transfer_target_dissolved());
		if (problem === 'same_cell') return setError(form, 'to_unit_id', m.transfer_same_cell());
		if (problem === 'target_out_of_scope')
			return setError(form, 'to_unit_id', m.v_invalid_choice());
		if (problem === 'no_current') return setError(form, 'to_unit_id', m.transfer_no_current());
		if (problem)
			return setError(
				form,
				'date',
				m.transfer_date_before_start({ date: formatDate(problem.startedOn) })
			);
		redirect(303, `/members/${member.id}?transferred=1`);
	}
};

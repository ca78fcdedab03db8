import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { roleFitsUnit, UNIT_ROLES, type UnitKind } from '$lib/domain/roles';
import { todayInVietnam } from '$lib/domain/dates';
import { assignRoleSchema, endRoleSchema } from '$lib/schemas/units';
import { idParam, requireActor, requireUnit, type Ctx } from '$lib/server/access/guard';
import { assignRole, canAssignAt, endRole } from '$lib/server/roles/assign';
import { listOfficers } from '$lib/server/units/read';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function guarded(event: RequestEvent) {
	const ctx: Ctx = requireActor(event);
	const unit = await requireUnit(ctx, idParam(event.params.id), 'unit.read');
	if (!canAssignAt(ctx, unit.path) || unit.dissolved_on) error(404);
	return { ctx, unit };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, unit } = await guarded(event);
	return {
		unit: { id: unit.id, name: unit.name },
		roles: UNIT_ROLES.filter((r) => roleFitsUnit(r, unit.kind as UnitKind)),
		officers: await listOfficers(ctx.db, unit.id),
		form: await superValidate({ started_on: todayInVietnam() }, zod4(assignRoleSchema), {
			errors: false,
			id: 'assign'
		})
	};
};

export const actions: Actions = {
	assign: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(assignRoleSchema), { id: 'assign' });
		if (!form.valid) return fail(400, { form });
		const problem = await assignRole(ctx, unit, form.data);
		if (problem === 'member_not_found')
			return setError(form, 'card_no', m.roles_member_not_found());
		if (problem === 'duplicate') return setError(form, 'card_no', m.roles_duplicate());
		if (problem) return setError(form, 'role', m.roles_not_allowed());
		return message(form, { type: 'success', text: m.roles_assigned() });
	},
	end: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(endRoleSchema));
		if (!form.valid) return fail(400, { ended: false });
		const problem = await endRole(ctx, unit, form.data.assignment_id);
		if (problem) return fail(problem === 'not_found' ? 404 : 400, { ended: false });
		return { ended: true };
	}
};

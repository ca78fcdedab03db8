import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { roleFitsUnit, UNIT_ROLES } from '$lib/domain/roles';
import { todayInVietnam } from '$lib/domain/dates';
import { assignRoleSchema, endRoleSchema } from '$lib/schemas/units';
import { idParam, requireActor, requireUnit, type Ctx } from '$lib/server/access/guard';
import { mayAssignRolesAt } from '$lib/server/access/policy';
import { refuseAction, refuseForm } from '$lib/server/http/refuse';
import { assignRole, endRole, type AssignProblem } from '$lib/server/roles/assign';
import { listOfficers } from '$lib/server/units/read';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function guarded(event: RequestEvent) {
	const ctx: Ctx = requireActor(event);
	const unit = await requireUnit(ctx, idParam(event.params.id), 'unit.read');
	if (!mayAssignRolesAt(ctx.actor, unit.path) || unit.dissolved_on) error(404);
	return { ctx, unit };
}

export const load: PageServerLoad = async (event) => {
	const { ctx, unit } = await guarded(event);
	return {
		unit: { id: unit.id, name: unit.name },
		roles: UNIT_ROLES.filter((r) => roleFitsUnit(r, unit.kind)),
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
		const result = await assignRole(ctx, unit, form.data);
		if (!result.ok) return refuseForm(form, result.problem, assignText(result.problem.code));
		return message(form, { type: 'success', text: m.roles_assigned() });
	},
	end: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(endRoleSchema));
		if (!form.valid) return fail(400, { ended: false });
		const result = await endRole(ctx, unit, form.data.assignment_id);
		if (!result.ok) return refuseAction(result.problem, m.roles_not_allowed());
		return { ended: true };
	}
};

function assignText(code: AssignProblem): string {
	switch (code) {
		case 'member_not_found':
			return m.roles_member_not_found();
		case 'duplicate':
			return m.roles_duplicate();
		case 'self':
			return m.roles_self();
		default:
			return m.roles_not_allowed();
	}
}

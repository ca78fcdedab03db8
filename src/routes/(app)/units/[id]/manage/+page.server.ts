import { fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { m } from '$lib/paraglide/messages';
import { todayInVietnam } from '$lib/domain/dates';
import {
	createUnitSchema,
	dissolveUnitSchema,
	mergeUnitSchema,
	moveUnitSchema,
	renameUnitSchema
} from '$lib/schemas/units';
import type { Problem } from '$lib/domain/result';
import { idParam, requireActor, requireUnit } from '$lib/server/access/guard';
import { refuseForm } from '$lib/server/http/refuse';
import { childKinds, mergeKinds, parentKinds } from '$lib/domain/tree';
import * as manage from '$lib/server/units/manage';
import { listUnitsOfKinds } from '$lib/server/units/read';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function guarded(event: RequestEvent) {
	const ctx = requireActor(event);
	const unit = await requireUnit(ctx, idParam(event.params.id), 'unit.manage');
	if (unit.dissolved_on) redirect(303, `/units/${unit.id}`);
	return { ctx, unit };
}

function problemText(p: Problem<manage.TreeProblem>): string {
	switch (p.code) {
		case 'code_taken':
			return m.manage_err_code_taken();
		case 'parent_kind':
			return m.manage_err_parent_kind();
		case 'cycle':
			return m.manage_err_cycle();
		case 'parent_dissolved':
			return m.manage_err_parent_dissolved();
		case 'same':
			return m.manage_err_same();
		case 'kind_mismatch':
			return m.manage_err_kind_mismatch();
		case 'dissolved':
			return m.manage_err_dissolved();
		case 'target_dissolved':
			return m.manage_err_target_dissolved();
		case 'not_empty':
			return m.manage_err_not_empty({
				members: String(p.detail?.members ?? 0),
				units: String(p.detail?.units ?? 0)
			});
		case 'not_found':
			return '';
	}
}

export const load: PageServerLoad = async (event) => {
	const { ctx, unit } = await guarded(event);
	const today = { date: todayInVietnam() };
	const [parents, mergeTargets] = await Promise.all([
		listUnitsOfKinds(ctx, 'unit.manage', parentKinds(unit.kind)),
		listUnitsOfKinds(ctx, 'unit.manage', mergeKinds(unit.kind))
	]);
	return {
		unit: {
			id: unit.id,
			name: unit.name,
			code: unit.code,
			kind: unit.kind,
			parent_id: unit.parent_id
		},
		childKinds: childKinds(unit.kind),
		parents: parents
			.filter((p) => p.id !== unit.parent_id && !p.path.startsWith(unit.path))
			.map(({ path: _p, ...p }) => p),
		mergeTargets: mergeTargets.filter((t) => t.id !== unit.id).map(({ path: _p, ...t }) => t),
		rename: await superValidate({ code: unit.code, name: unit.name }, zod4(renameUnitSchema), {
			id: 'rename'
		}),
		create: await superValidate(zod4(createUnitSchema), { id: 'create' }),
		move: await superValidate(zod4(moveUnitSchema), { id: 'move' }),
		dissolve: await superValidate(today, zod4(dissolveUnitSchema), {
			id: 'dissolve',
			errors: false
		}),
		merge: await superValidate(today, zod4(mergeUnitSchema), { id: 'merge', errors: false })
	};
};

export const actions: Actions = {
	rename: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(renameUnitSchema), { id: 'rename' });
		if (!form.valid) return fail(400, { rename: form });
		const result = await manage.renameUnit(ctx, unit, form.data);
		if (!result.ok) return refuseForm(form, result.problem, problemText(result.problem));
		return message(form, { type: 'success', text: m.manage_renamed() });
	},
	create: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(createUnitSchema), { id: 'create' });
		if (!form.valid) return fail(400, { create: form });
		const result = await manage.createUnit(ctx, unit, form.data);
		if (!result.ok) return refuseForm(form, result.problem, problemText(result.problem));
		redirect(303, `/units/${result.value}`);
	},
	move: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(moveUnitSchema), { id: 'move' });
		if (!form.valid) return fail(400, { move: form });
		const parent = await requireUnit(ctx, form.data.parent_id, 'unit.manage');
		const result = await manage.moveUnit(ctx, unit, parent);
		if (!result.ok) return refuseForm(form, result.problem, problemText(result.problem));
		return message(form, { type: 'success', text: m.manage_moved() });
	},
	dissolve: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(dissolveUnitSchema), { id: 'dissolve' });
		if (!form.valid) return fail(400, { dissolve: form });
		const result = await manage.dissolveUnit(ctx, unit, form.data.date);
		if (!result.ok) return refuseForm(form, result.problem, problemText(result.problem));
		redirect(303, `/units/${unit.id}`);
	},
	merge: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(mergeUnitSchema), { id: 'merge' });
		if (!form.valid) return fail(400, { merge: form });
		const target = await requireUnit(ctx, form.data.target_id, 'unit.manage');
		const result = await manage.mergeUnit(ctx, unit, target, form.data.date);
		if (!result.ok) return refuseForm(form, result.problem, problemText(result.problem));
		redirect(303, `/units/${target.id}`);
	}
};

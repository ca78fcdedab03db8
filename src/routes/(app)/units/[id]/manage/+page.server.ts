import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
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
import { idParam, requireActor, requireUnit } from '$lib/server/access/guard';
import { constraintOf } from '$lib/server/db/errors';
import { childKinds, mergeKinds, parentKinds } from '$lib/domain/tree';
import * as manage from '$lib/server/units/manage';
import { listUnitsOfKinds } from '$lib/server/units/read';
import { treeError } from './tree-error';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

async function guarded(event: RequestEvent) {
	const ctx = requireActor(event);
	const unit = await requireUnit(ctx, idParam(event.params.id), 'unit.manage');
	if (unit.dissolved_on) redirect(303, `/units/${unit.id}`);
	return { ctx, unit };
}

const MERGE_PROBLEMS: Record<manage.MergeProblem, () => string> = {
	same: m.manage_err_same,
	kind_mismatch: m.manage_err_kind_mismatch,
	dissolved: m.manage_err_dissolved,
	target_dissolved: m.manage_err_target_dissolved
};

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
		try {
			await manage.renameUnit(ctx, unit, form.data);
		} catch (err) {
			return treeError(form, 'code', err);
		}
		return message(form, { type: 'success', text: m.manage_renamed() });
	},
	create: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(createUnitSchema), { id: 'create' });
		if (!form.valid) return fail(400, { create: form });
		let id: number;
		try {
			id = await manage.createUnit(ctx, unit, form.data);
		} catch (err) {
			return treeError(
				form,
				form.data.kind && constraintOf(err) !== 'org_units_code_key' ? 'kind' : 'code',
				err
			);
		}
		redirect(303, `/units/${id}`);
	},
	move: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(moveUnitSchema), { id: 'move' });
		if (!form.valid) return fail(400, { move: form });
		const parent = await requireUnit(ctx, form.data.parent_id, 'unit.manage');
		try {
			if (await manage.moveUnit(ctx, unit, parent))
				return setError(form, 'parent_id', m.manage_err_parent_dissolved());
		} catch (err) {
			return treeError(form, 'parent_id', err);
		}
		return message(form, { type: 'success', text: m.manage_moved() });
	},
	dissolve: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(dissolveUnitSchema), { id: 'dissolve' });
		if (!form.valid) return fail(400, { dissolve: form });
		const left = await manage.dissolveUnit(ctx, unit, form.data.date);
		if (left)
			return message(
				form,
				{
					type: 'error',
					text: m.manage_err_not_empty({ members: String(left.members), units: String(left.units) })
				},
				{ status: 400 }
			);
		redirect(303, `/units/${unit.id}`);
	},
	merge: async (event) => {
		const { ctx, unit } = await guarded(event);
		const form = await superValidate(event.request, zod4(mergeUnitSchema), { id: 'merge' });
		if (!form.valid) return fail(400, { merge: form });
		const target = await requireUnit(ctx, form.data.target_id, 'unit.manage');
		let problem: manage.MergeProblem | undefined;
		try {
			problem = await manage.mergeUnit(ctx, unit, target, form.data.date);
		} catch (err) {
			return treeError(form, 'target_id', err, 'merge');
		}
		if (problem) return setError(form, 'target_id', MERGE_PROBLEMS[problem]());
		redirect(303, `/units/${target.id}`);
	}
};

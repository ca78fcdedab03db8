import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { referenceText } from '$lib/domain/commitment/document';
import { todayInVietnam } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import { editItemSchema } from '$lib/schemas/catalogs';
import { idParam, requireActor } from '$lib/server/access/guard';
import { managedBlocs, mayManageCatalogs } from '$lib/server/access/policy';
import { editItem } from '$lib/server/catalogs/edit';
import { findVersion, type CatalogVersion } from '$lib/server/catalogs/versions';
import { refuseForm } from '$lib/server/http/refuse';
import type { Actions, PageServerLoad } from './$types';

async function guarded(event: RequestEvent) {
	const ctx = requireActor(event);
	if (!mayManageCatalogs(ctx.actor)) error(404);
	const version = await findVersion(ctx.db, idParam(event.params.versionId));
	if (!version) error(404);
	return { ctx, version };
}

/** A positive id from the query string, or null. */
function queryId(url: URL, key: string): number | null {
	const n = Number(url.searchParams.get(key));
	return Number.isSafeInteger(n) && n > 0 ? n : null;
}

export const load: PageServerLoad = async (event) => {
	const { ctx, version } = await guarded(event);
	const editing = version.items.find((i) => i.id === queryId(event.url, 'item'));
	const blocs = new Set(managedBlocs(ctx.actor).map((b) => b.id));
	// Consecutive items under the same heading form a group (the 27 manifestations: 3 × 9).
	const groups: {
		title: string | null;
		items: (CatalogVersion['items'][number] & { reference: string })[];
	}[] = [];
	for (const item of version.items) {
		const last = groups.at(-1);
		// How a reference reads on the commitment, so the editor shows exactly that.
		const shown = { ...item, reference: referenceText(item.code, version.source) };
		if (last && last.title === item.group_title) last.items.push(shown);
		else groups.push({ title: item.group_title, items: [shown] });
	}
	const { items: _i, used_by, frozen_at, created_at: _c, ...v } = version;
	return {
		version: {
			...v,
			frozen_on: frozen_at ? todayInVietnam(new Date(frozen_at)) : null,
			unverified: version.items.filter((i) => !i.verified).length,
			isLatest: version.latest_id === version.id
		},
		usedBy: used_by.map(({ unit_id, ...u }) => ({ ...u, linked: blocs.has(unit_id) })),
		groups,
		editingId: editing?.id ?? null,
		saved: queryId(event.url, 'saved'),
		createdFrom: queryId(event.url, 'from'),
		form: await superValidate(
			editing
				? { item_id: editing.id, text: editing.text ?? '', wording: editing.wording ?? undefined }
				: { item_id: 0, text: '' },
			zod4(editItemSchema),
			{ errors: false }
		)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const { ctx, version } = await guarded(event);
		const form = await superValidate(event.request, zod4(editItemSchema));
		const { wording } = form.data;
		// The schema requires a wording; the check tells the compiler so.
		if (!form.valid || !wording) return fail(400, { form });
		const result = await editItem(ctx, version.id, { ...form.data, wording });
		if (!result.ok)
			return refuseForm(
				form,
				result.problem,
				result.problem.code === 'not_latest' ? m.catalog_err_not_latest() : m.catalog_err_conflict()
			);
		const { versionId, itemId, created } = result.value;
		const anchor = `#item-${itemId}`;
		if (created)
			redirect(303, `/admin/catalogs/${versionId}?from=${version.id}&saved=${itemId}${anchor}`);
		redirect(303, `/admin/catalogs/${version.id}?saved=${itemId}${anchor}`);
	}
};

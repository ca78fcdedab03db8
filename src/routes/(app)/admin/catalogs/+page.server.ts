import { error } from '@sveltejs/kit';
import { todayInVietnam } from '$lib/domain/dates';
import { CATALOG_NAMES } from '$lib/schemas/catalogs';
import { requireActor } from '$lib/server/access/guard';
import { managedBlocs, mayManageCatalogs } from '$lib/server/access/policy';
import { listVersions } from '$lib/server/catalogs/versions';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	if (!mayManageCatalogs(ctx.actor)) error(404);
	const versions = await listVersions(ctx.db);
	// Years are linked only for those who may open their page (the bloc's organization department).
	const blocs = new Set(managedBlocs(ctx.actor).map((b) => b.id));
	return {
		catalogs: CATALOG_NAMES.map((catalog) => ({
			catalog,
			versions: versions
				.filter((v) => v.catalog === catalog)
				.map(({ frozen_at, created_at: _c, ...v }) => ({
					...v,
					frozen_on: frozen_at ? todayInVietnam(new Date(frozen_at)) : null,
					used_by: v.used_by.map(({ unit_id, ...u }) => ({ ...u, linked: blocs.has(unit_id) }))
				}))
		}))
	};
};

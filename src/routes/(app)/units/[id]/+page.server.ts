import { idParam, requireActor } from '$lib/server/access/guard';
import { getUnitPage } from '$lib/server/units/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const showDissolved = event.url.searchParams.get('dissolved') === '1';
	const { unit, ...rest } = await getUnitPage(ctx, idParam(event.params.id), showDissolved);
	const { path: _path, ...publicUnit } = unit;
	return { ...rest, unit: publicUnit, showDissolved };
};

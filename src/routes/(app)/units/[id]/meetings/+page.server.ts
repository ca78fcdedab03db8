import { idParam, requireActor } from '$lib/server/access/guard';
import { mayRecordMeetingsAt } from '$lib/server/access/policy';
import { openCell } from '$lib/server/meetings/cell';
import { listMeetings } from '$lib/server/meetings/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const { unit, year } = await openCell(
		ctx,
		idParam(event.params.id),
		event.url.searchParams.get('year')
	);
	return {
		unit: { id: unit.id, name: unit.name },
		years: unit.years.map((y) => y.year),
		year: year ? { year: year.year } : null,
		meetings: year ? await listMeetings(ctx.db, unit, year.id) : [],
		canRecord: year?.status === 'open' && mayRecordMeetingsAt(ctx.actor, unit)
	};
};

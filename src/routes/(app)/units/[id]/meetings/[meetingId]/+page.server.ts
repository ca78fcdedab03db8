import { error } from '@sveltejs/kit';
import { idParam, requireActor } from '$lib/server/access/guard';
import { openCell } from '$lib/server/meetings/cell';
import { findMeeting } from '$lib/server/meetings/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	const { unit } = await openCell(ctx, idParam(event.params.id), null);
	const meeting = await findMeeting(ctx.db, unit, idParam(event.params.meetingId));
	if (!meeting) error(404);
	return { unit: { id: unit.id, name: unit.name }, meeting };
};

import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { todayInVietnam } from '$lib/domain/dates';
import { m } from '$lib/paraglide/messages';
import { BLANK_MEETING, parseMeeting, readMeetingForm } from '$lib/schemas/meeting';
import { idParam, requireActor } from '$lib/server/access/guard';
import { mayRecordMeetingsAt } from '$lib/server/access/policy';
import { refuseAction } from '$lib/server/http/refuse';
import { openCell } from '$lib/server/meetings/cell';
import { cellRoster } from '$lib/server/meetings/read';
import { recordMeeting, type MeetingProblem } from '$lib/server/meetings/write';
import type { Actions, PageServerLoad } from './$types';

/** The cell and its open year, for those who record its meetings; anyone else gets a 404. */
async function opened(event: RequestEvent) {
	const ctx = requireActor(event);
	const { unit, year } = await openCell(
		ctx,
		idParam(event.params.id),
		event.url.searchParams.get('year')
	);
	if (!year || year.status !== 'open' || !mayRecordMeetingsAt(ctx.actor, unit)) error(404);
	return { ctx, unit, year, roster: await cellRoster(ctx.db, unit) };
}

function problemText(code: MeetingProblem): string {
	switch (code) {
		case 'year_closed':
			return m.meetings_err_year_closed();
		case 'held_on':
			return m.meetings_err_held_on();
		case 'roster':
		case 'not_found':
			return m.meetings_err_roster();
	}
}

export const load: PageServerLoad = async (event) => {
	const { unit, year, roster } = await opened(event);
	const today = todayInVietnam();
	return {
		unit: { id: unit.id, name: unit.name },
		year: year.year,
		roster,
		values: BLANK_MEETING(
			today.startsWith(`${year.year}-`) ? today : `${year.year}-01-01`,
			roster.map((r) => r.id)
		)
	};
};

export const actions: Actions = {
	record: async (event) => {
		const { ctx, unit, year, roster } = await opened(event);
		const ids = roster.map((r) => r.id);
		const values = readMeetingForm(await event.request.formData(), ids);
		const parsed = parseMeeting(values, year.year, ids);
		if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
		const result = await recordMeeting(ctx, unit, year, ids, parsed.value);
		if (!result.ok) {
			const text = problemText(result.problem.code);
			if (result.problem.field)
				return fail(400, { values, errors: { [result.problem.field]: text } });
			return refuseAction(result.problem, text);
		}
		redirect(303, `/units/${unit.id}/meetings/${result.value}?recorded=1`);
	}
};

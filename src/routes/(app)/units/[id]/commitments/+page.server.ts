import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { COMMITMENT_STATES, type CommitmentState } from '$lib/domain/commitment/states';
import { CELL_KINDS } from '$lib/domain/roles';
import { idParam, requireActor, requireUnit } from '$lib/server/access/guard';
import {
	getProgressPage,
	keepInCell,
	RATE_SORTS,
	type ProgressQuery,
	type RateSort
} from '$lib/server/commitments/progress';
import { sendReminders } from '$lib/server/commitments/reminders';
import { confirmMany } from '$lib/server/commitments/review';
import type { Actions, PageServerLoad } from './$types';

function readQuery(url: URL): ProgressQuery {
	const year = url.searchParams.get('year') ?? '';
	const state = url.searchParams.get('state') as CommitmentState;
	const sort = url.searchParams.get('sort') as RateSort;
	return {
		year: /^\d{4}$/.test(year) ? Number(year) : null,
		state: COMMITMENT_STATES.includes(state) ? state : null,
		sort: RATE_SORTS.includes(sort) ? sort : 'signed'
	};
}

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	return {
		...(await getProgressPage(ctx, idParam(event.params.id), readQuery(event.url))),
		me: ctx.actor.memberId
	};
};

/** The cell, for its reviewers only (the secretary and deputy): everyone else gets 404. */
async function reviewedCell(event: RequestEvent) {
	const ctx = requireActor(event);
	const unit = await requireUnit(ctx, idParam(event.params.id), 'commitment.review');
	if (!CELL_KINDS.includes(unit.kind)) error(404);
	return { ctx, unit, form: await event.request.formData() };
}

const ids = (values: FormDataEntryValue[]) =>
	values.flatMap((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? [Number(v)] : []));

export const actions: Actions = {
	confirm: async (event) => {
		const { ctx, unit, form } = await reviewedCell(event);
		// A cell has tens of members: a thousand ids is already more than any real form sends.
		const wanted = [...new Set(ids(form.getAll('ids')))].slice(0, 1000);
		if (wanted.length === 0) return fail(400, { confirm: { none: true } });
		// Only this cell's commitments, even for someone who reviews several cells.
		const mine = await keepInCell(ctx.db, unit.id, wanted);
		const done = await confirmMany(ctx, mine);
		return { confirm: { confirmed: done.confirmed, skipped: wanted.length - done.confirmed } };
	},
	remind: async (event) => {
		const { ctx, unit, form } = await reviewedCell(event);
		const [yearId] = ids(form.getAll('year_id'));
		if (!yearId) error(404);
		const outcome = await sendReminders(ctx, unit, yearId, event.url.origin);
		if (!outcome.ok) {
			if (outcome.problem.code === 'not_found') error(404);
			return fail(400, { remind: { phase: true } });
		}
		return { remind: outcome.value };
	}
};

import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { COMMITMENT_STATES, type CommitmentState } from '$lib/domain/commitment/states';
import { CELL_KINDS } from '$lib/domain/roles';
import { can } from '$lib/server/access/actor';
import {
	idParam,
	requireActor,
	requireUnit,
	type Ctx,
	type ScopedUnit
} from '$lib/server/access/guard';
import { mayReviewInCell } from '$lib/server/access/policy';
import { hasLoneReviewer } from '$lib/server/access/review-facts';
import { getProgressPage, keepInCell, type ProgressQuery } from '$lib/server/commitments/progress';
import { RATE_SORTS, type RateSort } from '$lib/server/commitments/rates';
import { sendReminders } from '$lib/server/commitments/reminders';
import { CONFIRM_BATCH_MAX, confirmMany } from '$lib/server/commitments/review';
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
	return getProgressPage(ctx, idParam(event.params.id), readQuery(event.url));
};

/**
 * The cell, for whoever may act on its commitments (`confirm`: its reviewers, and the committee
 * above when it confirms the lone secretary's; `remind`: its reviewers); anyone else gets 404.
 */
async function actedCell(
	event: RequestEvent,
	may: (ctx: Ctx, unit: ScopedUnit) => boolean | Promise<boolean>
) {
	const ctx = requireActor(event);
	const unit = await requireUnit(ctx, idParam(event.params.id), 'unit.read');
	if (!CELL_KINDS.includes(unit.kind) || !(await may(ctx, unit))) error(404);
	return { ctx, unit, form: await event.request.formData() };
}

const ids = (values: FormDataEntryValue[]) =>
	values.flatMap((v) => (typeof v === 'string' && /^\d{1,9}$/.test(v) ? [Number(v)] : []));

export const actions: Actions = {
	confirm: async (event) => {
		const { ctx, unit, form } = await actedCell(event, async (ctx, cell) =>
			mayReviewInCell(ctx.actor, {
				...cell,
				loneReviewer: await hasLoneReviewer(ctx.db, cell.id)
			})
		);
		const wanted = [...new Set(ids(form.getAll('ids')))];
		if (wanted.length === 0) return fail(400, { confirm: { none: true } });
		if (wanted.length > CONFIRM_BATCH_MAX)
			return fail(400, { confirm: { tooMany: wanted.length, max: CONFIRM_BATCH_MAX } });
		// Only this cell's commitments, even for someone who reviews several cells.
		const mine = await keepInCell(ctx.db, unit.id, wanted);
		const done = await confirmMany(ctx, mine);
		return { confirm: { confirmed: done.confirmed, skipped: wanted.length - done.confirmed } };
	},
	remind: async (event) => {
		const { ctx, unit, form } = await actedCell(event, (ctx, cell) =>
			can(ctx.actor, 'commitment.review', cell.path)
		);
		const [yearId] = ids(form.getAll('year_id'));
		if (!yearId) error(404);
		const outcome = await sendReminders(ctx, unit, yearId, event.url.origin);
		if (!outcome.ok) {
			const { code, detail } = outcome.problem;
			if (code === 'not_found') error(404);
			if (code === 'throttled') return fail(429, { remind: { again: String(detail?.again) } });
			return fail(400, { remind: { phase: true } });
		}
		return { remind: outcome.value };
	}
};

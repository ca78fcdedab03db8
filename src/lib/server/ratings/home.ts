// The year-end rating's part of the home page, for those who take part in it: each organization
// whose members' levels the actor decides, while its decisions are open and not yet approved,
// with the members still to decide; each cell whose proposals the actor records, during the
// cells' review, with the members still without one.
import { decisionWindow } from '$lib/domain/rating/decision';
import { phaseStatus, todayInVietnam } from '$lib/domain/years/phases';
import type { Grant } from '../access/actor';
import { requireUnit, type Ctx } from '../access/guard';
import { ratingScopes } from '../access/policy';
import { homeProvider } from '../home/provider';
import { listYearsForPath } from '../years/read';
import { pickYear } from '../years/unit-year';
import { loadBoard } from './board';

export interface RatingDue {
	kind: 'decide' | 'propose';
	unitName: string;
	year: number;
	/** Members still without a level (decide) or a proposal (propose). */
	count: number;
	/** The last day: the decision deadline, or the end of the cells' review. */
	until: string;
	href: string;
}

async function dueAt(ctx: Ctx, g: Grant, kind: RatingDue['kind']): Promise<RatingDue | null> {
	const year = pickYear(await listYearsForPath(ctx.db, g.unitPath), null);
	if (!year || year.status !== 'open') return null;
	const today = todayInVietnam();
	const open =
		kind === 'decide'
			? decisionWindow(year, today).state === 'open'
			: phaseStatus(year, 'cell_review', today).state === 'open';
	if (!open) return null;
	const unit = await requireUnit(ctx, g.unitId, 'member.read');
	const { tally, approval } = await loadBoard(ctx.db, unit, year.id, {
		page: 0,
		orgId: kind === 'decide' ? unit.id : null
	});
	if (approval) return null;
	const count =
		kind === 'decide' ? tally.undecided : tally.members - tally.notRated - tally.proposed;
	return {
		kind,
		unitName: unit.name,
		year: year.year,
		count,
		until: kind === 'decide' ? year.decision_deadline : year.cell_review_closes_on,
		href: `/units/${unit.id}/ratings?year=${year.year}`
	};
}

export const ratingsHome = homeProvider({
	own: () => null,
	async extra(ctx: Ctx): Promise<RatingDue[]> {
		const { orgs, cells } = ratingScopes(ctx.actor);
		const due = await Promise.all([
			...orgs.map((g) => dueAt(ctx, g, 'decide')),
			...cells.map((g) => dueAt(ctx, g, 'propose'))
		]);
		return due.filter((d): d is RatingDue => d !== null && d.count > 0);
	},
	section(_own: null, due: RatingDue[]): { items: RatingDue[] } | null {
		return due.length ? { items: due } : null;
	}
});

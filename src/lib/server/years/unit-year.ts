// A unit's page about one review year: the unit cleared for reading, the years that apply to it
// (its bloc's, not drafts) and the one the page shows: the one asked for (?year=), else the open
// one running this calendar year (in December the next year is often open for signing already),
// else any open one, else the newest.
import { todayInVietnam } from '$lib/domain/dates';
import { clearUnit, type Ctx } from '../access/guard';
import { findUnitWithYears } from './read';

export async function openUnitYear(ctx: Ctx, unitId: number, yearParam: string | null) {
	const unit = clearUnit(ctx, await findUnitWithYears(ctx.db, unitId), 'member.read');
	const wanted = Number(yearParam);
	const running = Number(todayInVietnam().slice(0, 4));
	const year =
		unit.years.find((y) => y.year === wanted) ??
		unit.years.find((y) => y.status === 'open' && y.year === running) ??
		unit.years.find((y) => y.status === 'open') ??
		unit.years[0];
	return { unit, year };
}

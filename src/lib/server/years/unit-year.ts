// A unit's page about one review year: the unit cleared for reading, the years that apply to it
// (its bloc's, not drafts) and the one the page shows: the one asked for (?year=), else the open
// one running this calendar year (in December the next year is often open for signing already),
// else any open one, else the newest.
import { todayInVietnam } from '$lib/domain/dates';
import { clearUnit, type Ctx } from '../access/guard';
import { findUnitWithYears } from './read';

export async function openUnitYear(ctx: Ctx, unitId: number, yearParam: string | null) {
	const unit = clearUnit(ctx, await findUnitWithYears(ctx.db, unitId), 'member.read');
	return { unit, year: pickYear(unit.years, yearParam) };
}

/** Of the years that apply (newest first): the one asked for, else the running open one, else any open one, else the newest. */
export function pickYear<Y extends { year: number; status: string }>(
	years: Y[],
	yearParam: string | null
): Y | undefined {
	const wanted = Number(yearParam);
	const running = Number(todayInVietnam().slice(0, 4));
	return (
		years.find((y) => y.year === wanted) ??
		years.find((y) => y.status === 'open' && y.year === running) ??
		years.find((y) => y.status === 'open') ??
		years[0]
	);
}

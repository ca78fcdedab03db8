// The cell a meetings page is about, cleared for the actor, with the year it shows: the one asked
// for (?year=), else the open one, else the newest. Meetings are a cell's: another unit is a 404.
import { error } from '@sveltejs/kit';
import { CELL_KINDS } from '$lib/domain/roles';
import { clearUnit, type Ctx } from '../access/guard';
import { findUnitWithYears } from '../years/read';

export async function openCell(ctx: Ctx, unitId: number, yearParam: string | null) {
	const unit = clearUnit(ctx, await findUnitWithYears(ctx.db, unitId), 'member.read');
	if (!CELL_KINDS.includes(unit.kind)) error(404);
	const wanted = Number(yearParam);
	const year =
		unit.years.find((y) => y.year === wanted) ??
		unit.years.find((y) => y.status === 'open') ??
		unit.years[0];
	return { unit, year };
}

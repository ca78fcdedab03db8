// The cell a meetings page is about, cleared for the actor, with the year it shows. Meetings are a
// cell's: another unit is a 404.
import { error } from '@sveltejs/kit';
import { CELL_KINDS } from '$lib/domain/roles';
import type { Ctx } from '../access/guard';
import { openUnitYear } from '../years/unit-year';

export async function openCell(ctx: Ctx, unitId: number, yearParam: string | null) {
	const opened = await openUnitYear(ctx, unitId, yearParam);
	if (!CELL_KINDS.includes(opened.unit.kind)) error(404);
	return opened;
}

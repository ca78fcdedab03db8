// What an area gives the home page: its section's data for the signed-in person, or null when it
// has nothing to show them. The page renders each section with the area's own component
// (components/home/HomeSections.svelte), so a new area plugs in without touching the page.
//
// The person's own part is an SQL expression, not a query: the home page selects every area's in
// one statement (lib/server/home), since on this page, the most visited, each round trip to the
// database costs the server more than the query itself. What needs a query of its own (the counts
// for whoever reviews a cell) is `extra`, run beside that statement.
import { sql, type Expression } from 'kysely';
import type { Ctx } from '../access/guard';

export interface HomeParts<Own, Extra, Data> {
	/** The person's own part as one (JSON) expression; null when they have none (no member record). */
	own(ctx: Ctx): Expression<Own> | null;
	extra(ctx: Ctx): Promise<Extra>;
	section(own: Own | null, extra: Extra): Data | null;
}

export interface HomeProvider<Own, Extra, Data> extends HomeParts<Own, Extra, Data> {
	/** The section alone, in its own statement (tests, and a page that shows one area). */
	load(ctx: Ctx): Promise<Data | null>;
}

export function homeProvider<Own, Extra, Data>(
	parts: HomeParts<Own, Extra, Data>
): HomeProvider<Own, Extra, Data> {
	return {
		...parts,
		async load(ctx) {
			const own = parts.own(ctx);
			const [row, extra] = await Promise.all([
				own
					? ctx.db
							.selectNoFrom(sql<Own>`${own}`.as('own'))
							.executeTakeFirstOrThrow()
							.then((r) => r.own as Own)
					: null,
				parts.extra(ctx)
			]);
			return parts.section(row, extra);
		}
	};
}

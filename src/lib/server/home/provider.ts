// What an area gives the home page: its section's data for the signed-in person, or null when it
// has nothing to show them. The page renders each section with the area's own component
// (components/home/HomeSections.svelte), so a new area plugs in without touching the page.
import type { Ctx } from '../access/guard';

export interface HomeProvider<Data> {
	load(ctx: Ctx): Promise<Data | null>;
}

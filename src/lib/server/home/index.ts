// The home page: unread notifications, then each area's section, loaded side by side.
import type { Ctx } from '../access/guard';
import { commitmentsHome } from '../commitments/home';
import { listNotices, type Notice } from '../notifications/store';
import { registrationsHome } from '../registrations/home';
import type { HomeProvider } from './provider';

/** One entry per area, in the order the sections appear. */
const PROVIDERS = {
	commitments: commitmentsHome,
	registrations: registrationsHome
} satisfies Record<string, HomeProvider<unknown>>;

type Areas = typeof PROVIDERS;
export type HomeSections = {
	[A in keyof Areas]: Areas[A] extends HomeProvider<infer D> ? D | null : never;
};

export interface Home {
	notices: Notice[];
	sections: HomeSections;
}

export async function loadHome(ctx: Ctx): Promise<Home> {
	const areas = Object.keys(PROVIDERS) as (keyof Areas)[];
	const [notices, ...loaded] = await Promise.all([
		listNotices(ctx.db, ctx.actor.accountId, { unreadOnly: true, limit: 20 }),
		...areas.map((a) => PROVIDERS[a].load(ctx))
	]);
	const sections = Object.fromEntries(areas.map((a, i) => [a, loaded[i]])) as HomeSections;
	return { notices, sections };
}

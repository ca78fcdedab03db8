// The home page: unread notifications and each area's section. Everything that is the person's
// own comes in one statement (home/provider.ts says why); each area's extra reads run beside it.
import { sql, type Expression } from 'kysely';
import type { Ctx } from '../access/guard';
import { assessmentsHome } from '../assessments/home';
import { commitmentsHome } from '../commitments/home';
import { noticesJson, toNotices, type Notice } from '../notifications/store';
import { ratingsHome } from '../ratings/home';
import { registrationsHome } from '../registrations/home';
import type { HomeProvider } from './provider';

/** One entry per area, in the order the sections appear. */
const PROVIDERS = {
	commitments: commitmentsHome,
	registrations: registrationsHome,
	assessments: assessmentsHome,
	ratings: ratingsHome
};

type Areas = typeof PROVIDERS;
type Area = keyof Areas;
export type HomeSections = {
	[A in Area]: Areas[A] extends HomeProvider<infer _O, infer _E, infer D> ? D | null : never;
};

export interface Home {
	notices: Notice[];
	sections: HomeSections;
}

const NOTICES_SHOWN = 20;

export async function loadHome(ctx: Ctx): Promise<Home> {
	const areas = Object.keys(PROVIDERS) as Area[];
	const own = areas.map((a) => PROVIDERS[a].own(ctx) as Expression<unknown> | null);
	const [row, ...extras] = await Promise.all([
		ctx.db
			.selectNoFrom([
				noticesJson(ctx.db, ctx.actor.accountId, { unreadOnly: true, limit: NOTICES_SHOWN }).as(
					'notices'
				),
				...own.map((e, i) => (e ? sql`${e}` : sql`null`).as(`a${i}`))
			])
			.executeTakeFirstOrThrow() as Promise<Record<string, unknown>>,
		...areas.map((a) => PROVIDERS[a].extra(ctx) as Promise<unknown>)
	]);
	const sections = Object.fromEntries(
		areas.map((a, i) => [
			a,
			(PROVIDERS[a].section as (own: unknown, extra: unknown) => unknown)(row[`a${i}`], extras[i])
		])
	) as HomeSections;
	return { notices: toNotices(row.notices as never), sections };
}

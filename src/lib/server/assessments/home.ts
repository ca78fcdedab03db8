// The self-review's part of the home page: each open year whose self-review window is open for
// the member's cell and their rating not yet published, with the closing day and whether a
// version has been sent.
import { sql, type Expression } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { todayInVietnam } from '$lib/domain/dates';
import type { Db } from '../db/connect';
import { homeProvider } from '../home/provider';
import { memberCellPath } from '../years/read';

export interface SelfReviewDue {
	year: number;
	closesOn: string;
	sent: boolean;
	href: string;
}

function windowsOpen(db: Db, memberId: number, today: string) {
	return (
		db
			.selectFrom('review_years as y')
			.innerJoin('org_units as u', 'u.id', 'y.unit_id')
			.select((eb) => [
				'y.year',
				'y.self_review_closes_on',
				eb
					.exists(
						eb
							.selectFrom('self_reviews as s')
							.whereRef('s.year_id', '=', 'y.id')
							.where('s.member_id', '=', memberId)
					)
					.as('sent')
			])
			.where('y.status', '=', 'open')
			.where('y.self_review_opens_on', '<=', today)
			.where('y.self_review_closes_on', '>=', today)
			.where(sql<boolean>`${memberCellPath(memberId)} like u.path || '%'`)
			// A published rating closes the self-review.
			.where(({ not, exists, selectFrom }) =>
				not(
					exists(
						selectFrom('rating_decisions as d')
							.innerJoin('rating_approvals as a', (j) =>
								j.onRef('a.unit_id', '=', 'd.unit_id').onRef('a.year_id', '=', 'd.year_id')
							)
							.select('d.id')
							.whereRef('d.year_id', '=', 'y.id')
							.where('d.member_id', '=', memberId)
					)
				)
			)
			.orderBy('y.year', 'desc')
	);
}

type Row = { year: number; self_review_closes_on: string; sent: boolean };

export const assessmentsHome = homeProvider({
	own: (ctx) =>
		ctx.actor.memberId
			? (jsonArrayFrom(windowsOpen(ctx.db, ctx.actor.memberId, todayInVietnam())) as Expression<
					Row[]
				>)
			: null,
	extra: async () => null,
	section(own: Row[] | null): { years: SelfReviewDue[] } | null {
		const years = (own ?? []).map((r) => ({
			year: r.year,
			closesOn: r.self_review_closes_on,
			sent: r.sent,
			href: `/assessments/${r.year}`
		}));
		return years.length ? { years } : null;
	}
});

// Following up a year's commitments: a cell's members with where each commitment stands, or the
// rates of the units under a committee or the bloc (rates.ts). Each is one query.
import {
	COMMITMENT_STATES,
	deriveState,
	type CommitmentState
} from '$lib/domain/commitment/states';
import { phaseStatus } from '$lib/domain/years/phases';
import { CELL_KINDS } from '$lib/domain/roles';
import { todayInVietnam } from '$lib/domain/dates';
import { can } from '../access/actor';
import { clearUnit, type Ctx } from '../access/guard';
import { mayReviewCommitmentOf } from '../access/policy';
import { cellReviewFactColumns, reviewFacts } from '../access/review-facts';
import type { Db } from '../db/connect';
import { findUnitWithYears } from '../years/read';
import { listUnitRates, sortRates, totalRates, type RateSort } from './rates';

export interface CellRow {
	member_id: number;
	full_name: string;
	card_no: string;
	state: CommitmentState;
	/** The latest signed version, if any. */
	commitment_id: number | null;
	version: number | null;
	signed_at: Date | null;
	confirmed_at: Date | null;
	returned_at: Date | null;
	/** What the review rule needs to know about the member in this cell (access/review-facts). */
	member_reviews: boolean;
	other_reviewer: boolean;
}

export type StateCounts = Record<CommitmentState, number>;

/**
 * The current members of a cell with their commitment for the year: the latest signed version
 * (a lateral lookup on the member/year/version index), the cell's decision on it and the draft.
 * The state comes from deriveState, the same rule the member's own page uses.
 */
export async function listCellCommitments(
	db: Db,
	cellId: number,
	yearId: number
): Promise<CellRow[]> {
	const rows = await db
		.selectFrom('memberships as ms')
		.innerJoin('members as m', 'm.id', 'ms.member_id')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('commitments as c')
					.select(['c.id', 'c.version', 'c.signed_at'])
					.whereRef('c.member_id', '=', 'ms.member_id')
					.where('c.year_id', '=', yearId)
					.orderBy('c.version', 'desc')
					.limit(1)
					.as('lc'),
			(j) => j.onTrue()
		)
		.leftJoin('commitment_reviews as r', 'r.commitment_id', 'lc.id')
		.leftJoin('commitment_drafts as d', (j) =>
			j.onRef('d.member_id', '=', 'ms.member_id').on('d.year_id', '=', yearId)
		)
		.select([
			'm.id as member_id',
			'm.full_name',
			'm.card_no',
			'lc.id as commitment_id',
			'lc.version',
			'lc.signed_at',
			'r.decision',
			'r.reviewed_at',
			'd.id as draft_id',
			...cellReviewFactColumns('ms.member_id', cellId)
		])
		.where('ms.unit_id', '=', cellId)
		.where('ms.ended_on', 'is', null)
		.orderBy('m.sort_key')
		.orderBy('m.id')
		.execute();
	return rows.map((r) => {
		const decision = r.decision;
		return {
			member_id: r.member_id,
			full_name: r.full_name,
			card_no: r.card_no,
			// Signing deletes the draft, so a draft next to a signed version is always newer.
			state: deriveState({
				hasDraft: r.draft_id !== null,
				draftIsNewer: true,
				latest: r.commitment_id === null ? null : { review: decision }
			}),
			commitment_id: r.commitment_id,
			version: r.version,
			signed_at: r.signed_at,
			confirmed_at: decision === 'confirmed' ? r.reviewed_at : null,
			returned_at: decision === 'returned' ? r.reviewed_at : null,
			member_reviews: r.member_reviews,
			other_reviewer: r.other_reviewer
		};
	});
}

export function countStates(rows: { state: CommitmentState }[]): StateCounts {
	const counts = Object.fromEntries(COMMITMENT_STATES.map((s) => [s, 0])) as StateCounts;
	for (const r of rows) counts[r.state]++;
	return counts;
}

export interface ProgressQuery {
	year: number | null;
	state: CommitmentState | null;
	sort: RateSort;
}

/** The requested year if it applies, else the latest open one, else the latest closed one. */
function pickYear<Y extends { year: number; status: string }>(
	years: Y[],
	wanted: number | null
): Y | undefined {
	return years.find((y) => y.year === wanted) ?? years.find((y) => y.status === 'open') ?? years[0];
}

/**
 * Everything the follow-up page shows for a unit: for a cell, its members and their states; for a
 * committee or the bloc, rates by direct child unit. 404 outside the actor's reading scope.
 */
export async function getProgressPage(ctx: Ctx, unitId: number, q: ProgressQuery) {
	const unit = clearUnit(ctx, await findUnitWithYears(ctx.db, unitId), 'member.read');
	const { ancestors, years } = unit;
	const year = pickYear(years, q.year);
	const base = {
		unit: { id: unit.id, name: unit.name, kind: unit.kind },
		ancestors: ancestors
			.filter((a) => a.id !== unit.id)
			.map((a) => ({ id: a.id, name: a.name, readable: can(ctx.actor, 'member.read', a.path) })),
		years: years.map((y) => y.year),
		year: year && {
			id: year.id,
			year: year.year,
			status: year.status,
			phase: phaseStatus(year, 'commitment', todayInVietnam())
		}
	};
	if (!year) return { ...base, cell: null, units: null };
	if (CELL_KINDS.includes(unit.kind)) {
		const open = year.status === 'open';
		const rows = (await listCellCommitments(ctx.db, unit.id, year.id)).map((r) => ({
			...r,
			// The one rule (access/policy.ts): the secretary's own is for the deputy or committee.
			reviewable:
				open &&
				r.state === 'signed' &&
				mayReviewCommitmentOf(
					ctx.actor,
					reviewFacts({ ...r, cell_path: unit.path, cell_kind: unit.kind })
				)
		}));
		const shown = q.state ? rows.filter((r) => r.state === q.state) : rows;
		return {
			...base,
			units: null,
			cell: {
				rows: shown,
				counts: countStates(rows),
				total: rows.length,
				state: q.state,
				canConfirm: shown.some((r) => r.reviewable),
				// Reminders are the cell's own business: its secretary and deputy.
				canRemind: open && can(ctx.actor, 'commitment.review', unit.path)
			}
		};
	}
	const rows = await listUnitRates(ctx.db, unit, year.id);
	return {
		...base,
		cell: null,
		units: { rows: sortRates(rows, q.sort), totals: totalRates(rows), sort: q.sort }
	};
}

/** The ids among `ids` that are commitments of members currently in the cell. */
export async function keepInCell(db: Db, cellId: number, ids: number[]): Promise<number[]> {
	if (ids.length === 0) return [];
	const rows = await db
		.selectFrom('commitments as c')
		.innerJoin('memberships as ms', (j) =>
			j.onRef('ms.member_id', '=', 'c.member_id').on('ms.ended_on', 'is', null)
		)
		.select('c.id')
		.where('ms.unit_id', '=', cellId)
		.where('c.id', 'in', ids)
		.execute();
	return rows.map((r) => r.id);
}

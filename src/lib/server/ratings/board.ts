// The year-end rating as a unit's page shows it: each current member of the unit's subtree with
// their latest self-review (the level they propose, what the rules allow), the cell's latest
// proposal and the latest decision, a page at a time; and, for a grassroots organization, the
// tally its approval weighs (levels decided, members still to decide) with the approval itself.
import { sql, type Kysely } from 'kysely';
import type { DecisionKind, EvaluationHead } from '$lib/domain/rating/decision';
import type { Evaluation } from '$lib/domain/rating/engine';
import type { RatingLevel } from '$lib/domain/rating/levels';
import type { UnitKind } from '$lib/domain/roles';
import type { ScopedUnit } from '../access/guard';
import type { Db } from '../db/connect';
import type { DB } from '../db/schema';

export const BOARD_PAGE_SIZE = 100;

/** A member's row; `E` is the self-review's evaluation: its head on a page, whole for one member. */
export interface BoardRow<E = EvaluationHead> {
	member_id: number;
	full_name: string;
	cell_id: number;
	cell_name: string;
	cell_path: string;
	cell_kind: UnitKind;
	review: {
		version: number;
		proposed_level: RatingLevel;
		points: number | null;
		evaluation: E | null;
		on_behalf: boolean;
	} | null;
	proposal: {
		version: number;
		level: RatingLevel;
		comment: string;
		votes_agree: number;
		votes_present: number;
		votes_total: number;
	} | null;
	decision: {
		version: number;
		kind: DecisionKind;
		level: RatingLevel | null;
		ceiling: RatingLevel | null;
		reason: string | null;
	} | null;
}

/**
 * The current members of the subtree (a member has one open membership), each with their latest
 * self-review (sr), cell proposal (cp) and decision (rd) of the year, as lateral joins.
 */
function latest(db: Kysely<DB>, unit: ScopedUnit, yearId: number) {
	return db
		.selectFrom('memberships as ms')
		.innerJoin('org_units as c', 'c.id', 'ms.unit_id')
		.innerJoin('members as m', 'm.id', 'ms.member_id')
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('self_reviews as s')
					.select(['s.version', 's.proposed_level', 's.evaluation', 's.on_behalf'])
					.whereRef('s.member_id', '=', 'ms.member_id')
					.where('s.year_id', '=', yearId)
					.orderBy('s.version', 'desc')
					.limit(1)
					.as('sr'),
			(j) => j.onTrue()
		)
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('cell_rating_proposals as p')
					.select([
						'p.version',
						'p.level',
						'p.comment',
						'p.votes_agree',
						'p.votes_present',
						'p.votes_total'
					])
					.whereRef('p.member_id', '=', 'ms.member_id')
					.where('p.year_id', '=', yearId)
					.orderBy('p.version', 'desc')
					.limit(1)
					.as('cp'),
			(j) => j.onTrue()
		)
		.leftJoinLateral(
			(eb) =>
				eb
					.selectFrom('rating_decisions as d')
					.select(['d.version', 'd.kind', 'd.level', 'd.ceiling', 'd.reason'])
					.whereRef('d.member_id', '=', 'ms.member_id')
					.where('d.year_id', '=', yearId)
					.orderBy('d.version', 'desc')
					.limit(1)
					.as('rd'),
			(j) => j.onTrue()
		)
		.where('ms.ended_on', 'is', null)
		.where('c.path', 'like', `${unit.path}%`);
}

const LEVELS = sql.raw(`array['excellent', 'good', 'fulfilled', 'not_fulfilled']`);
/** The latest decision is a level above the rules' ceiling (levels best first). */
const aboveCeiling = sql`array_position(${LEVELS}, rd.level) < array_position(${LEVELS}, rd.ceiling)`;

/** The rows; `memberId` one member's, with the whole evaluation (a page of them reads its head). */
function boardRows(db: Db, unit: ScopedUnit, yearId: number, memberId?: number) {
	const evaluation =
		memberId === undefined
			? sql`case when sr.evaluation is not null then jsonb_build_object(
				'outcome', sr.evaluation->'outcome', 'maxLevel', sr.evaluation->'maxLevel') end`
			: sql`sr.evaluation`;
	return latest(db, unit, yearId)
		.$if(memberId !== undefined, (q) => q.where('m.id', '=', memberId!))
		.select([
			'm.id as member_id',
			'm.full_name',
			'c.id as cell_id',
			'c.name as cell_name',
			'c.path as cell_path',
			'c.kind as cell_kind',
			sql<BoardRow['review']>`case when sr.version is null then null else json_build_object(
				'version', sr.version, 'proposed_level', sr.proposed_level,
				'points', (sr.evaluation->>'points')::numeric, 'evaluation', ${evaluation},
				'on_behalf', sr.on_behalf) end`.as('review'),
			sql<BoardRow['proposal']>`case when cp.version is null then null else json_build_object(
				'version', cp.version, 'level', cp.level, 'comment', cp.comment,
				'votes_agree', cp.votes_agree, 'votes_present', cp.votes_present,
				'votes_total', cp.votes_total) end`.as('proposal'),
			sql<BoardRow['decision']>`case when rd.version is null then null else json_build_object(
				'version', rd.version, 'kind', rd.kind, 'level', rd.level, 'ceiling', rd.ceiling,
				'reason', rd.reason) end`.as('decision')
		]);
}

/** A page of the subtree's current members, by cell and name. */
export async function listBoard(
	db: Db,
	unit: ScopedUnit,
	yearId: number,
	page: number
): Promise<BoardRow[]> {
	const rows = await boardRows(db, unit, yearId)
		.orderBy((eb) => eb.fn('vn_fold', ['c.name']))
		.orderBy('c.id')
		.orderBy((eb) => eb.fn('vn_fold', ['m.full_name']))
		.orderBy('m.id')
		.limit(BOARD_PAGE_SIZE)
		.offset((page - 1) * BOARD_PAGE_SIZE)
		.execute();
	return rows as BoardRow[];
}

/** One current member of the subtree, with the whole evaluation; undefined when not one. */
export async function findBoardRow(
	db: Db,
	unit: ScopedUnit,
	yearId: number,
	memberId: number
): Promise<BoardRow<Evaluation> | undefined> {
	if (!Number.isSafeInteger(memberId)) return undefined;
	const row = await boardRows(db, unit, yearId, memberId).executeTakeFirst();
	return row as BoardRow<Evaluation> | undefined;
}

export interface Tally {
	members: number;
	/** Members the rules take out of the rating (new, exempted, suspended). */
	notRated: number;
	/** Members to be rated with no level decided yet. */
	undecided: number;
	/** Members whose cell has proposed a level. */
	proposed: number;
	counts: Partial<Record<RatingLevel, number>>;
	/** Decisions above the rules' ceiling, with a written reason. */
	overrides: number;
}

/** The figures of the whole subtree, whatever page is shown, in one set-based statement. */
export async function tallyBoard(db: Db, unit: ScopedUnit, yearId: number): Promise<Tally> {
	const rows = await latest(db, unit, yearId)
		.select([
			sql<string | null>`rd.level`.as('level'),
			sql<boolean>`coalesce(sr.evaluation->>'outcome', 'rated') <> 'rated'`.as('not_rated'),
			sql<number>`count(*)::int`.as('n'),
			sql<number>`count(cp.version)::int`.as('proposed'),
			sql<number>`count(*) filter (where ${aboveCeiling})::int`.as('overrides')
		])
		.groupBy([sql`rd.level`, sql`coalesce(sr.evaluation->>'outcome', 'rated') <> 'rated'`])
		.execute();
	const tally: Tally = {
		members: 0,
		notRated: 0,
		undecided: 0,
		proposed: 0,
		counts: {},
		overrides: 0
	};
	for (const r of rows) {
		tally.members += r.n;
		tally.proposed += r.proposed;
		tally.overrides += r.overrides;
		if (r.not_rated) tally.notRated += r.n;
		else if (r.level === null) tally.undecided += r.n;
		else tally.counts[r.level as RatingLevel] = (tally.counts[r.level as RatingLevel] ?? 0) + r.n;
	}
	return tally;
}

export interface Approval {
	approved_at: Date;
	approved_by: string;
}

export async function findApproval(
	db: Db,
	orgId: number,
	yearId: number
): Promise<Approval | undefined> {
	return db
		.selectFrom('rating_approvals as a')
		.innerJoin('accounts as ac', 'ac.id', 'a.approved_by_account_id')
		.select(['a.approved_at', 'ac.display_name as approved_by'])
		.where('a.unit_id', '=', orgId)
		.where('a.year_id', '=', yearId)
		.executeTakeFirst();
}

/** The grassroots organization a unit belongs to (itself for one), from its ancestors. */
export function deciderOf<A extends { id: number; kind: UnitKind }>(ancestors: A[]): A | undefined {
	return ancestors.find((a) => a.kind === 'grassroots_committee' || a.kind === 'grassroots_cell');
}

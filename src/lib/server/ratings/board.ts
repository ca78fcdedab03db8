// The year-end rating as a unit's page shows it: each current member of the unit's subtree with
// their latest self-review (the level they propose, what the rules allow), the cell's latest
// proposal and the latest decision, a page at a time, with the figures of the whole subtree
// (levels decided, members still to decide) and the organization's approval, in one statement.
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

export interface Approval {
	/** ISO timestamp (read as JSON). */
	approved_at: string;
	approved_by: string;
}

/** A cell with current members in the subtree, for the board's filter. */
export interface BoardCell {
	id: number;
	name: string;
	members: number;
}

export interface Board {
	/** The page's rows: of the cell asked for, else of the whole subtree. */
	rows: BoardRow[];
	cells: BoardCell[];
	tally: Tally;
	/** The approval of the organization `orgId`, when asked for and given. */
	approval: Approval | null;
}

interface TallyGroup {
	level: RatingLevel | null;
	not_rated: boolean;
	n: number;
	proposed: number;
	overrides: number;
}

function tallyOf(groups: TallyGroup[]): Tally {
	const tally: Tally = {
		members: 0,
		notRated: 0,
		undecided: 0,
		proposed: 0,
		counts: {},
		overrides: 0
	};
	for (const g of groups) {
		tally.members += g.n;
		tally.proposed += g.proposed;
		tally.overrides += g.overrides;
		if (g.not_rated) tally.notRated += g.n;
		else if (g.level === null) tally.undecided += g.n;
		else tally.counts[g.level] = (tally.counts[g.level] ?? 0) + g.n;
	}
	return tally;
}

/**
 * A page of the subtree's current members by cell and name (`page` 0: none; `cellId`: of that
 * cell only), its cells, the figures of the whole subtree and the organization's approval, in one
 * statement: the members' rows are read once (a CTE) for the page, the cells and the figures.
 */
export async function loadBoard(
	db: Db,
	unit: ScopedUnit,
	yearId: number,
	opts: { page: number; orgId: number | null; cellId?: number | null }
): Promise<Board> {
	const members = boardRows(db, unit, yearId).select([
		sql<string>`vn_fold(c.name)`.as('cell_key'),
		'm.search_name as name_key',
		sql<RatingLevel | null>`rd.level`.as('d_level'),
		sql<boolean>`coalesce(sr.evaluation->>'outcome', 'rated') <> 'rated'`.as('not_rated'),
		sql<boolean>`cp.version is not null`.as('has_proposal'),
		sql<boolean>`coalesce(${aboveCeiling}, false)`.as('override')
	]);
	const limit = opts.page > 0 ? BOARD_PAGE_SIZE : 0;
	const offset = Math.max(0, opts.page - 1) * BOARD_PAGE_SIZE;
	const cellId = opts.cellId ?? null;
	const { rows } = await sql<{
		rows: BoardRow[];
		cells: BoardCell[];
		groups: TallyGroup[];
		approval: Approval | null;
	}>`
		with b as (${members})
		select
			coalesce((select json_agg(p) from (
				select member_id, full_name, cell_id, cell_name, cell_path, cell_kind, review, proposal, decision
				from b where ${cellId}::int is null or cell_id = ${cellId}
				order by cell_key, cell_id, name_key, member_id
				limit ${limit} offset ${offset}) p), '[]') as rows,
			coalesce((select json_agg(k order by k.key, k.id) from (
				select cell_id as id, cell_name as name, min(cell_key) as key, count(*)::int as members
				from b group by cell_id, cell_name) k), '[]') as cells,
			coalesce((select json_agg(t) from (
				select d_level as level, not_rated, count(*)::int as n,
					count(*) filter (where has_proposal)::int as proposed,
					count(*) filter (where override)::int as overrides
				from b group by d_level, not_rated) t), '[]') as groups,
			(select json_build_object('approved_at', a.approved_at, 'approved_by', ac.display_name)
				from rating_approvals a join accounts ac on ac.id = a.approved_by_account_id
				where a.unit_id = ${opts.orgId} and a.year_id = ${yearId}) as approval`.execute(db);
	const [r] = rows;
	return {
		rows: r.rows,
		cells: r.cells.map(({ id, name, members }) => ({ id, name, members })),
		tally: tallyOf(r.groups),
		approval: r.approval
	};
}

/** The figures of the whole subtree, as an approval weighs them. */
export async function tallyBoard(db: Db, unit: ScopedUnit, yearId: number): Promise<Tally> {
	return (await loadBoard(db, unit, yearId, { page: 0, orgId: null })).tally;
}

/** Whether the organization has approved its ratings of the year. */
export async function findApproval(db: Db, orgId: number, yearId: number): Promise<boolean> {
	const row = await db
		.selectFrom('rating_approvals')
		.select('unit_id')
		.where('unit_id', '=', orgId)
		.where('year_id', '=', yearId)
		.executeTakeFirst();
	return row !== undefined;
}

/** The grassroots organization a unit belongs to (itself for one), from its ancestors. */
export function deciderOf<A extends { id: number; kind: UnitKind }>(ancestors: A[]): A | undefined {
	return ancestors.find((a) => a.kind === 'grassroots_committee' || a.kind === 'grassroots_cell');
}

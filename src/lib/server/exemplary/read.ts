// Exemplary members as the unit pages show them: the proposals made in a unit's subtree for a
// year (a page at a time, those waiting first), what a cell may still propose, and the member's
// files of the year a proposal can point to.
import { sql } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { UnitKind } from '$lib/domain/roles';
import type { ScopedUnit } from '../access/guard';
import type { Db } from '../db/connect';

export const PROPOSALS_PER_PAGE = 30;

export interface ProposalRow {
	id: number;
	member_id: number;
	full_name: string;
	cell_id: number;
	cell_name: string;
	cell_path: string;
	cell_kind: UnitKind;
	reasons: string;
	proposed_at: Date;
	decision: 'approved' | 'declined' | null;
	note: string | null;
	decided_at: Date | null;
	files: { id: number; name: string }[];
}

export interface ProposalPage {
	rows: ProposalRow[];
	counts: { waiting: number; approved: number; declined: number };
}

/** The proposals made by the cells under `unit` (itself included) for the year. */
export async function listProposals(
	db: Db,
	unit: ScopedUnit,
	yearId: number,
	page: number
): Promise<ProposalPage> {
	const inTree = db
		.selectFrom('exemplary_proposals as p')
		.innerJoin('org_units as c', 'c.id', 'p.unit_id')
		.leftJoin('exemplary_decisions as d', 'd.proposal_id', 'p.id')
		.where('p.year_id', '=', yearId)
		.where('c.path', 'like', `${unit.path}%`);
	const [rows, counts] = await Promise.all([
		inTree
			.innerJoin('members as m', 'm.id', 'p.member_id')
			.select((eb) => [
				'p.id',
				'p.member_id',
				'm.full_name',
				'c.id as cell_id',
				'c.name as cell_name',
				'c.path as cell_path',
				'c.kind as cell_kind',
				'p.reasons',
				'p.proposed_at',
				'd.decision',
				'd.note',
				'd.decided_at',
				jsonArrayFrom(
					eb
						.selectFrom('exemplary_proposal_evidence as e')
						.innerJoin('evidence_files as f', 'f.id', 'e.file_id')
						.select(['f.id', 'f.name'])
						.whereRef('e.proposal_id', '=', 'p.id')
						.orderBy('f.id')
				).as('files')
			])
			.orderBy(sql`d.proposal_id is null`, 'desc')
			.orderBy((eb) => eb.fn('vn_fold', ['c.name']))
			.orderBy((eb) => eb.fn('vn_fold', ['m.full_name']))
			.orderBy('p.id')
			.limit(PROPOSALS_PER_PAGE)
			.offset((page - 1) * PROPOSALS_PER_PAGE)
			.execute(),
		inTree
			.select([
				sql<number>`count(*) filter (where d.proposal_id is null)::int`.as('waiting'),
				sql<number>`count(*) filter (where d.decision = 'approved')::int`.as('approved'),
				sql<number>`count(*) filter (where d.decision = 'declined')::int`.as('declined')
			])
			.executeTakeFirstOrThrow()
	]);
	return { rows: rows as ProposalRow[], counts };
}

/** The cell's current members not yet proposed this year, by name; the proposer is not one. */
export async function listCandidates(
	db: Db,
	cell: ScopedUnit,
	yearId: number,
	proposer: number | null
) {
	return db
		.selectFrom('memberships as ms')
		.innerJoin('members as m', 'm.id', 'ms.member_id')
		.select(['m.id', 'm.full_name'])
		.where('ms.unit_id', '=', cell.id)
		.where('ms.ended_on', 'is', null)
		.$if(proposer !== null, (q) => q.where('m.id', '<>', proposer!))
		.where(({ not, exists, selectFrom }) =>
			not(
				exists(
					selectFrom('exemplary_proposals as p')
						.select('p.id')
						.whereRef('p.member_id', '=', 'm.id')
						.where('p.year_id', '=', yearId)
				)
			)
		)
		.orderBy((eb) => eb.fn('vn_fold', ['m.full_name']))
		.orderBy('m.id')
		.execute();
}

/** A candidate of the cell by id, with the files of the year their reports carry; undefined when not one. */
export async function findCandidate(db: Db, cell: ScopedUnit, yearId: number, memberId: number) {
	if (!Number.isSafeInteger(memberId)) return undefined;
	return db
		.selectFrom('memberships as ms')
		.innerJoin('members as m', 'm.id', 'ms.member_id')
		.select((eb) => [
			'm.id',
			'm.full_name',
			jsonArrayFrom(
				eb
					.selectFrom('evidence_files as f')
					.select(['f.id', 'f.name', 'f.media_type', 'f.uploaded_at'])
					.whereRef('f.member_id', '=', 'm.id')
					.where('f.year_id', '=', yearId)
					.orderBy('f.uploaded_at', 'desc')
					.orderBy('f.id', 'desc')
			).as('files')
		])
		.where('ms.unit_id', '=', cell.id)
		.where('ms.ended_on', 'is', null)
		.where('m.id', '=', memberId)
		.executeTakeFirst();
}

// The member directory: server-side search, filters and pagination inside the actor's scope.
import { sql } from 'kysely';
import type { MemberStatus } from '$lib/schemas/member';
import { inScope, type Ctx } from '../access/guard';

export const PAGE_SIZE = 25;

export interface MemberQuery {
	q: string;
	unitPath: string | null;
	status: MemberStatus | null;
	page: number;
}

/** 'Nguyen' finds 'Nguyễn': both sides are folded by vn_fold() (a trigram index serves it). */
function foldForSearch(q: string): string {
	return q
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[đĐ]/g, 'd')
		.toLowerCase()
		.replace(/[%_\\]/g, (c) => `\\${c}`)
		.replace(/\s+/g, ' ')
		.trim();
}

export async function listMembers(ctx: Ctx, query: MemberQuery) {
	let base = ctx.db
		.selectFrom('members as m')
		.innerJoin('memberships as ms', (j) =>
			j.onRef('ms.member_id', '=', 'm.id').on('ms.ended_on', 'is', null)
		)
		.innerJoin('org_units as u', 'u.id', 'ms.unit_id')
		.leftJoin('org_units as pu', (j) =>
			j.onRef('pu.id', '=', 'u.parent_id').on('u.kind', '=', 'cell')
		)
		.leftJoin('member_statuses as st', (j) =>
			j.onRef('st.member_id', '=', 'm.id').on('st.ended_on', 'is', null)
		)
		.where((eb) => inScope(eb, 'u.path', ctx.actor, 'member.read'));
	if (query.unitPath) base = base.where('u.path', 'like', `${query.unitPath}%`);
	if (query.status) base = base.where('st.status', '=', query.status);
	const folded = foldForSearch(query.q);
	const cardPrefix = query.q.trim().replace(/[^0-9A-Za-z.-]/g, '');
	if (folded) {
		base = base.where((eb) =>
			eb.or([
				eb('m.search_name', 'like', `%${folded}%`),
				...(cardPrefix ? [eb('m.card_no', 'like', `${cardPrefix}%`)] : [])
			])
		);
	}
	const offset = (query.page - 1) * PAGE_SIZE;
	const [rows, count] = await Promise.all([
		base
			.select([
				'm.id',
				'm.full_name',
				'm.card_no',
				'm.birth_date',
				'm.party_position',
				'u.id as unit_id',
				'u.name as unit_name',
				'pu.name as parent_name',
				'st.status'
			])
			.orderBy('m.sort_key')
			.orderBy('m.id')
			.limit(PAGE_SIZE + 1)
			.offset(offset)
			.execute(),
		base.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
	]);
	return {
		rows: rows.slice(0, PAGE_SIZE),
		hasNext: rows.length > PAGE_SIZE,
		total: count.n,
		pages: Math.max(1, Math.ceil(count.n / PAGE_SIZE)),
		page: query.page,
		pageSize: PAGE_SIZE
	};
}

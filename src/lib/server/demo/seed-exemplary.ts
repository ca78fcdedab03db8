// The running year's exemplary members: about a third of the cells propose one of their members
// (never the demo member's cell, which the journeys use); the committee above has decided all but
// the latest proposal of each committee, so every committee's page has one waiting.
import { sql } from 'kysely';
import type { Db } from '../db/connect';
import { addDays } from './calendar';
import type { Rng } from './rng';

const REASONS = [
	'Đi đầu trong cải cách hành chính: giải quyết 100% hồ sơ đúng hạn, không để tồn đọng; tích cực hướng dẫn đồng nghiệp ứng dụng phần mềm mới.',
	'Gương mẫu thực hành tiết kiệm, chống lãng phí; chủ động đề xuất sáng kiến giảm chi phí văn phòng phẩm của cơ quan.',
	'Tận tụy với công việc, gần gũi nhân dân; tham gia tích cực hoạt động thiện nguyện tại khu dân cư nơi cư trú.'
];

const DECLINED = 'Đề nghị chi bộ bổ sung minh chứng cụ thể về kết quả việc làm theo.';

interface CellRow {
	cell_id: number;
	proposer: number;
	decider: number | null;
	committee: number;
	members: number[];
}

export async function seedExemplary(
	trx: Db,
	rng: Rng,
	opts: { yearId: number; today: string; demoMember: number | null }
): Promise<number> {
	const { rows: cells } = await sql<CellRow>`
		select c.id as cell_id, s.account_id as proposer,
			(select d.account_id from role_assignments d
				join org_units du on du.id = d.unit_id
				where d.ended_on is null and (
					(c.kind = 'cell' and d.unit_id = c.parent_id and d.role = 'grassroots_committee_member')
					or (c.kind = 'grassroots_cell' and c.path like du.path || '%' and d.role = 'bloc_standing_committee'))
				order by d.id limit 1) as decider,
			case when c.kind = 'cell' then c.parent_id else 0 end as committee,
			array(select ms.member_id from memberships ms join accounts a on a.member_id = ms.member_id
				where ms.unit_id = c.id and ms.ended_on is null and a.id <> s.account_id
				order by ms.member_id) as members
		from org_units c
		join role_assignments s on s.unit_id = c.id and s.role = 'cell_secretary' and s.ended_on is null
		where c.kind in ('cell', 'grassroots_cell') and c.dissolved_on is null
			and not exists (select 1 from memberships dm where dm.unit_id = c.id
				and dm.member_id = ${opts.demoMember} and dm.ended_on is null)
		order by c.id`.execute(trx);
	const proposed = new Map<number, { id: number; decider: number | null }[]>();
	for (const cell of cells) {
		const first = !proposed.has(cell.committee);
		if (cell.members.length === 0 || !(first || rng.chance(0.3))) continue;
		const day = addDays(opts.today, -rng.int(5, 60));
		const row = await trx
			.insertInto('exemplary_proposals')
			.values({
				member_id: rng.pick(cell.members),
				year_id: opts.yearId,
				unit_id: cell.cell_id,
				reasons: rng.pick(REASONS),
				proposed_by_account_id: cell.proposer,
				proposed_at: new Date(`${day}T15:00:00+07:00`)
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		proposed.set(cell.committee, [
			...(proposed.get(cell.committee) ?? []),
			{ id: row.id, decider: cell.decider }
		]);
	}
	const decisions = [...proposed.values()].flatMap((list) =>
		list.slice(0, -1).flatMap(({ id, decider }) => {
			if (decider === null) return [];
			const approved = rng.chance(0.85);
			return [
				{
					proposal_id: id,
					decision: approved ? ('approved' as const) : ('declined' as const),
					note: approved ? null : DECLINED,
					decided_by_account_id: decider,
					decided_at: new Date(`${addDays(opts.today, -2)}T09:00:00+07:00`)
				}
			];
		})
	);
	if (decisions.length > 0) await trx.insertInto('exemplary_decisions').values(decisions).execute();
	return [...proposed.values()].reduce((n, list) => n + list.length, 0);
}

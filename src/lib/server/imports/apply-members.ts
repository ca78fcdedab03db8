// Writes the planned members set-based: new members with their membership, status and account;
// changed fields in one UPDATE; transfers and status changes as close-then-open, each in bulk.
import { sql } from 'kysely';
import type { MemberStatus } from '$lib/schemas/member';
import type { Db } from '../db/connect';
import { insertRows, unnest, updateRows, type Columns } from '../db/bulk';
import { endRolesLeftBehind } from '../roles/end';
import type { Draft } from './drafts';
import type { PlannedMember } from './plan-members';
import type { MemberKey, MemberValues } from './validate';

const MEMBER_COLUMNS: [MemberKey, 'text' | 'date'][] = [
	['card_no', 'text'],
	['full_name', 'text'],
	['birth_date', 'date'],
	['gender', 'text'],
	['joined_on', 'date'],
	['full_member_on', 'date'],
	['party_position', 'text'],
	['government_position', 'text'],
	['mass_org_position', 'text'],
	['workplace', 'text'],
	['phone', 'text'],
	['email', 'text']
];

const minDate = (a: string, b: string) => (a < b ? a : b);
const maxDate = (a: string, b: string) => (a > b ? a : b);

/** When a new member's current status began, as far as the row tells (never after today). */
function statusStart(v: Partial<MemberValues>, status: MemberStatus, today: string): string {
	const from =
		status === 'probationary'
			? v.joined_on
			: status === 'official'
				? (v.full_member_on ?? v.joined_on)
				: null;
	return from ? minDate(from, today) : today;
}

interface Opening {
	memberId: number;
	unitId: number;
	fromUnitId: number | null;
}

export async function applyMembers(
	trx: Db,
	planned: PlannedMember[],
	unitIds: Map<string, number>,
	today: string
): Promise<Draft[]> {
	const drafts: Draft[] = [];
	const cellId = (p: PlannedMember) => unitIds.get(p.cellCode)!;
	const created = planned.filter((p) => p.action === 'create');
	const updated = planned.filter((p) => p.action === 'update');
	const memberIds = await insertMembers(trx, created);
	for (const p of created) {
		const id = memberIds.get(p.row.card_no)!;
		const changes: Record<string, [unknown, unknown]> = { card_no: [null, p.row.card_no] };
		for (const [k, v] of Object.entries(p.row.values))
			if (v !== null && k !== 'card_no') changes[k] = [null, v];
		changes.status = [null, p.row.status];
		drafts.push({
			action: 'member.created',
			entityType: 'member',
			entityId: id,
			unitId: cellId(p),
			changes
		});
	}
	await updateMembers(trx, updated);
	for (const p of updated.filter((x) => Object.keys(x.changes).length > 0))
		drafts.push({
			action: 'member.updated',
			entityType: 'member',
			entityId: p.existing!.id,
			unitId: cellId(p),
			changes: p.changes
		});

	const transfers = updated.filter((p) => p.transfer);
	await trx
		.updateTable('memberships')
		.set({ ended_on: today, end_reason: 'transfer' })
		.where('id', 'in', transfers.length ? transfers.map((p) => p.existing!.membership_id!) : [-1])
		.execute();
	for (const p of transfers)
		drafts.push({
			action: 'membership.ended',
			entityType: 'membership',
			entityId: p.existing!.membership_id!,
			unitId: p.existing!.unit_id!,
			changes: { ended_on: [null, today], end_reason: [null, 'transfer'] }
		});
	const openings: Opening[] = [
		...created.map((p) => ({
			memberId: memberIds.get(p.row.card_no)!,
			unitId: cellId(p),
			fromUnitId: null
		})),
		...transfers.map((p) => ({
			memberId: p.existing!.id,
			unitId: cellId(p),
			fromUnitId: p.existing!.unit_id
		}))
	];
	drafts.push(...(await openMemberships(trx, openings, today)));
	drafts.push(...(await endRoles(trx, transfers, cellId, today)));
	await changeStatuses(trx, created, updated, memberIds, today);
	drafts.push(...(await createAccounts(trx, created, memberIds, cellId)));
	drafts.push(...(await renameAccounts(trx, updated, cellId)));
	return drafts;
}

async function insertMembers(trx: Db, created: PlannedMember[]): Promise<Map<string, number>> {
	const cols: Columns = {};
	for (const [k, type] of MEMBER_COLUMNS)
		cols[k] = [
			type,
			created.map((p) => (k === 'card_no' ? p.row.card_no : (p.row.values[k] ?? null)))
		];
	const rows = await insertRows<{ id: number; card_no: string }>(trx, 'members', cols, [
		'id',
		'card_no'
	]);
	return new Map(rows.map((r) => [r.card_no, r.id]));
}

/** Every column present in the file, for the rows with a changed field (same values elsewhere). */
async function updateMembers(trx: Db, updated: PlannedMember[]): Promise<void> {
	const rows = updated.filter((p) => Object.keys(p.changes).some((k) => k !== 'status'));
	if (rows.length === 0) return;
	const present = MEMBER_COLUMNS.filter(([k]) => k !== 'card_no' && k in rows[0].row.values);
	const cols: Columns = { id: ['int', rows.map((p) => p.existing!.id)] };
	for (const [k, type] of present) cols[k] = [type, rows.map((p) => p.row.values[k] ?? null)];
	await updateRows(
		trx,
		'members',
		cols,
		present.map(([k]) => k)
	);
}

async function openMemberships(trx: Db, openings: Opening[], today: string): Promise<Draft[]> {
	const rows = await insertRows<{ id: number; member_id: number }>(
		trx,
		'memberships',
		{
			member_id: ['int', openings.map((o) => o.memberId)],
			unit_id: ['int', openings.map((o) => o.unitId)],
			started_on: ['date', openings.map(() => today)]
		},
		['id', 'member_id']
	);
	const byMember = new Map(rows.map((r) => [r.member_id, r.id]));
	return openings.map((o) => ({
		action: 'membership.started',
		entityType: 'membership',
		entityId: byMember.get(o.memberId)!,
		unitId: o.unitId,
		changes: {
			member_id: [null, o.memberId],
			unit_id: [o.fromUnitId, o.unitId],
			started_on: [null, today]
		}
	}));
}

/** Roles a transferred member held where the new cell is not (rule in roles/end.ts) end today. */
async function endRoles(
	trx: Db,
	transfers: PlannedMember[],
	cellId: (p: PlannedMember) => number,
	today: string
): Promise<Draft[]> {
	const moves = transfers.map((p) => ({ memberId: p.existing!.id, cellId: cellId(p) }));
	return (await endRolesLeftBehind(trx, moves, today)).map((r) => ({
		action: 'role.ended',
		entityType: 'role_assignment',
		entityId: r.id,
		unitId: r.unit_id,
		changes: { ended_on: [null, r.ended_on] }
	}));
}

/** Closes the open status of changed members and opens the new one; new members get theirs. */
async function changeStatuses(
	trx: Db,
	created: PlannedMember[],
	updated: PlannedMember[],
	memberIds: Map<string, number>,
	today: string
): Promise<void> {
	const changed = updated.filter((p) => p.statusChange);
	const closing = changed.filter((p) => p.existing!.status_id !== null);
	// A status dated in the future (a planned full-membership date) ends when it starts.
	const endOf = (p: PlannedMember) => maxDate(p.existing!.status_started_on ?? today, today);
	await updateRows(
		trx,
		'member_statuses',
		{
			id: ['int', closing.map((p) => p.existing!.status_id!)],
			ended_on: ['date', closing.map(endOf)]
		},
		['ended_on']
	);
	const rows = [
		...created.map((p) => ({
			member_id: memberIds.get(p.row.card_no)!,
			status: p.row.status,
			started_on: statusStart(p.row.values, p.row.status, today)
		})),
		...changed.map((p) => ({
			member_id: p.existing!.id,
			status: p.row.status,
			started_on: endOf(p)
		}))
	];
	await insertRows(
		trx,
		'member_statuses',
		{
			member_id: ['int', rows.map((r) => r.member_id)],
			status: ['text', rows.map((r) => r.status)],
			started_on: ['date', rows.map((r) => r.started_on)]
		},
		['id']
	);
}

/** An account per new member: login = card number, no password until an administrator activates it. */
async function createAccounts(
	trx: Db,
	created: PlannedMember[],
	memberIds: Map<string, number>,
	cellId: (p: PlannedMember) => number
): Promise<Draft[]> {
	const rows = await insertRows<{ id: number; member_id: number }>(
		trx,
		'accounts',
		{
			member_id: ['int', created.map((p) => memberIds.get(p.row.card_no)!)],
			login: ['text', created.map((p) => p.row.card_no)],
			display_name: ['text', created.map((p) => p.row.values.full_name!)]
		},
		['id', 'member_id']
	);
	const byMember = new Map(rows.map((r) => [r.member_id, r.id]));
	return created.map((p) => {
		const memberId = memberIds.get(p.row.card_no)!;
		return {
			action: 'account.created',
			entityType: 'account',
			entityId: byMember.get(memberId)!,
			unitId: cellId(p),
			changes: { member_id: [null, memberId], login: [null, p.row.card_no] }
		};
	});
}

/** A corrected name follows to the account, unless someone already changed the display name. */
async function renameAccounts(
	trx: Db,
	updated: PlannedMember[],
	cellId: (p: PlannedMember) => number
): Promise<Draft[]> {
	const renamed = updated.filter((p) => p.changes.full_name);
	if (renamed.length === 0) return [];
	const v = unnest({
		member_id: ['int', renamed.map((p) => p.existing!.id)],
		new_name: ['text', renamed.map((p) => String(p.changes.full_name[1]))],
		old_name: ['text', renamed.map((p) => String(p.changes.full_name[0]))]
	});
	const { rows } = await sql<{ id: number; member_id: number; old_name: string; new_name: string }>`
		update accounts as a set display_name = v.new_name from ${v}
		where a.member_id = v.member_id and a.display_name = v.old_name
		returning a.id, a.member_id, v.old_name, v.new_name`.execute(trx);
	const cellOf = new Map(renamed.map((p) => [p.existing!.id, cellId(p)]));
	return rows.map((r) => ({
		action: 'account.renamed',
		entityType: 'account',
		entityId: r.id,
		unitId: cellOf.get(r.member_id)!,
		changes: { display_name: [r.old_name, r.new_name] }
	}));
}

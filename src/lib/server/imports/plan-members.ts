// Decides, for each member row, create / update / unchanged, transfers and status changes, and
// whether the actor may touch both the member's current cell and the target cell.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { formatDate } from '$lib/labels';
import { CELL_KINDS, type UnitKind } from '$lib/domain/roles';
import { todayInVietnam } from '$lib/domain/dates';
import { checkMemberDates } from '$lib/schemas/member';
import { can, type Actor } from '../access/actor';
import type { Changes } from '../audit/log';
import { headerOf } from './columns';
import type { DbMember, DbUnit } from './load';
import type { UnitPlan } from './plan-units';
import type { Action, Issue } from './types';
import type { MemberKey, MemberRow } from './validate';

export interface PlannedMember {
	row: MemberRow;
	existing: DbMember | undefined;
	action: Action;
	/** Member columns that change (before → after), plus `status` when it changes. */
	changes: Changes;
	transfer: boolean;
	statusChange: boolean;
	/** The target cell's code; its id is known once new units are written. */
	cellCode: string;
	cellPath: string;
}

interface Env {
	actor: Actor;
	units: UnitPlan;
	failedCodes: Set<string>;
	db: Map<string, DbUnit>;
	members: Map<string, DbMember>;
	takenLogins: Map<string, string | null>;
	today: string;
	columns: Record<string, string | null>;
	writing: boolean;
	issues: Issue[];
}

const datesSchema = z
	.object({
		birth_date: z.string().nullable(),
		joined_on: z.string().nullable(),
		full_member_on: z.string().nullable()
	})
	.superRefine((v, ctx) => checkMemberDates(v, ctx, todayInVietnam()));

export function planMembers(
	rows: MemberRow[],
	env: Omit<Env, 'issues'>,
	issues: Issue[]
): PlannedMember[] {
	const e: Env = { ...env, issues };
	const out: PlannedMember[] = [];
	for (const row of rows) {
		const p = planOne(row, e);
		if (p) out.push(p);
	}
	return out;
}

/** A problem at a row and column; a date the file leaves out is named by its header alone. */
function report(row: MemberRow, e: Env, column: string, message: string): undefined {
	const where = e.columns[column] ?? headerOf('members', column);
	e.issues.push({ sheet: row.sheet, row: row.row, column: where, message });
	return undefined;
}

/** The target cell: in the file (possibly new) or in the database, within the actor's scope. */
function target(
	row: MemberRow,
	e: Env
): { path: string; isNew: boolean; id?: number } | null | undefined {
	const code = row.cell_code;
	const planned = e.units.byCode.get(code);
	// A unit row with its own problem is reported there; the member row adds nothing.
	if (planned?.failed || (!planned && e.failedCodes.has(code))) return null;
	const db = planned ? planned.existing : e.db.get(code);
	const path = planned ? planned.path : db?.path;
	const kind = planned ? planned.row.kind : db?.kind;
	if (!path || !kind || !can(e.actor, 'member.manage', path))
		return report(row, e, 'cell_code', m.import_cell_not_found({ code }));
	if (!CELL_KINDS.includes(kind as UnitKind))
		return report(row, e, 'cell_code', m.import_not_a_cell({ code }));
	if (db?.dissolved_on) return report(row, e, 'cell_code', m.import_cell_dissolved({ code }));
	return { path, isNew: !db, id: db?.id };
}

function planOne(row: MemberRow, e: Env): PlannedMember | undefined {
	const found = e.members.get(row.card_no);
	const login = e.takenLogins.get(row.card_no.toLowerCase());
	// A card (or login) taken outside the actor's scope is not theirs to learn of: a read-only
	// plan treats it as free, as a card nobody has; only the write, which cannot create it,
	// refuses it.
	const outside = (path: string | null) => !path || !can(e.actor, 'member.manage', path);
	const hidden = found ? outside(found.scope_path) : login !== undefined && outside(login);
	if (hidden && e.writing) return report(row, e, 'card_no', m.import_card_taken());
	const existing = hidden ? undefined : found;
	const cell = target(row, e);
	if (!cell) return undefined;
	const p: PlannedMember = {
		row,
		existing,
		action: 'create',
		changes: {},
		transfer: false,
		statusChange: false,
		cellCode: row.cell_code,
		cellPath: cell.path
	};
	if (!existing) {
		// The login of a member in scope, whose card differs (in case, or altogether).
		if (login !== undefined && !hidden) return report(row, e, 'card_no', m.import_login_taken());
		return p;
	}
	if (existing.membership_id === null) return report(row, e, 'card_no', m.import_member_inactive());
	for (const [k, after] of Object.entries(row.values) as [MemberKey, unknown][]) {
		const before = existing[k] ?? null;
		if (before !== (after ?? null)) p.changes[k] = [before, after ?? null];
	}
	if (!datesOk(row, existing, e)) return undefined;
	if (existing.status !== row.status) {
		p.changes.status = [existing.status, row.status];
		p.statusChange = true;
	}
	p.transfer = cell.isNew || cell.id !== existing.unit_id;
	if (p.transfer && existing.membership_started_on! > e.today)
		return report(
			row,
			e,
			'cell_code',
			m.import_transfer_before_start({ date: formatDate(existing.membership_started_on) })
		);
	p.action = p.transfer || Object.keys(p.changes).length > 0 ? 'update' : 'unchanged';
	return p;
}

/** The date rules again on the merged record: a column absent from the file keeps its value. */
function datesOk(row: MemberRow, existing: DbMember, e: Env): boolean {
	const v = row.values;
	const merged = {
		birth_date: v.birth_date !== undefined ? v.birth_date : existing.birth_date,
		joined_on: v.joined_on !== undefined ? v.joined_on : existing.joined_on,
		full_member_on: v.full_member_on !== undefined ? v.full_member_on : existing.full_member_on
	};
	const r = datesSchema.safeParse(merged);
	if (r.success) return true;
	for (const i of r.error.issues) report(row, e, String(i.path[0]), i.message);
	return false;
}

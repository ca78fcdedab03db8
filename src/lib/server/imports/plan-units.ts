// Decides, for each unit row, create / update / unchanged, and whether the actor may do it.
import { m } from '$lib/paraglide/messages';
import { unitKindLabel } from '$lib/labels';
import type { UnitKind } from '$lib/domain/roles';
import { can, type Actor } from '../access/actor';
import type { Changes } from '../audit/log';
import type { DbUnit } from './load';
import type { Action, Issue } from './types';
import type { UnitRow } from './validate';

/** Which kind may sit under which: mirrors org_units_parent_kind_ok in migrations/0002. */
const PARENT_KINDS: Record<UnitKind, (string | null)[]> = {
	bloc: [null, 'bloc'],
	grassroots_committee: ['bloc'],
	grassroots_cell: ['bloc'],
	partial_committee: ['grassroots_committee'],
	cell: ['grassroots_committee', 'partial_committee']
};

export interface PlannedUnit {
	row: UnitRow;
	existing: DbUnit | undefined;
	action: Action;
	changes: Changes;
	/** The path the unit will have; new units get a placeholder segment ("n" + row). */
	path: string;
	failed: boolean;
	/** The code is taken by a unit outside the actor's scope (see `hide`). */
	hidden: boolean;
}

export interface UnitPlan {
	byCode: Map<string, PlannedUnit>;
	list: PlannedUnit[];
}

interface Env {
	actor: Actor;
	db: Map<string, DbUnit>;
	occupied: Set<number>;
	/** Codes of unit rows that failed validation: already reported, so references stay quiet. */
	failedCodes: Set<string>;
	issues: Issue[];
	columns: Record<string, string | null>;
	writing: boolean;
}

export function planUnits(rows: UnitRow[], env: Omit<Env, 'issues'>, issues: Issue[]): UnitPlan {
	const e: Env = { ...env, issues };
	const byCode = new Map<string, PlannedUnit>();
	for (const row of rows) {
		const found = e.db.get(row.code);
		const hidden = found !== undefined && !can(e.actor, 'unit.read', found.path);
		byCode.set(row.code, {
			row,
			existing: hidden ? undefined : found,
			action: 'unchanged',
			changes: {},
			path: '',
			failed: false,
			hidden
		});
	}
	const plan = { byCode, list: [...byCode.values()] };
	for (const u of plan.list) resolvePath(u, plan, e.db, new Set());
	for (const u of plan.list) if (!u.failed) check(u, plan, e);
	return plan;
}

function fail(u: PlannedUnit, e: Env, column: string, message: string): void {
	if (u.failed) return;
	u.failed = true;
	e.issues.push({ sheet: u.row.sheet, row: u.row.row, column: e.columns[column] ?? null, message });
}

/** The unit's future path, parents in the file first; a cycle leaves it empty. */
function resolvePath(
	u: PlannedUnit,
	plan: UnitPlan,
	db: Map<string, DbUnit>,
	stack: Set<string>
): string {
	if (u.path || stack.has(u.row.code)) return u.path;
	stack.add(u.row.code);
	const self = u.existing ? String(u.existing.id) : `n${u.row.row}`;
	const pc = u.row.parent_code;
	const inFile = pc ? plan.byCode.get(pc) : undefined;
	let base = '/';
	if (inFile) base = resolvePath(inFile, plan, db, stack);
	// An unknown parent gets a segment no scope can match; the check reports it.
	else if (pc) base = db.get(pc)?.path ?? '/?/';
	if (!base) return '';
	u.path = `${base}${self}/`;
	return u.path;
}

interface Parent {
	code: string | null;
	kind: string | null;
	path: string;
	dissolved: boolean;
}

function parentOf(u: PlannedUnit, plan: UnitPlan, e: Env): Parent | undefined {
	const pc = u.row.parent_code;
	if (pc === null) return { code: null, kind: null, path: '', dissolved: false };
	const inFile = plan.byCode.get(pc);
	if (inFile) {
		if (!inFile.path) return void fail(u, e, 'parent_code', m.import_unit_cycle());
		return {
			code: pc,
			kind: inFile.row.kind,
			path: inFile.path,
			dissolved: Boolean(inFile.existing?.dissolved_on)
		};
	}
	if (e.failedCodes.has(pc)) {
		u.failed = true;
		return undefined;
	}
	const db = e.db.get(pc);
	// An unchanged parent may lie above the actor's scope (a committee's own row names the bloc).
	const sameParent = u.existing?.parent_code === pc;
	if (!db || (!sameParent && !can(e.actor, 'unit.read', db.path)))
		return void fail(u, e, 'parent_code', m.import_parent_not_found({ code: pc }));
	return { code: pc, kind: db.kind, path: db.path, dissolved: Boolean(db.dissolved_on) };
}

function check(u: PlannedUnit, plan: UnitPlan, e: Env): void {
	const { row, existing } = u;
	// A code taken outside the actor's scope is not theirs to learn of: a read-only plan treats
	// it as free, as a code nobody uses; only the write, which cannot create it, refuses it.
	if (u.hidden && e.writing) return fail(u, e, 'code', m.import_code_taken());
	if (row.parent_code === row.code) return fail(u, e, 'parent_code', m.import_unit_cycle());
	if (!u.path) return fail(u, e, 'parent_code', m.import_unit_cycle());
	const parent = parentOf(u, plan, e);
	if (!parent) return;
	// Moving a unit under one of its own descendants.
	if (existing && parent.path.includes(`/${existing.id}/`))
		return fail(u, e, 'parent_code', m.import_unit_cycle());
	if (existing) {
		const after = { name: row.name, kind: row.kind, parent_code: row.parent_code };
		const before = { name: existing.name, kind: existing.kind, parent_code: existing.parent_code };
		for (const k of ['name', 'kind', 'parent_code'] as const)
			if (before[k] !== after[k]) u.changes[k] = [before[k], after[k]];
		if (Object.keys(u.changes).length === 0) return;
		u.action = 'update';
		if (existing.dissolved_on) return fail(u, e, 'code', m.import_unit_dissolved());
		if (!existing.parent_path) return fail(u, e, 'code', m.import_root_readonly());
		if (!can(e.actor, 'unit.manage', existing.parent_path))
			return fail(u, e, 'code', m.import_unit_manage_denied());
		if (u.changes.kind && e.occupied.has(existing.id))
			return fail(u, e, 'kind', m.import_kind_change_blocked());
	} else {
		u.action = 'create';
		if (parent.code === null) return fail(u, e, 'parent_code', m.v_required());
	}
	if (!can(e.actor, 'unit.manage', parent.path))
		return fail(u, e, 'parent_code', m.import_parent_not_found({ code: parent.code ?? '' }));
	if (parent.dissolved) return fail(u, e, 'parent_code', m.import_parent_dissolved());
	if (!PARENT_KINDS[row.kind].includes(parent.kind))
		return fail(
			u,
			e,
			'kind',
			m.import_kind_misfit({
				kind: unitKindLabel(row.kind),
				parent: parent.kind ? unitKindLabel(parent.kind) : '—'
			})
		);
}

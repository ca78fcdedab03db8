// Compares the validated rows with the database: what would be created, updated or left alone,
// and what the actor may not do. Reads only; the same plan serves the dry run and the import.
import type { Actor } from '../access/actor';
import type { Db } from '../db/connect';
import { loadMembers, loadOccupiedUnits, loadTakenLogins, loadUnits, type DbUnit } from './load';
import { planMembers, type PlannedMember } from './plan-members';
import { planUnits, type UnitPlan } from './plan-units';
import type { Issue } from './types';
import type { MemberRow, UnitRow } from './validate';

export interface PlanInput {
	units: UnitRow[];
	members: MemberRow[];
	failedCodes: Set<string>;
	/** Column key → "Header (letter)" per sheet, for the report. */
	unitColumns: Record<string, string | null>;
	memberColumns: Record<string, string | null>;
	today: string;
	/**
	 * Inside the writing transaction: lock the members' rows, and refuse card numbers and unit
	 * codes taken outside the actor's scope (which every read-only plan treats as free).
	 */
	writing: boolean;
}

export interface Plan {
	dbUnits: Map<string, DbUnit>;
	units: UnitPlan;
	members: PlannedMember[];
	issues: Issue[];
}

export async function makePlan(db: Db, actor: Actor, input: PlanInput): Promise<Plan> {
	const codes = new Set<string>();
	for (const u of input.units) {
		codes.add(u.code);
		if (u.parent_code) codes.add(u.parent_code);
	}
	for (const r of input.members) codes.add(r.cell_code);
	const cards = input.members.map((r) => r.card_no);
	const [dbUnits, dbMembers] = await Promise.all([
		loadUnits(db, [...codes]),
		loadMembers(db, cards, input.writing)
	]);
	const newCards = cards.filter((c) => !dbMembers.has(c));
	const kindChanges = input.units
		.map((u) => dbUnits.get(u.code))
		.filter((d, i) => d && d.kind !== input.units[i].kind)
		.map((d) => d!.id);
	const [takenLogins, occupied] = await Promise.all([
		loadTakenLogins(db, newCards),
		loadOccupiedUnits(db, kindChanges)
	]);
	const issues: Issue[] = [];
	const units = planUnits(
		input.units,
		{
			actor,
			db: dbUnits,
			occupied,
			failedCodes: input.failedCodes,
			columns: input.unitColumns,
			writing: input.writing
		},
		issues
	);
	const members = planMembers(
		input.members,
		{
			actor,
			units,
			failedCodes: input.failedCodes,
			db: dbUnits,
			members: dbMembers,
			takenLogins,
			today: input.today,
			columns: input.memberColumns,
			writing: input.writing
		},
		issues
	);
	return { dbUnits, units, members, issues };
}

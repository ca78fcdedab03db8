// Shapes shared by the import steps: read → map headers → validate rows → plan → apply.
// The report is plain data so it can be returned from a form action and rendered without JS.
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '$lib/schemas/imports';

export const MAX_BYTES = IMPORT_MAX_BYTES;
export const MAX_ROWS = IMPORT_MAX_ROWS;
/** Issues kept for the report; the total is still counted. */
export const MAX_ISSUES = 1000;
/** Changed rows listed in the report (created/updated); counts cover all of them. */
export const MAX_OUTCOMES = 500;

export type SheetKind = 'units' | 'members';

/** A problem tied to a place in the file; row and column are absent for whole-sheet problems. */
export interface Issue {
	sheet: string;
	row: number | null;
	column: string | null;
	message: string;
}

export type Action = 'create' | 'update' | 'unchanged';

export interface Outcome {
	sheet: string;
	row: number;
	kind: SheetKind;
	key: string;
	action: Exclude<Action, 'unchanged'>;
	/** Column headers whose values change (updates only). */
	fields: string[];
	transfer: boolean;
}

export interface Counts {
	units: Record<Action, number>;
	members: Record<Action, number> & { transfer: number; status: number };
}

export interface ImportReport {
	/** invalid: nothing written; checked: dry run found no problem; applied: written. */
	status: 'invalid' | 'checked' | 'applied';
	dryRun: boolean;
	fileError: string | null;
	issues: Issue[];
	issueCount: number;
	notes: string[];
	counts: Counts;
	outcomes: Outcome[];
	outcomeCount: number;
	ms: number;
}

/** A cell as read from the file, before any column-specific conversion. */
export type RawCell =
	string | number | boolean | Date | { formula: true } | { error: string } | null;

export interface RawRow {
	number: number;
	cells: RawCell[];
}

export interface RawSheet {
	name: string;
	rows: RawRow[];
}

/** A whole-file problem: nothing else can be checked. */
export class FileError extends Error {}

export function emptyCounts(): Counts {
	return {
		units: { create: 0, update: 0, unchanged: 0 },
		members: { create: 0, update: 0, unchanged: 0, transfer: 0, status: 0 }
	};
}

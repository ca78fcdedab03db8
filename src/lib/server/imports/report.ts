// Builds the report the page shows: counts, the changed rows, and the problems found.
import { headerOf } from './columns';
import type { MappedSheet } from './headers';
import type { Plan } from './plan';
import {
	emptyCounts,
	MAX_ISSUES,
	MAX_OUTCOMES,
	type Counts,
	type ImportReport,
	type Issue,
	type Outcome
} from './types';

export function invalidReport(
	dryRun: boolean,
	began: number,
	fileError: string | null,
	issues: Issue[] = [],
	notes: string[] = []
): ImportReport {
	return {
		status: 'invalid',
		dryRun,
		fileError,
		issues: issues.slice(0, MAX_ISSUES),
		issueCount: issues.length,
		notes,
		counts: emptyCounts(),
		outcomes: [],
		outcomeCount: 0,
		ms: Date.now() - began
	};
}

/** Problems in file order: sheet by sheet, then by row (header problems first). */
export function sortIssues(issues: Issue[], sheets: MappedSheet[]): Issue[] {
	const order = new Map(sheets.map((s, i) => [s.name, i]));
	return issues
		.map((issue, i) => ({ issue, i }))
		.sort(
			(a, b) =>
				(order.get(a.issue.sheet) ?? -1) - (order.get(b.issue.sheet) ?? -1) ||
				(a.issue.row ?? 0) - (b.issue.row ?? 0) ||
				a.i - b.i
		)
		.map((x) => x.issue);
}

export function summarize(plan: Plan): { counts: Counts; outcomes: Outcome[] } {
	const counts = emptyCounts();
	const outcomes: Outcome[] = [];
	for (const u of plan.units.list) {
		counts.units[u.action]++;
		if (u.action !== 'unchanged')
			outcomes.push({
				sheet: u.row.sheet,
				row: u.row.row,
				kind: 'units',
				key: u.row.code,
				action: u.action,
				fields: Object.keys(u.changes).map((k) => headerOf('units', k)),
				transfer: false
			});
	}
	for (const p of plan.members) {
		counts.members[p.action]++;
		if (p.transfer) counts.members.transfer++;
		if (p.statusChange) counts.members.status++;
		if (p.action !== 'unchanged')
			outcomes.push({
				sheet: p.row.sheet,
				row: p.row.row,
				kind: 'members',
				key: p.row.card_no,
				action: p.action,
				fields: [
					...Object.keys(p.changes).map((k) => headerOf('members', k)),
					...(p.transfer ? [headerOf('members', 'cell_code')] : [])
				],
				transfer: p.transfer
			});
	}
	return { counts, outcomes };
}

export function finalReport(
	plan: Plan,
	dryRun: boolean,
	began: number,
	notes: string[]
): ImportReport {
	const { counts, outcomes } = summarize(plan);
	return {
		status: dryRun ? 'checked' : 'applied',
		dryRun,
		fileError: null,
		issues: [],
		issueCount: 0,
		notes,
		counts,
		outcomes: outcomes.slice(0, MAX_OUTCOMES),
		outcomeCount: outcomes.length,
		ms: Date.now() - began
	};
}

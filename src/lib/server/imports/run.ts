// The import, start to end: sniff → read → map headers → validate rows → plan → apply. Nothing
// is written unless every row is valid and allowed; the plan and the writes share a transaction.
import { isHttpError } from '@sveltejs/kit';
import type { Actor } from '../access/actor';
import type { Db } from '../db/connect';
import { errorFields, log } from '../log';
import { m } from '$lib/paraglide/messages';
import { todayInVietnam } from '$lib/domain/dates';
import { applyPlan } from './apply';
import { mapSheets, type MappedSheet } from './headers';
import { makePlan, type Plan } from './plan';
import { readSheets } from './read-sheet';
import { finalReport, invalidReport, sortIssues, summarize } from './report';
import { fmt, sniff } from './sniff';
import { FileError, MAX_ROWS, type ImportReport, type Issue } from './types';
import { validateMembers, validateUnits } from './validate';

export interface ImportCtx {
	db: Db;
	actor: Actor;
	requestId: string;
}

export interface ImportInput {
	bytes: Uint8Array;
	fileName: string;
	dryRun: boolean;
	/** The date transfers and status changes take effect (default: today). */
	today?: string;
}

const columnsOf = (sheet: MappedSheet | undefined): Record<string, string | null> =>
	Object.fromEntries([...(sheet?.columns ?? [])].map(([k, p]) => [k, `${p.header} (${p.letter})`]));

export async function runImport(ctx: ImportCtx, input: ImportInput): Promise<ImportReport> {
	const began = Date.now();
	const { dryRun } = input;
	try {
		const report = await importFile(ctx, input, began);
		log.info('import finished', {
			requestId: ctx.requestId,
			accountId: ctx.actor.accountId,
			status: report.status,
			dryRun,
			issues: report.issueCount,
			unitsCreated: report.counts.units.create,
			unitsUpdated: report.counts.units.update,
			membersCreated: report.counts.members.create,
			membersUpdated: report.counts.members.update,
			ms: report.ms
		});
		return report;
	} catch (err) {
		if (err instanceof FileError) return invalidReport(dryRun, began, err.message);
		// An unreachable database is the route's 503 (db/unavailable.ts), not a fault of the file.
		if (isHttpError(err)) throw err;
		// Log the code only: driver messages can quote row values.
		log.error('import failed', { requestId: ctx.requestId, ...errorFields(err) });
		const constraint = (err as { constraint?: unknown }).constraint;
		return invalidReport(
			dryRun,
			began,
			typeof constraint === 'string'
				? m.import_write_conflict({ constraint })
				: m.import_write_failed()
		);
	}
}

async function importFile(
	ctx: ImportCtx,
	input: ImportInput,
	began: number
): Promise<ImportReport> {
	const { dryRun } = input;
	const format = sniff(input.bytes, input.fileName);
	const mapping = mapSheets(await readSheets(input.bytes, format));
	const { sheets, notes } = mapping;
	if (mapping.issues.length)
		return invalidReport(dryRun, began, null, sortIssues(mapping.issues, sheets), notes);
	if (sheets.length === 0) throw new FileError(m.import_no_sheets());
	const total = sheets.reduce((n, s) => n + s.rows.length, 0);
	if (total === 0) throw new FileError(m.import_no_rows());
	if (total > MAX_ROWS) throw new FileError(m.import_too_many_rows({ max: fmt(MAX_ROWS) }));

	const issues: Issue[] = [];
	const unitSheet = sheets.find((s) => s.kind === 'units');
	const memberSheet = sheets.find((s) => s.kind === 'members');
	const units = unitSheet
		? validateUnits(unitSheet, issues)
		: { rows: [], failedKeys: new Set<string>() };
	const members = memberSheet ? validateMembers(memberSheet, issues) : [];
	const today = input.today ?? todayInVietnam();
	const planInput = {
		units: units.rows,
		members,
		failedCodes: units.failedKeys,
		unitColumns: columnsOf(unitSheet),
		memberColumns: columnsOf(memberSheet),
		today
	};
	const rejected = (plan: Plan) =>
		invalidReport(dryRun, began, null, sortIssues([...issues, ...plan.issues], sheets), notes);
	// With bad rows the plan still runs (read only) on the good ones, so one upload reports the
	// format errors and the scope errors of the other rows together.
	if (dryRun || issues.length) {
		const plan = await makePlan(ctx.db, ctx.actor, { ...planInput, writing: false });
		if (issues.length || plan.issues.length) return rejected(plan);
		return finalReport(plan, true, began, notes);
	}
	return ctx.db.transaction().execute(async (trx) => {
		const plan = await makePlan(trx, ctx.actor, { ...planInput, writing: true });
		if (plan.issues.length) return rejected(plan);
		const { counts } = summarize(plan);
		const changing =
			counts.units.create + counts.units.update + counts.members.create + counts.members.update;
		// A re-import of the same file writes nothing at all, not even an audit row.
		if (changing === 0) return finalReport(plan, false, began, notes);
		const who = { accountId: ctx.actor.accountId, requestId: ctx.requestId };
		await applyPlan(trx, who, plan, counts, today);
		return finalReport(plan, false, began, notes);
	});
}

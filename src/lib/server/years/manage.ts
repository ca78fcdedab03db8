// The organization department's review years: create, edit while draft or open, open, close,
// reopen. Each change is one transaction with its audit row; the row is locked first so two people
// acting at once cannot both open (or close) the same year.
import { sql } from 'kysely';
import { ok, refuse, type Refused, type Result } from '$lib/domain/result';
import type { YearProblem } from '$lib/domain/years/problems';
import {
	EDITABLE_IN,
	yearMachine,
	type YearAction,
	type YearStatus
} from '$lib/domain/years/status';
import type { YearPinsInput, YearWindowsInput } from '$lib/schemas/years';
import { can } from '../access/actor';
import { auditCtx, type Ctx } from '../access/guard';
import type { ManagedBloc } from '../access/policy';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { freeze } from '../catalogs/freeze';
import { countUnverified, unclassifiedItems } from '../catalogs/versions';
import { findYearById, pinnedIds, YEAR_COLUMNS } from './read';

export type ManagedYear = NonNullable<Awaited<ReturnType<typeof findYearById>>>;

export type { YearProblem };
export type YearResult<T = undefined> = Result<T, YearProblem>;
type Refusal = Refused<YearProblem>;

/** A year the actor may manage; undefined for missing and out-of-scope alike. */
export async function findManagedYear(ctx: Ctx, id: number): Promise<ManagedYear | undefined> {
	if (!Number.isSafeInteger(id)) return undefined;
	const year = await findYearById(ctx.db, id);
	return year && can(ctx.actor, 'year.manage', year.unit_path) ? year : undefined;
}

const manages = (ctx: Ctx, unitPath: string) => can(ctx.actor, 'year.manage', unitPath);

type Field = keyof YearWindowsInput | keyof YearPinsInput;

const CONSTRAINTS: Record<string, [Field, YearProblem]> = {
	review_years_unit_year_key: ['year', 'year_taken'],
	review_years_year_check: ['year', 'year_range'],
	review_years_place_check: ['place', 'place'],
	review_years_reporting_period_check: ['reporting_period', 'invalid_choice'],
	review_years_rule_set_check: ['rule_set', 'invalid_choice'],
	review_years_report_due_days_check: ['report_due_days', 'report_due_days'],
	review_years_commitment_window_check: ['commitment_closes_on', 'window'],
	review_years_registration_window_check: ['registration_closes_on', 'window'],
	review_years_self_review_window_check: ['self_review_closes_on', 'window'],
	review_years_decision_deadline_check: ['decision_deadline', 'decision'],
	review_years_manifestations_version_id_fkey: ['manifestations_version_id', 'catalog_mismatch'],
	review_years_prohibitions_version_id_fkey: ['prohibitions_version_id', 'catalog_mismatch'],
	review_years_standards_version_id_fkey: ['standards_version_id', 'catalog_mismatch']
};

/** A database refusal as a field problem; anything unexpected is rethrown. */
function refusal(
	err: unknown,
	input: { cell_review_opens_on?: string; self_review_opens_on?: string }
): Refusal {
	const c = constraintOf(err);
	// One CHECK covers two rules: tell which one the input breaks.
	if (c === 'review_years_cell_review_window_check') {
		const before =
			input.cell_review_opens_on !== undefined &&
			input.self_review_opens_on !== undefined &&
			input.cell_review_opens_on < input.self_review_opens_on;
		return before
			? refuse('cell_before_self', { field: 'cell_review_opens_on' })
			: refuse('window', { field: 'cell_review_closes_on' });
	}
	const known = c ? CONSTRAINTS[c] : undefined;
	if (!known) throw err;
	return refuse(known[1], { field: known[0] });
}

/** Each pinned version must belong to the catalog of its column (no FK can say that). */
async function checkPins(db: Db, pins: YearPinsInput): Promise<Refusal | undefined> {
	const wanted = {
		manifestations_version_id: 'manifestations',
		prohibitions_version_id: 'prohibitions',
		standards_version_id: 'standards'
	} as const;
	const rows = await db
		.selectFrom('catalog_versions')
		.select(['id', 'catalog'])
		.where(
			'id',
			'in',
			Object.keys(wanted).map((k) => pins[k as keyof typeof wanted])
		)
		.execute();
	for (const [field, catalog] of Object.entries(wanted)) {
		const id = pins[field as keyof typeof wanted];
		if (!rows.some((r) => r.id === id && r.catalog === catalog))
			return refuse('catalog_mismatch', { field });
	}
	return undefined;
}

export async function createYear(
	ctx: Ctx,
	bloc: ManagedBloc,
	input: YearPinsInput & YearWindowsInput
): Promise<YearResult<number>> {
	if (!manages(ctx, bloc.path)) return refuse('not_found');
	const mismatch = await checkPins(ctx.db, input);
	if (mismatch) return mismatch;
	try {
		const id = await ctx.db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('review_years')
				.values({ ...input, unit_id: bloc.id, status: 'draft' })
				.returning('id')
				.executeTakeFirstOrThrow();
			await audit.record(trx, auditCtx(ctx), {
				action: 'review_year.created',
				entityType: 'review_year',
				entityId: row.id,
				unitPath: bloc.path,
				changes: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, [null, v]]))
			});
			return row.id;
		});
		return ok(id);
	} catch (err) {
		return refusal(err, input);
	}
}

/** The year's row, locked for the rest of the transaction, to check its status against. */
async function lockYear(trx: Db, id: number) {
	return trx
		.selectFrom('review_years as y')
		.select(YEAR_COLUMNS)
		.where('y.id', '=', id)
		.forUpdate()
		.executeTakeFirstOrThrow();
}

async function updateFields(
	ctx: Ctx,
	year: ManagedYear,
	input: Partial<YearWindowsInput & YearPinsInput>,
	allowed: readonly YearStatus[]
): Promise<YearResult> {
	if (!manages(ctx, year.unit_path)) return refuse('not_found');
	try {
		return await ctx.db.transaction().execute(async (trx): Promise<YearResult> => {
			const before = await lockYear(trx, year.id);
			if (!allowed.includes(before.status)) return refuse('conflict');
			const changes = audit.diff(before, input);
			if (!changes) return ok();
			await trx.updateTable('review_years').set(input).where('id', '=', year.id).execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'review_year.updated',
				entityType: 'review_year',
				entityId: year.id,
				unitPath: year.unit_path,
				changes
			});
			return ok();
		});
	} catch (err) {
		return refusal(err, { ...year, ...input });
	}
}

/** Place, reporting period and phase windows: while the year is a draft or open. */
export async function updateWindows(
	ctx: Ctx,
	year: ManagedYear,
	input: YearWindowsInput
): Promise<YearResult> {
	return updateFields(ctx, year, input, EDITABLE_IN.windows);
}

/** Year number, rule set and catalog versions: only while a draft (nobody has signed yet). */
export async function updatePins(
	ctx: Ctx,
	year: ManagedYear,
	input: YearPinsInput
): Promise<YearResult> {
	const mismatch = await checkPins(ctx.db, input);
	if (mismatch) return mismatch;
	return updateFields(ctx, year, input, EDITABLE_IN.pins);
}

/** The audit action of each transition. */
const DONE: Record<YearAction, 'opened' | 'closed' | 'reopened'> = {
	open: 'opened',
	close: 'closed',
	reopen: 'reopened'
};

type Locked = Awaited<ReturnType<typeof lockYear>>;
/** Decides, on the locked row, whether the transition may go ahead and what else to audit. */
type Check = (
	trx: Db,
	before: Locked
) => Promise<{ refused: YearResult } | { audit: Record<string, unknown> }>;

const noCheck: Check = async () => ({ audit: {} });

async function transition(
	ctx: Ctx,
	year: ManagedYear,
	action: YearAction,
	check: Check = noCheck
): Promise<YearResult> {
	if (!manages(ctx, year.unit_path)) return refuse('not_found');
	return ctx.db.transaction().execute(async (trx): Promise<YearResult> => {
		const before = await lockYear(trx, year.id);
		const from = before.status;
		const to = yearMachine.next(from, 'organization_department', action);
		if (!to) return refuse('conflict');
		const checked = await check(trx, before);
		if ('refused' in checked) return checked.refused;
		await trx
			.updateTable('review_years')
			.set({
				status: to,
				...(action === 'open' ? { opened_at: sql<Date>`now()` } : {}),
				closed_at: action === 'close' ? sql<Date>`now()` : null
			})
			.where('id', '=', year.id)
			.execute();
		await audit.record(trx, auditCtx(ctx), {
			action: `review_year.${DONE[action]}`,
			entityType: 'review_year',
			entityId: year.id,
			unitPath: year.unit_path,
			changes: { status: [from, to], ...checked.audit }
		});
		return ok();
	});
}

/**
 * draft → open, freezing the catalog versions the year quotes. Refused while a pinned catalog has
 * an item with no wording (`unclassified`, listing their codes per catalog). While the pinned
 * catalogs hold unverified items (summaries, references), `acknowledged` must equal their number:
 * the person saw exactly what is still unchecked and chose to open anyway.
 */
export async function openYear(
	ctx: Ctx,
	year: ManagedYear,
	acknowledged: number
): Promise<YearResult> {
	return transition(ctx, year, 'open', async (trx, before) => {
		const pinned = pinnedIds(before);
		// Members would sign these: no acknowledgement lets a year open on them.
		const unclassified = await unclassifiedItems(trx, pinned);
		if (unclassified.length > 0) {
			const codes: Record<string, string> = {};
			for (const i of unclassified)
				codes[i.catalog] = codes[i.catalog] ? `${codes[i.catalog]}, ${i.code}` : i.code;
			return { refused: refuse('unclassified', { detail: codes }) };
		}
		const n = await countUnverified(trx, pinned);
		if (n > 0 && acknowledged !== n)
			return {
				refused: refuse('unverified', { field: 'acknowledged_unverified', detail: { count: n } })
			};
		// From now on members read these texts: nobody may change them under an open year.
		await freeze(trx, pinned);
		return { audit: { unverified_items: n } };
	});
}

/** open → closed: the year becomes read-only. */
export async function closeYear(ctx: Ctx, year: ManagedYear): Promise<YearResult> {
	return transition(ctx, year, 'close');
}

/** closed → open again: an explicit act whose reason goes into the audit trail. */
export async function reopenYear(ctx: Ctx, year: ManagedYear, reason: string): Promise<YearResult> {
	return transition(ctx, year, 'reopen', async () => ({ audit: { reason } }));
}

// Submitting a period's report: the first one, or a correction that supersedes the previous
// version. Files are checked and cleaned first (evidence/intake.ts), written to the blob store,
// then the report, its files and its audit row go in one transaction; when that fails the blobs
// written for it are removed, so a refused report leaves no file behind.
import { MAX_FILES_PER_REPORT, MAX_REPORT_UPLOAD_BYTES } from '$lib/domain/evidence';
import { sameJson } from '$lib/domain/json';
import type { ReportContent, SelfRating } from '$lib/domain/report/content';
import { sql } from 'kysely';
import { ok, refuse, type Result } from '$lib/domain/result';
import { carriesSelfRating, isPeriod, periodTiming } from '$lib/domain/years/periods';
import { auditCtx, type Ctx } from '../access/guard';
import * as audit from '../audit/log';
import { readConfig } from '../config';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { intake, type CleanFile, type IntakeProblem } from '../evidence/intake';
import { evidenceStore, newBlobKey, type BlobStore } from '../evidence/storage';
import { errorFields, log } from '../log';
import type { OpenReports } from './open';
import { latestByPeriod, type ReportVersion } from './read';

/**
 * - `not_found`: no such period in the year;
 * - `year_closed`: the year is not open; `not_started`: the period has not begun (detail.date);
 * - `nothing`: no approved registration and no task to report on;
 * - `unchanged`: a correction identical to the report it would replace;
 * - `conflict`: another report for the period was submitted meanwhile;
 * - `too_many_files`, `upload_too_large`, `quota` (detail.mb) and the file checks of intake.ts,
 *   each on the line's file field.
 */
export type ReportProblem =
	| 'not_found'
	| 'year_closed'
	| 'not_started'
	| 'nothing'
	| 'unchanged'
	| 'conflict'
	| 'too_many_files'
	| 'upload_too_large'
	| 'quota'
	| IntakeProblem;

export interface Upload {
	lineKey: string;
	file: File;
}

export interface ReportInput {
	content: ReportContent;
	selfRating: SelfRating | null;
	uploads: Upload[];
	/** Files of the previous version kept, per line key. */
	kept: Map<string, number[]>;
}

export const filesField = (key: string) => `r_${key}_files`;

/** The ids of the previous version's files that the correction keeps, line by line. */
function keptLinks(previous: ReportVersion | undefined, kept: Map<string, number[]>) {
	if (!previous) return [];
	return previous.files
		.filter((f) => kept.get(f.line_key)?.includes(f.id))
		.map((f) => ({ file_id: f.id, line_key: f.line_key }));
}

function unchanged(previous: ReportVersion, input: ReportInput, keptCount: number): boolean {
	return (
		input.uploads.length === 0 &&
		keptCount === previous.files.length &&
		sameJson(previous.content, input.content) &&
		sameJson(previous.self_rating, input.selfRating)
	);
}

async function checkUploads(
	uploads: Upload[],
	keptCount: number
): Promise<Result<{ lineKey: string; clean: CleanFile }[], ReportProblem>> {
	if (uploads.length + keptCount > MAX_FILES_PER_REPORT)
		return refuse('too_many_files', { field: filesField(uploads[0].lineKey) });
	const total = uploads.reduce((sum, u) => sum + u.file.size, 0);
	if (total > MAX_REPORT_UPLOAD_BYTES)
		return refuse('upload_too_large', { field: filesField(uploads[0].lineKey) });
	const out: { lineKey: string; clean: CleanFile }[] = [];
	for (const u of uploads) {
		const checked = await intake(u.file.name, new Uint8Array(await u.file.arrayBuffer()));
		if (!checked.ok)
			return refuse(checked.problem.code, { ...checked.problem, field: filesField(u.lineKey) });
		out.push({ lineKey: u.lineKey, clean: checked.value });
	}
	return ok(out);
}

/** Bytes the member's evidence already takes. */
async function usedBytes(db: Db, memberId: number): Promise<number> {
	const row = await db
		.selectFrom('evidence_files')
		.select(sql<string>`coalesce(sum(size_bytes), 0)`.as('used'))
		.where('member_id', '=', memberId)
		.executeTakeFirstOrThrow();
	return Number(row.used);
}

type StagedFile = { lineKey: string; clean: CleanFile; storageKey: string };

const quotaRefusal = (files: StagedFile[], quota: number) =>
	refuse('quota', { field: filesField(files[0].lineKey), detail: { mb: quota / 1048576 } });

/** Whether adding `files` would take the member past their quota. */
async function overQuota(db: Db, memberId: number, files: StagedFile[], quota: number) {
	const adding = files.reduce((sum, f) => sum + f.clean.bytes.byteLength, 0);
	return adding > 0 && (await usedBytes(db, memberId)) + adding > quota;
}

/** Locks the member and reads the period's latest report id again: null when there is none. */
async function lockedLatest(trx: Db, r: OpenReports, period: number): Promise<number | null> {
	await trx.selectFrom('members').select('id').where('id', '=', r.member.id).forUpdate().execute();
	const now = await trx
		.selectFrom('period_reports')
		.select('id')
		.where('member_id', '=', r.member.id)
		.where('year_id', '=', r.year.id)
		.where('period', '=', period)
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
	return now?.id ?? null;
}

/** The new files' rows, as links of the report's lines. */
async function insertFiles(trx: Db, ctx: Ctx, r: OpenReports, files: StagedFile[]) {
	if (files.length === 0) return [];
	const stored = await trx
		.insertInto('evidence_files')
		.values(
			files.map((f) => ({
				member_id: r.member.id,
				year_id: r.year.id,
				storage_key: f.storageKey,
				name: f.clean.name,
				media_type: f.clean.mediaType,
				size_bytes: f.clean.bytes.byteLength,
				sha256: f.clean.sha256,
				uploaded_by_account_id: ctx.actor.accountId
			}))
		)
		.returning(['id', 'storage_key'])
		.execute();
	const lineOf = new Map(files.map((f) => [f.storageKey, f.lineKey]));
	return stored.map((s) => ({ file_id: s.id, line_key: lineOf.get(s.storage_key)! }));
}

/** Database refusals that mean the period's chain or the year changed meanwhile. */
const RACES = [
	'period_reports_member_period_version_key',
	'period_reports_supersedes_key',
	'period_reports_version_chain_check'
];

export async function submitReport(
	ctx: Ctx,
	r: OpenReports,
	period: number,
	input: ReportInput,
	store: BlobStore = evidenceStore()
): Promise<Result<{ id: number; version: number; late: boolean }, ReportProblem>> {
	if (!isPeriod(r.year.reporting_period, period)) return refuse('not_found');
	if (r.year.status !== 'open') return refuse('year_closed');
	const p = r.periods[period - 1];
	if (periodTiming(p, r.today) === 'not_started')
		return refuse('not_started', { detail: { date: p.startsOn } });
	if (r.reportables.length === 0) return refuse('nothing');
	const selfRating = carriesSelfRating(r.year.reporting_period, period) ? input.selfRating : null;
	const previous = latestByPeriod(r.reports).get(period);
	const links = keptLinks(previous, input.kept);
	if (previous && unchanged(previous, { ...input, selfRating }, links.length))
		return refuse('unchanged');
	const checked = await checkUploads(input.uploads, links.length);
	if (!checked.ok) return checked;
	const files = checked.value.map((f) => ({ ...f, storageKey: newBlobKey() }));
	const quota = readConfig().evidenceQuotaBytes;
	if (await overQuota(ctx.db, r.member.id, files, quota)) return quotaRefusal(files, quota);

	for (const f of files) await store.put(f.storageKey, f.clean.bytes);
	try {
		const result = await write(
			ctx,
			r,
			period,
			previous,
			{ ...input, selfRating },
			links,
			files,
			quota
		);
		if (!result.ok) await removeBlobs(store, files);
		return result;
	} catch (err) {
		await removeBlobs(store, files);
		const constraint = constraintOf(err) ?? '';
		if (RACES.includes(constraint)) return refuse('conflict');
		if (constraint === 'period_reports_year_open_check') return refuse('year_closed');
		if (constraint === 'period_reports_started_check')
			return refuse('not_started', { detail: { date: p.startsOn } });
		throw err;
	}
}

async function removeBlobs(store: BlobStore, files: { storageKey: string }[]) {
	for (const f of files) {
		try {
			await store.delete(f.storageKey);
		} catch (err) {
			// The row was never written: the blob is unreachable, only disk space is lost.
			log.warn('evidence blob not removed', errorFields(err));
		}
	}
}

async function write(
	ctx: Ctx,
	r: OpenReports,
	period: number,
	previous: ReportVersion | undefined,
	input: ReportInput,
	links: { file_id: number; line_key: string }[],
	files: StagedFile[],
	quota: number
): Promise<Result<{ id: number; version: number; late: boolean }, ReportProblem>> {
	return ctx.db.transaction().execute(async (trx) => {
		// One report at a time per member: the chain and the quota are read again under the lock.
		if ((await lockedLatest(trx, r, period)) !== (previous?.id ?? null)) return refuse('conflict');
		if (await overQuota(trx, r.member.id, files, quota)) return quotaRefusal(files, quota);
		const onBehalf = r.member.id !== ctx.actor.memberId;
		const report = await trx
			.insertInto('period_reports')
			.values({
				member_id: r.member.id,
				year_id: r.year.id,
				unit_id: r.cell.id,
				period,
				version: (previous?.version ?? 0) + 1,
				supersedes_id: previous?.id ?? null,
				registration_id: r.chain.inForce?.id ?? null,
				content: JSON.stringify(input.content),
				self_rating: input.selfRating && JSON.stringify(input.selfRating),
				submitted_by_account_id: ctx.actor.accountId,
				on_behalf: onBehalf
			})
			.returning(['id', 'version', 'late'])
			.executeTakeFirstOrThrow();
		const all = [...links, ...(await insertFiles(trx, ctx, r, files))];
		if (all.length > 0)
			await trx
				.insertInto('period_report_evidence')
				.values(all.map((l) => ({ report_id: report.id, ...l })))
				.execute();
		await audit.record(trx, auditCtx(ctx), {
			action: 'report.submitted',
			entityType: 'period_report',
			entityId: report.id,
			unitPath: r.cell.path,
			changes: {
				period,
				version: report.version,
				files: all.length,
				...(report.late ? { late: true } : {}),
				...(onBehalf ? { on_behalf: true } : {})
			}
		});
		return ok(report);
	});
}

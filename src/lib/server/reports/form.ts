// The period report page's data and its submit action, shared by the member's own page and the
// page where the cell reports on a member's behalf: the same form, the same checks, the same words.
import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { statusOf, type Problem } from '$lib/domain/result';
import { carriesSelfRating } from '$lib/domain/years/periods';
import { formatDate } from '$lib/labels/format';
import { m } from '$lib/paraglide/messages';
import {
	lineField,
	parseReport,
	readKeptFiles,
	readReportForm,
	reportFormOf
} from '$lib/schemas/report';
import type { Ctx } from '../access/guard';
import { listComments } from './comments';
import type { OpenReports } from './open';
import { periodView } from './view';
import { submitReport, type ReportProblem, type Upload } from './write';

export async function reportForm(ctx: Ctx, r: OpenReports, period: number) {
	const view = periodView(r, period);
	const reportIds = new Set(view.versions.map((v) => v.id));
	const comments = (await listComments(ctx.db, r.member, r.year.id)).filter(
		(c) => c.report_id !== null && reportIds.has(c.report_id)
	);
	return {
		year: { year: r.year.year, kind: r.year.reporting_period, status: r.year.status },
		period: view.period,
		selfRating: view.selfRating,
		reportables: r.reportables,
		values: reportFormOf(
			r.reportables,
			view.latest?.content ?? null,
			view.latest?.self_rating ?? null
		),
		versions: view.versions,
		comments,
		canSubmit:
			r.year.status === 'open' && view.period.timing !== 'not_started' && r.reportables.length > 0
	};
}

export function reportProblemText(problem: Problem<ReportProblem>): string {
	const name = String(problem.detail?.name ?? '');
	switch (problem.code) {
		case 'not_found':
			return m.reports_err_conflict();
		case 'year_closed':
			return m.reports_year_closed();
		case 'not_started':
			return m.reports_not_started_text({ date: formatDate(String(problem.detail?.date)) });
		case 'nothing':
			return m.reports_err_nothing();
		case 'unchanged':
			return m.reports_err_unchanged();
		case 'conflict':
			return m.reports_err_conflict();
		case 'too_many_files':
			return m.reports_err_too_many_files();
		case 'upload_too_large':
			return m.reports_err_upload_too_large();
		case 'quota':
			return m.reports_err_quota({ mb: String(problem.detail?.mb) });
		case 'evidence_empty':
			return m.reports_err_evidence_empty({ name });
		case 'evidence_too_large':
			return m.reports_err_evidence_too_large({ name });
		case 'evidence_type':
			return m.reports_err_evidence_type({ name });
		case 'evidence_mismatch':
			return m.reports_err_evidence_mismatch({ name });
		case 'evidence_unreadable':
			return m.reports_err_evidence_unreadable({ name });
	}
}

/** A file input left empty still posts a nameless, empty file: that is no file. */
function uploadsOf(form: FormData, r: OpenReports): Upload[] {
	return r.reportables.flatMap(({ key }) =>
		form
			.getAll(lineField(key, 'files'))
			.filter((v): v is File => v instanceof File && (v.size > 0 || v.name !== ''))
			.map((file) => ({ lineKey: key, file }))
	);
}

/**
 * Checks the posted report and submits it: a refused report comes back as typed (files must be
 * chosen again: a browser never re-fills a file input), with its errors. Undefined when done.
 */
export async function submitFromForm(
	event: RequestEvent,
	ctx: Ctx,
	r: OpenReports,
	period: number
) {
	let form: FormData;
	try {
		form = await event.request.formData();
	} catch (err) {
		// Over the server's body limit (BODY_SIZE_LIMIT): refused before any of it was read.
		if ((err as { status?: unknown } | null)?.status === 413)
			return fail(413, { error: m.reports_err_upload_too_large() });
		throw err;
	}
	const values = readReportForm(form, r.reportables);
	const parsed = parseReport(
		values,
		r.reportables,
		carriesSelfRating(r.year.reporting_period, period)
	);
	if (!parsed.ok) return fail(400, { values, errors: parsed.errors });
	const result = await submitReport(ctx, r, period, {
		content: parsed.content,
		selfRating: parsed.selfRating,
		uploads: uploadsOf(form, r),
		kept: readKeptFiles(form, r.reportables)
	});
	if (result.ok) return undefined;
	if (result.problem.code === 'not_found') error(404);
	const text = reportProblemText(result.problem);
	const status = statusOf(result.problem);
	return result.problem.field
		? fail(status, { values, errors: { [result.problem.field]: text } })
		: fail(status, { values, error: text });
}

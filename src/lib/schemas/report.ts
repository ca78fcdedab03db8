// The periodic report form. Its lines are fixed by what the member reports on (the actions of
// their approved registration and the cell's tasks), so each line's fields are named by its key
// (`r_<key>_status`, `r_<key>_value`, `r_<key>_narrative`, files in `r_<key>_files`, earlier
// files kept with `r_<key>_keep`): a form posted without JavaScript reads back line by line.
import { z } from 'zod';
import { RATING_LEVELS } from '$lib/domain/rating/levels';
import {
	LINE_STATUSES,
	MAX_NARRATIVE,
	MAX_SELF_RATING_TEXT,
	type Reportable,
	type ReportContent,
	type SelfRating
} from '$lib/domain/report/content';
import { m } from '$lib/paraglide/messages';
import { text } from './fields';

export interface LineRow {
	key: string;
	status: string;
	value: string;
	narrative: string;
}

export interface ReportForm {
	lines: LineRow[];
	self_rating: { level: string; strengths: string; shortcomings: string };
}

export const lineField = (
	key: string,
	field: 'status' | 'value' | 'narrative' | 'files' | 'keep'
) => `r_${key}_${field}`;

const str = (form: FormData, name: string): string => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

export function readReportForm(form: FormData, reportables: Reportable[]): ReportForm {
	return {
		lines: reportables.map(({ key }) => ({
			key,
			status: str(form, lineField(key, 'status')),
			value: str(form, lineField(key, 'value')),
			narrative: str(form, lineField(key, 'narrative'))
		})),
		self_rating: {
			level: str(form, 'sr_level'),
			strengths: str(form, 'sr_strengths'),
			shortcomings: str(form, 'sr_shortcomings')
		}
	};
}

/** The ids of earlier files a correction keeps, per line key; anything not a plain id is dropped. */
export function readKeptFiles(form: FormData, reportables: Reportable[]): Map<string, number[]> {
	const kept = new Map<string, number[]>();
	for (const { key } of reportables) {
		const ids = form
			.getAll(lineField(key, 'keep'))
			.filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v))
			.map(Number);
		if (ids.length > 0) kept.set(key, [...new Set(ids)]);
	}
	return kept;
}

// A value reached, as people write it here: "45", "12,5".
const NUMBER = /^\d{1,9}([.,]\d{1,2})?$/;

const lineSchema = z.object({
	status: z.enum(LINE_STATUSES, { error: () => m.report_v_status() }),
	value: z
		.string()
		.trim()
		.refine((v) => v === '' || NUMBER.test(v), { error: () => m.report_v_value() }),
	narrative: text(0, MAX_NARRATIVE, { multiline: true })
});

const selfRatingSchema = z.object({
	level: z.enum(RATING_LEVELS, { error: () => m.v_invalid_choice() }),
	strengths: text(0, MAX_SELF_RATING_TEXT, { multiline: true }),
	shortcomings: text(0, MAX_SELF_RATING_TEXT, { multiline: true })
});

export type FormErrors = Record<string, string>;

/**
 * The report's content from the form, or the errors by field name. A value is kept only for a
 * number target; the self-rating only where the period carries one and a level was chosen (its
 * texts without a level are an error: they would be lost).
 */
export function parseReport(
	form: ReportForm,
	reportables: Reportable[],
	withSelfRating: boolean
):
	| { ok: true; content: ReportContent; selfRating: SelfRating | null }
	| { ok: false; errors: FormErrors } {
	const errors: FormErrors = {};
	const content: ReportContent = { lines: [] };
	form.lines.forEach((row, i) => {
		const item = reportables[i];
		const r = lineSchema.safeParse(row);
		if (!r.success) {
			for (const issue of r.error.issues)
				errors[lineField(row.key, String(issue.path[0]) as 'status')] ??= issue.message;
			return;
		}
		const numeric = item.target.kind === 'number' && r.data.value !== '';
		content.lines.push({
			key: item.key,
			title: item.title,
			status: r.data.status,
			value: numeric ? Number(r.data.value.replace(',', '.')) : null,
			narrative: r.data.narrative
		});
	});
	let selfRating: SelfRating | null = null;
	const sr = form.self_rating;
	if (
		withSelfRating &&
		(sr.level !== '' || sr.strengths.trim() !== '' || sr.shortcomings.trim() !== '')
	) {
		const r = selfRatingSchema.safeParse(sr);
		if (r.success) selfRating = r.data;
		else
			for (const issue of r.error.issues)
				errors[`sr_${String(issue.path[0])}`] ??=
					sr.level === '' && issue.path[0] === 'level' ? m.report_v_level() : issue.message;
	}
	if (Object.keys(errors).length > 0) return { ok: false, errors };
	return { ok: true, content, selfRating };
}

/** A stored report as the form shows it again (a correction starts from it). */
export function reportFormOf(
	reportables: Reportable[],
	content: ReportContent | null,
	selfRating: SelfRating | null
): ReportForm {
	const byKey = new Map(content?.lines.map((l) => [l.key, l]));
	return {
		lines: reportables.map(({ key }) => {
			const l = byKey.get(key);
			return {
				key,
				status: l?.status ?? 'not_started',
				value: l?.value === null || l?.value === undefined ? '' : String(l.value).replace('.', ','),
				narrative: l?.narrative ?? ''
			};
		}),
		self_rating: {
			level: selfRating?.level ?? '',
			strengths: selfRating?.strengths ?? '',
			shortcomings: selfRating?.shortcomings ?? ''
		}
	};
}

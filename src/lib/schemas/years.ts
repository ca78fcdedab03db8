// Review year forms. The window order rules mirror the CHECK constraints of migrations/0007 so the
// form answers on the right field before the database has to.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isoDate, optionalText, requiredText, text } from './fields';

import { REPORTING_PERIODS, RULE_SETS } from '$lib/domain/years/settings';

export const WINDOW_FIELDS = [
	'commitment_opens_on',
	'commitment_closes_on',
	'registration_opens_on',
	'registration_closes_on',
	'self_review_opens_on',
	'self_review_closes_on',
	'cell_review_opens_on',
	'cell_review_closes_on',
	'decision_deadline'
] as const;
export type WindowField = (typeof WINDOW_FIELDS)[number];

const positiveId = () =>
	z.coerce
		.number({ error: () => m.v_invalid_choice() })
		.int()
		.positive();

const windowsShape = {
	place: requiredText(100).pipe(z.string().min(2)),
	theme: optionalText(300),
	reporting_period: z.enum(REPORTING_PERIODS).default('quarterly'),
	report_due_days: z.coerce
		.number({ error: () => m.v_invalid() })
		.int({ error: () => m.v_invalid() })
		.min(0, { error: () => m.years_err_report_due_days() })
		.max(60, { error: () => m.years_err_report_due_days() })
		.default(10),
	commitment_opens_on: isoDate(),
	commitment_closes_on: isoDate(),
	registration_opens_on: isoDate(),
	registration_closes_on: isoDate(),
	self_review_opens_on: isoDate(),
	self_review_closes_on: isoDate(),
	cell_review_opens_on: isoDate(),
	cell_review_closes_on: isoDate(),
	decision_deadline: isoDate()
};

const pinsShape = {
	year: z.coerce
		.number({ error: () => m.v_invalid() })
		.int()
		.min(2000, { error: () => m.years_err_year_range() })
		.max(2100, { error: () => m.years_err_year_range() }),
	rule_set: z.enum(RULE_SETS).default('qd366-2025'),
	manifestations_version_id: positiveId(),
	prohibitions_version_id: positiveId(),
	standards_version_id: positiveId()
};

export type WindowProblem = 'window' | 'cell_before_self' | 'decision';

/** Which closing date is out of order, as the database CHECKs would say (first problem each). */
export function windowProblems(
	d: Record<WindowField, string>
): { field: WindowField; problem: WindowProblem }[] {
	const out: { field: WindowField; problem: WindowProblem }[] = [];
	const pairs: [WindowField, WindowField][] = [
		['commitment_opens_on', 'commitment_closes_on'],
		['registration_opens_on', 'registration_closes_on'],
		['self_review_opens_on', 'self_review_closes_on'],
		['cell_review_opens_on', 'cell_review_closes_on']
	];
	for (const [opens, closes] of pairs) {
		if (d[closes] < d[opens]) out.push({ field: closes, problem: 'window' });
	}
	if (d.cell_review_opens_on < d.self_review_opens_on)
		out.push({ field: 'cell_review_opens_on', problem: 'cell_before_self' });
	if (d.decision_deadline < d.cell_review_closes_on)
		out.push({ field: 'decision_deadline', problem: 'decision' });
	return out;
}

export function windowProblemText(problem: WindowProblem): string {
	switch (problem) {
		case 'window':
			return m.years_err_window();
		case 'cell_before_self':
			return m.years_err_cell_before_self();
		case 'decision':
			return m.years_err_decision();
	}
}

function checkWindows(d: Record<WindowField, string>, ctx: z.RefinementCtx): void {
	for (const p of windowProblems(d)) {
		ctx.addIssue({ code: 'custom', path: [p.field], message: windowProblemText(p.problem) });
	}
}

export const yearWindowsSchema = z.object(windowsShape).superRefine(checkWindows);

export const yearPinsSchema = z.object(pinsShape);

export const createYearSchema = z
	.object({ unit_id: positiveId(), ...pinsShape, ...windowsShape })
	.superRefine(checkWindows);

export type YearWindowsInput = z.infer<typeof yearWindowsSchema>;
export type YearPinsInput = z.infer<typeof yearPinsSchema>;

/**
 * Opening: when the pinned catalogs still hold unverified items the form sends the count the
 * person saw and acknowledged; a different count (someone verified or added items meanwhile)
 * asks again.
 */
export const openYearSchema = z.object({
	acknowledged_unverified: z.coerce.number().int().min(0).default(0)
});

export const reopenYearSchema = z.object({ reason: text(5, 500, { multiline: true }) });

/** Windows a year usually has, to start the create form from (the bloc adjusts them). */
export function suggestedWindows(year: number): Record<WindowField, string> {
	return {
		commitment_opens_on: `${year}-01-01`,
		commitment_closes_on: `${year}-01-31`,
		registration_opens_on: `${year}-01-01`,
		registration_closes_on: `${year}-02-28`,
		self_review_opens_on: `${year}-11-15`,
		self_review_closes_on: `${year}-12-10`,
		cell_review_opens_on: `${year}-12-01`,
		cell_review_closes_on: `${year}-12-20`,
		decision_deadline: `${year + 1}-01-15`
	};
}

// Labels shared by the review year pages: statuses, phases, rule sets, and problems as field text.
import type { Problem } from '$lib/domain/result';
import { formatDate } from '$lib/labels';
import type { YearProblem } from '$lib/domain/years/problems';
import { m } from '$lib/paraglide/messages';
import type { Phase, PhaseStatus } from '$lib/domain/years/phases';
import type { WindowField } from '$lib/schemas/years';

export const yearStatusLabel = (s: string): string =>
	s === 'open'
		? m.years_status_open()
		: s === 'closed'
			? m.years_status_closed()
			: m.years_status_draft();

export const yearStatusClass = (s: string): string =>
	s === 'open'
		? 'bg-green-100 text-green-900'
		: s === 'closed'
			? 'bg-stone-200 text-stone-800'
			: 'bg-amber-100 text-amber-900';

export const ruleSetLabel = (r: string): string =>
	r === 'qd124-2023' ? m.years_rule_qd124() : m.years_rule_qd366();

export const reportingLabel = (r: string): string =>
	r === 'monthly' ? m.years_reporting_monthly() : m.years_reporting_quarterly();

export const catalogLabel = (c: string): string =>
	c === 'manifestations'
		? m.catalog_name_manifestations()
		: c === 'prohibitions'
			? m.catalog_name_prohibitions()
			: m.catalog_name_standards();

export const phaseLabel = (p: Phase): string => {
	switch (p) {
		case 'commitment':
			return m.years_phase_commitment();
		case 'registration':
			return m.years_phase_registration();
		case 'self_review':
			return m.years_phase_self_review();
		case 'cell_review':
			return m.years_phase_cell_review();
	}
};

/** "Đang mở, đến hết 31/01/2026" and the like. */
export function phaseStatusText(s: PhaseStatus): string {
	switch (s.state) {
		case 'open':
			return m.years_phase_open({ date: formatDate(s.closesOn) });
		case 'not_yet':
			return m.years_phase_not_yet({ date: formatDate(s.opensOn) });
		case 'ended':
			return m.years_phase_ended({ date: formatDate(s.closedOn) });
		case 'year_closed':
			return m.years_status_closed();
		case 'year_draft':
			return m.years_phase_draft();
	}
}

/** "01/01/2026 – 31/01/2026" */
export const dateRange = (from: string, to: string): string =>
	`${formatDate(from)} – ${formatDate(to)}`;

/** The (opens, closes) field pairs of the phase windows, in form order. */
export const WINDOW_PAIRS: [Phase, WindowField, WindowField][] = [
	['commitment', 'commitment_opens_on', 'commitment_closes_on'],
	['registration', 'registration_opens_on', 'registration_closes_on'],
	['self_review', 'self_review_opens_on', 'self_review_closes_on'],
	['cell_review', 'cell_review_opens_on', 'cell_review_closes_on']
];

/** Words for a problem the server module reported. */
export function problemText(problem: Problem<YearProblem>): string {
	switch (problem.code) {
		case 'year_taken':
			return m.years_err_year_taken();
		case 'year_range':
			return m.years_err_year_range();
		case 'place':
			return m.v_too_short({ min: '2' });
		case 'window':
			return m.years_err_window();
		case 'cell_before_self':
			return m.years_err_cell_before_self();
		case 'decision':
			return m.years_err_decision();
		case 'catalog_mismatch':
			return m.years_err_catalog_mismatch();
		case 'conflict':
			return m.years_err_status();
		case 'unverified':
			return m.years_err_unverified({ count: String(problem.detail?.count ?? 0) });
		default:
			return m.v_invalid_choice();
	}
}

export interface VersionOption {
	id: number;
	catalog: string;
	version: number;
	title: string;
	unverified_count: number;
}

/** Choices for a year's pinned version of `catalog`, newest first, saying which is the latest. */
export function versionOptions(
	versions: VersionOption[],
	catalog: string,
	latestId: number | undefined
): { value: number; label: string }[] {
	return versions
		.filter((v) => v.catalog === catalog)
		.map((v) => {
			const notes = [
				v.id === latestId ? m.catalog_latest() : '',
				v.unverified_count > 0
					? m.catalog_unverified_count({ count: String(v.unverified_count) })
					: ''
			].filter(Boolean);
			const label = m.catalog_version_label({ version: String(v.version) });
			return { value: v.id, label: notes.length ? `${label} (${notes.join('; ')})` : label };
		});
}

export const PIN_FIELDS = [
	['manifestations', 'manifestations_version_id'],
	['prohibitions', 'prohibitions_version_id'],
	['standards', 'standards_version_id']
] as const;

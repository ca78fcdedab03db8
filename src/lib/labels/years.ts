// The review years' words: statuses, phases, rule sets, reporting periods, and why a change to a
// year was refused.
import { CATALOG_ORDER, type CatalogName } from '$lib/domain/commitment/snapshot';
import type { Problem } from '$lib/domain/result';
import type { ReportingPeriod, RuleSet } from '$lib/domain/years/settings';
import type { YearStatus } from '$lib/domain/years/status';
import { formatDate } from './format';
import type { YearProblem } from '$lib/domain/years/problems';
import { m } from '$lib/paraglide/messages';
import type { Phase, PhaseStatus } from '$lib/domain/years/phases';
import type { WindowField } from '$lib/schemas/years';

const yearStatuses: Record<YearStatus, { label: () => string; tone: string }> = {
	draft: { label: m.years_status_draft, tone: 'bg-amber-100 text-amber-900' },
	open: { label: m.years_status_open, tone: 'bg-green-100 text-green-900' },
	closed: { label: m.years_status_closed, tone: 'bg-stone-200 text-stone-800' }
};

export const yearStatusLabel = (s: YearStatus): string => yearStatuses[s].label();
export const yearStatusClass = (s: YearStatus): string => yearStatuses[s].tone;

const ruleSets: Record<RuleSet, () => string> = {
	'qd366-2025': m.years_rule_qd366,
	'qd124-2023': m.years_rule_qd124
};
export const ruleSetLabel = (r: RuleSet): string => ruleSets[r]();

const reportingPeriods: Record<ReportingPeriod, () => string> = {
	monthly: m.years_reporting_monthly,
	quarterly: m.years_reporting_quarterly
};
export const reportingLabel = (r: ReportingPeriod): string => reportingPeriods[r]();

const catalogs: Record<CatalogName, () => string> = {
	manifestations: m.catalog_name_manifestations,
	prohibitions: m.catalog_name_prohibitions,
	standards: m.catalog_name_standards
};
export const catalogLabel = (c: CatalogName): string => catalogs[c]();

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
		case 'report_due_days':
			return m.years_err_report_due_days();
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
		case 'unclassified':
			return m.years_err_unclassified({
				items: CATALOG_ORDER.filter((c) => problem.detail?.[c])
					.map((c) => `${catalogLabel(c)}: ${problem.detail?.[c]}`)
					.join('; ')
			});
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

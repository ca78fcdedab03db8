// Display helpers shared by the follow-up pages and the member's due list.
import type { PhaseStatus } from '$lib/domain/commitment/phases';
import { formatDate, formatDateTime } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

/** When signing opens, until when it is open, or that it closed. */
export function phaseText(phase: PhaseStatus): string {
	switch (phase.state) {
		case 'open':
			return m.commitment_phase_open({ date: formatDate(phase.closesOn) });
		case 'not_yet':
			return m.commitment_phase_not_yet({ date: formatDate(phase.opensOn) });
		case 'ended':
			return m.commitment_phase_ended({ date: formatDate(phase.closedOn) });
		case 'year_closed':
			return m.commitment_phase_year_closed();
		case 'year_draft':
			return m.commitment_phase_year_draft();
	}
}

/** A moment as its calendar date in Vietnam, dd/mm/yyyy. */
export function dayOf(d: Date | string | null): string {
	return d ? formatDateTime(d).slice(0, 10) : '—';
}

const PERCENT = {
	vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }),
	en: new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 })
};

/** Part of whole in percent with at most one decimal ("56,4%"), or "–" when whole is 0. */
export function percentText(part: number, whole: number): string {
	if (whole === 0) return '–';
	const value = Math.round((1000 * part) / whole) / 10;
	return `${PERCENT[getLocale() === 'en' ? 'en' : 'vi'].format(value)}%`;
}

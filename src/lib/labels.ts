// Display labels for codes stored in the database, in the current language.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';

const roles: Record<string, () => string> = {
	cell_secretary: m.role_cell_secretary,
	cell_deputy_secretary: m.role_cell_deputy_secretary,
	cell_committee_member: m.role_cell_committee_member,
	grassroots_committee_member: m.role_grassroots_committee_member,
	bloc_standing_committee: m.role_bloc_standing_committee,
	organization_department: m.role_organization_department,
	inspection_commission: m.role_inspection_commission,
	system_admin: m.role_system_admin
};

const kinds: Record<string, () => string> = {
	bloc: m.kind_bloc,
	grassroots_committee: m.kind_grassroots_committee,
	partial_committee: m.kind_partial_committee,
	grassroots_cell: m.kind_grassroots_cell,
	cell: m.kind_cell
};

export const roleLabel = (role: string): string => roles[role]?.() ?? role;
export const unitKindLabel = (kind: string): string => kinds[kind]?.() ?? kind;

const statuses: Record<string, () => string> = {
	probationary: m.status_probationary,
	official: m.status_official,
	exempted: m.status_exempted,
	suspended: m.status_suspended
};

const endReasons: Record<string, () => string> = {
	transfer: m.end_reason_transfer,
	transfer_out: m.end_reason_transfer_out,
	unit_merged: m.end_reason_unit_merged,
	unit_dissolved: m.end_reason_unit_dissolved,
	deceased: m.end_reason_deceased,
	expelled: m.end_reason_expelled,
	left: m.end_reason_left,
	correction: m.end_reason_correction
};

export const statusLabel = (s: string | null): string => (s ? (statuses[s]?.() ?? s) : '—');
export const endReasonLabel = (s: string | null): string => (s ? (endReasons[s]?.() ?? s) : '');
export const genderLabel = (g: string | null): string =>
	g === 'male' ? m.gender_male() : g === 'female' ? m.gender_female() : '—';

/** 'YYYY-MM-DD' → 'dd/mm/yyyy', the way dates are written in Vietnam (and fine in English). */
export function formatDate(iso: string | null | undefined): string {
	if (!iso) return '—';
	const [y, mo, d] = iso.slice(0, 10).split('-');
	return `${d}/${mo}/${y}`;
}

// Built once: toLocaleString and a new Intl formatter per call cost more than the rest of a table
// row's rendering (measured with npm run bench:http).
const NUMBER = { vi: new Intl.NumberFormat('vi-VN'), en: new Intl.NumberFormat('en-US') };
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
	timeZone: 'Asia/Ho_Chi_Minh',
	day: '2-digit',
	month: '2-digit',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	hour12: false
});

/** 2712 → "2.712" in Vietnamese (the dot groups thousands), "2,712" in English. */
export function formatNumber(n: number): string {
	// Most counts on a page have no thousands to group: the same text, without Intl.
	if (Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
	return NUMBER[getLocale() === 'en' ? 'en' : 'vi'].format(n);
}

const commitmentStates: Record<string, () => string> = {
	not_started: m.commitment_state_not_started,
	draft: m.commitment_state_draft,
	signed: m.commitment_state_signed,
	returned: m.commitment_state_returned,
	confirmed: m.commitment_state_confirmed
};

export const commitmentStateLabel = (s: string): string => commitmentStates[s]?.() ?? s;

/** dd/mm/yyyy hh:mm in Vietnam time. */
export function formatDateTime(d: Date | string): string {
	const parts = DATE_TIME.formatToParts(new Date(d));
	const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
	return `${get('day')}/${get('month')}/${get('year')} ${get('hour')}:${get('minute')}`;
}

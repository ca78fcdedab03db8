// The organization's words: roles, unit kinds, member statuses, membership end reasons, account
// statuses. Each map covers every value of its type, so a new value without words fails to compile.
import type { EndReason, MemberStatus } from '$lib/domain/members';
import type { Role, UnitKind } from '$lib/domain/roles';
import { m } from '$lib/paraglide/messages';
import type { AccountStatus } from '$lib/schemas/accounts';
import { lookup } from './lookup';

const roles: Record<Role, () => string> = {
	cell_secretary: m.role_cell_secretary,
	cell_deputy_secretary: m.role_cell_deputy_secretary,
	cell_committee_member: m.role_cell_committee_member,
	grassroots_committee_member: m.role_grassroots_committee_member,
	bloc_standing_committee: m.role_bloc_standing_committee,
	organization_department: m.role_organization_department,
	inspection_commission: m.role_inspection_commission,
	system_admin: m.role_system_admin
};

const kinds: Record<UnitKind, () => string> = {
	bloc: m.kind_bloc,
	grassroots_committee: m.kind_grassroots_committee,
	partial_committee: m.kind_partial_committee,
	grassroots_cell: m.kind_grassroots_cell,
	cell: m.kind_cell
};

export const roleLabel = (role: string): string => lookup(roles, role);
export const unitKindLabel = (kind: string): string => lookup(kinds, kind);

const statuses: Record<MemberStatus, () => string> = {
	probationary: m.status_probationary,
	official: m.status_official,
	exempted: m.status_exempted,
	suspended: m.status_suspended
};

const endReasons: Record<EndReason, () => string> = {
	transfer: m.end_reason_transfer,
	transfer_out: m.end_reason_transfer_out,
	unit_merged: m.end_reason_unit_merged,
	unit_dissolved: m.end_reason_unit_dissolved,
	deceased: m.end_reason_deceased,
	expelled: m.end_reason_expelled,
	// Leaving other than by expulsion ends in the name being struck off the rolls ("xóa tên"):
	// Điều lệ Đảng Art. 8, and Hướng dẫn 01-HD/TW (2016) 11.2 for a member who asks to leave.
	left: m.end_reason_left,
	correction: m.end_reason_correction
};

export const statusLabel = (s: string | null): string => (s ? lookup(statuses, s) : '—');
export const endReasonLabel = (s: string | null): string => (s ? lookup(endReasons, s) : '');
export const genderLabel = (g: string | null): string =>
	g === 'male' ? m.gender_male() : g === 'female' ? m.gender_female() : '—';

const accountStatuses: Record<AccountStatus, { label: () => string; tone: string }> = {
	active: { label: m.admin_status_active, tone: 'bg-green-100 text-green-900' },
	disabled: { label: m.admin_status_disabled, tone: 'bg-stone-200 text-stone-800' },
	pending: { label: m.admin_status_pending, tone: 'bg-amber-100 text-amber-900' }
};

export const accountStatusLabel = (s: AccountStatus): string => accountStatuses[s].label();
export const accountStatusClass = (s: AccountStatus): string => accountStatuses[s].tone;

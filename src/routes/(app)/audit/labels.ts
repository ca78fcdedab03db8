// How audit rows read to a person: Vietnamese action and field names, dates as dd/mm/yyyy, codes
// as their labels, unit ids as unit names.
import {
	commitmentStateLabel,
	endReasonLabel,
	formatDate,
	roleLabel,
	statusLabel,
	unitKindLabel
} from '$lib/labels';
export { formatDateTime } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

const actions: Record<string, () => string> = {
	'member.read': m.audit_action_member_read,
	'member.updated': m.audit_action_member_updated,
	'member.created': m.audit_action_member_created,
	'membership.started': m.audit_action_membership_started,
	'membership.ended': m.audit_action_membership_ended,
	'unit.created': m.audit_action_unit_created,
	'unit.renamed': m.audit_action_unit_renamed,
	'unit.updated': m.audit_action_unit_renamed,
	'unit.moved': m.audit_action_unit_moved,
	'unit.dissolved': m.audit_action_unit_dissolved,
	'unit.merged': m.audit_action_unit_merged,
	'role.assigned': m.audit_action_role_assigned,
	'role.ended': m.audit_action_role_ended,
	'import.applied': m.audit_action_import_applied,
	'account.created': m.audit_action_account_created,
	'account.activated': m.audit_action_account_activated,
	'account.activation_issued': m.audit_action_account_activation_issued,
	'account.disabled': m.audit_action_account_disabled,
	'account.enabled': m.audit_action_account_enabled,
	'account.locale_changed': m.audit_action_account_locale_changed,
	'account.password_changed': m.audit_action_account_password_changed,
	'account.password_reset': m.audit_action_account_password_reset,
	'account.renamed': m.audit_action_account_renamed,
	'catalog_item.updated': m.audit_action_catalog_item_updated,
	'catalog_version.created': m.audit_action_catalog_version_created,
	'session.login': m.audit_action_session_login,
	'session.logout': m.audit_action_session_logout,
	'session.logout_others': m.audit_action_session_logout_others,
	'commitment.signed': m.audit_action_commitment_signed,
	'commitment.confirmed': m.audit_action_commitment_confirmed,
	'commitment.returned': m.audit_action_commitment_returned,
	'commitment.amendment_started': m.audit_action_commitment_amendment_started,
	'commitment.amendment_discarded': m.audit_action_commitment_amendment_discarded,
	'commitment.exported': m.audit_action_commitment_exported,
	'commitment.reminders_sent': m.audit_action_commitment_reminders_sent,
	'commitment.integrity_checked': m.audit_action_commitment_integrity_checked,
	'registration.submitted': m.audit_action_registration_submitted,
	'registration.approved': m.audit_action_registration_approved,
	'registration.returned': m.audit_action_registration_returned,
	'registration.edit_started': m.audit_action_registration_edit_started,
	'registration.edit_discarded': m.audit_action_registration_edit_discarded,
	'registration.acknowledged': m.audit_action_registration_acknowledged,
	'task.assigned': m.audit_action_task_assigned,
	'task.withdrawn': m.audit_action_task_withdrawn,
	'action_template.proposed': m.audit_action_template_proposed,
	'action_template.withdrawn': m.audit_action_template_withdrawn,
	'review_year.created': m.audit_action_review_year_created,
	'review_year.updated': m.audit_action_review_year_updated,
	'review_year.opened': m.audit_action_review_year_opened,
	'review_year.closed': m.audit_action_review_year_closed,
	'review_year.reopened': m.audit_action_review_year_reopened,
	'report.submitted': m.audit_action_report_submitted,
	'report.commented': m.audit_action_report_commented,
	'meeting.recorded': m.audit_action_meeting_recorded,
	'meeting.minutes_downloaded': m.audit_action_meeting_minutes_downloaded,
	'exemplary.proposed': m.audit_action_exemplary_proposed,
	'exemplary.approved': m.audit_action_exemplary_approved,
	'exemplary.declined': m.audit_action_exemplary_declined,
	'rating_fact.discipline_recorded': m.audit_action_rating_fact_discipline_recorded,
	'rating_fact.discipline_withdrawn': m.audit_action_rating_fact_discipline_withdrawn,
	'rating_fact.leave_recorded': m.audit_action_rating_fact_leave_recorded,
	'rating_fact.leave_withdrawn': m.audit_action_rating_fact_leave_withdrawn,
	'rating_fact.year_saved': m.audit_action_rating_fact_year_saved,
	'self_review.submitted': m.audit_action_self_review_submitted,
	'self_review.confirmed': m.audit_action_self_review_confirmed,
	'rating.proposed': m.audit_action_rating_proposed,
	'rating.decided': m.audit_action_rating_decided,
	'rating.approved': m.audit_action_rating_approved,
	'rating.rerated': m.audit_action_rating_rerated,
	'rating.cancelled': m.audit_action_rating_cancelled
};

const entities: Record<string, () => string> = {
	member: m.audit_entity_member,
	membership: m.audit_entity_membership,
	unit: m.audit_entity_unit,
	account: m.audit_entity_account,
	role_assignment: m.audit_entity_role_assignment,
	import: m.audit_entity_import,
	commitment: m.audit_entity_commitment,
	review_year: m.audit_entity_review_year,
	registration: m.audit_entity_registration,
	action_template: m.audit_entity_action_template,
	assigned_task: m.audit_entity_assigned_task,
	period_report: m.audit_entity_period_report,
	member_comment: m.audit_entity_member_comment,
	cell_meeting: m.audit_entity_cell_meeting,
	exemplary_proposal: m.audit_entity_exemplary_proposal
};

const fields: Record<string, () => string> = {
	card_no: m.member_card_no,
	full_name: m.member_full_name,
	birth_date: m.member_birth_date,
	gender: m.member_gender,
	joined_on: m.member_joined_on,
	full_member_on: m.member_full_member_on,
	party_position: m.member_party_position,
	government_position: m.member_government_position,
	mass_org_position: m.member_mass_org_position,
	workplace: m.member_workplace,
	theme: m.years_theme,
	phone: m.member_phone,
	email: m.member_email,
	unit_id: m.audit_field_unit_id,
	member_id: m.audit_field_member_id,
	started_on: m.audit_field_started_on,
	ended_on: m.audit_field_ended_on,
	end_reason: m.audit_field_end_reason,
	role: m.audit_field_role,
	code: m.audit_field_code,
	name: m.audit_field_name,
	kind: m.audit_field_kind,
	parent_id: m.audit_field_parent_id,
	path: m.audit_field_path,
	dissolved_on: m.audit_field_dissolved_on,
	merged_into_id: m.audit_field_merged_into_id,
	members_moved: m.audit_field_members_moved,
	units_moved: m.audit_field_units_moved,
	status: m.audit_field_status,
	account_id: m.audit_field_account_id,
	locale: m.audit_field_locale,
	login: m.audit_field_login,
	display_name: m.audit_field_display_name,
	decision: m.audit_field_decision,
	version: m.audit_field_version,
	year: m.audit_field_year,
	reminded: m.audit_field_reminded,
	notified: m.audit_field_notified,
	checked: m.audit_field_checked,
	mismatched: m.audit_field_mismatched,
	reason: m.audit_field_reason,
	format: m.audit_field_format,
	subject_type: m.audit_field_subject_type,
	temporary_cell: m.audit_field_temporary_cell,
	concluded_decline: m.audit_field_concluded_decline,
	concluded_prohibited_breach: m.audit_field_concluded_prohibited_breach,
	civil_service_level: m.audit_field_civil_service_level
};

export const actionLabel = (action: string): string => actions[action]?.() ?? action;
export const entityLabel = (type: string): string => entities[type]?.() ?? type;

/** "Field: before → after" lines, or "Field: value" for plain counts. */
export function formatChanges(changes: unknown, unitNames: Record<string, string>): string[] {
	if (!changes || typeof changes !== 'object') return [];
	// Paths and internal ids say nothing to a reader; the entry's record already names the member.
	const hidden = new Set(['path', 'member_id', 'account_id', 'snapshot_sha256']);
	return Object.entries(changes as Record<string, unknown>)
		.filter(([k]) => !hidden.has(k))
		.map(([k, v]) => {
			const label = fields[k]?.() ?? k;
			return Array.isArray(v) && v.length === 2
				? `${label}: ${show(k, v[0], unitNames)} → ${show(k, v[1], unitNames)}`
				: `${label}: ${show(k, v, unitNames)}`;
		});
}

function show(field: string, v: unknown, unitNames: Record<string, string>): string {
	if (v === null || v === undefined || v === '') return '—';
	if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDate(v);
	if (field === 'unit_id' || field === 'parent_id' || field === 'merged_into_id')
		return unitNames[String(v)] ?? `#${v}`;
	if (field === 'end_reason') return endReasonLabel(String(v));
	if (field === 'role') return roleLabel(String(v));
	if (field === 'status') return statusLabel(String(v));
	if (field === 'kind') return unitKindLabel(String(v));
	if (field === 'decision') return commitmentStateLabel(String(v));
	return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

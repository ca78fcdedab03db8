import { m } from '$lib/paraglide/messages';

const actions: Record<string, () => string> = {
	'member.read': m.audit_action_member_read,
	'member.updated': m.audit_action_member_updated,
	'membership.started': m.audit_action_membership_started,
	'membership.ended': m.audit_action_membership_ended,
	'unit.created': m.audit_action_unit_created,
	'unit.renamed': m.audit_action_unit_renamed,
	'unit.moved': m.audit_action_unit_moved,
	'unit.dissolved': m.audit_action_unit_dissolved,
	'unit.merged': m.audit_action_unit_merged,
	'role.assigned': m.audit_action_role_assigned,
	'role.ended': m.audit_action_role_ended
};

export const actionLabel = (action: string): string => actions[action]?.() ?? action;

/** "field: before → after" lines; plain values are shown as they are. */
export function formatChanges(changes: unknown): string[] {
	if (!changes || typeof changes !== 'object') return [];
	return Object.entries(changes as Record<string, unknown>).map(([k, v]) =>
		Array.isArray(v) && v.length === 2 ? `${k}: ${show(v[0])} → ${show(v[1])}` : `${k}: ${show(v)}`
	);
}

function show(v: unknown): string {
	return v === null || v === undefined
		? '∅'
		: typeof v === 'object'
			? JSON.stringify(v)
			: String(v);
}

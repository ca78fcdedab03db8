// Tree changes the database refused, as field messages. Most are checked before writing; these
// remain for what changes between the check and the write (another person's edit meanwhile).
import { setError, type SuperValidated } from 'sveltekit-superforms';
import { m } from '$lib/paraglide/messages';
import { constraintOf } from '$lib/server/db/errors';

const TEXTS = new Map<string, () => string>([
	['org_units_code_key', m.manage_err_code_taken],
	['org_units_parent_kind_check', m.manage_err_parent_kind],
	['org_units_cycle_check', m.manage_err_cycle],
	['org_units_parent_active_check', m.manage_err_parent_dissolved]
]);

// In a merge, the sub-units' new parent and the members' new cell are both the receiving unit.
const MERGE_TEXTS = new Map<string, () => string>([
	...TEXTS,
	['org_units_parent_active_check', m.manage_err_target_dissolved],
	['memberships_unit_active_check', m.manage_err_target_dissolved]
]);

/** Maps a tree constraint violation to a message on `field`; rethrows anything else. */
export function treeError<T extends Record<string, unknown>>(
	form: SuperValidated<T>,
	field: string,
	err: unknown,
	change: 'edit' | 'merge' = 'edit'
) {
	const c = constraintOf(err);
	const text = c ? (change === 'merge' ? MERGE_TEXTS : TEXTS).get(c) : undefined;
	if (!text) throw err;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any
	return setError(form, field as any, text());
}

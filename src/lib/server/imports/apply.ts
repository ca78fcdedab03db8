// Writes a plan inside the caller's transaction, with one audit row per created or changed unit,
// member, membership and account, and one 'import.applied' row with the counts.
import { recordMany, type AuditContext } from '../audit/log';
import type { Db } from '../db/connect';
import { applyMembers } from './apply-members';
import { applyUnits } from './apply-units';
import { commonPath, toEntries, unitPaths } from './drafts';
import type { Plan } from './plan';
import type { Counts } from './types';

export async function applyPlan(
	trx: Db,
	who: AuditContext,
	plan: Plan,
	counts: Counts,
	today: string
): Promise<void> {
	const units = await applyUnits(trx, plan.units, plan.dbUnits);
	const memberDrafts = await applyMembers(trx, plan.members, units.ids, today);
	const drafts = [...units.drafts, ...memberDrafts];
	const paths = await unitPaths(
		trx,
		drafts.map((d) => d.unitId)
	);
	const entries = toEntries(drafts, paths);
	// Counts only: the import row must not repeat names or card numbers.
	entries.push({
		action: 'import.applied',
		entityType: 'import',
		entityId: null,
		unitPath: commonPath(paths.values()),
		changes: {
			units_created: counts.units.create,
			units_updated: counts.units.update,
			units_unchanged: counts.units.unchanged,
			members_created: counts.members.create,
			members_updated: counts.members.update,
			members_unchanged: counts.members.unchanged,
			transfers: counts.members.transfer,
			status_changes: counts.members.status
		}
	});
	await recordMany(trx, who, entries);
}

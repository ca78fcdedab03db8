// The tamper check: recompute the hash and the keyed seal of every signed commitment in a scope
// and report those that no longer match. The app's database role may not change the table, and a
// trigger refuses every change, but the owner of the tables can disable triggers and anyone can
// edit the files: this is how such an edit shows, even one that rewrote the hash and the code.
import { sql, type SqlBool } from 'kysely';
import { scopePaths } from '../access/actor';
import { auditCtx, type Ctx } from '../access/guard';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { INTEGRITY_COLUMNS, isIntact } from './documents';

export interface Mismatch {
	id: number;
	member_id: number;
	/** From the member's record: the snapshot's copy is the part that cannot be trusted. */
	member_name: string;
	cell: string;
	year: number;
	version: number;
}

export interface IntegrityReport {
	checked: number;
	mismatches: Mismatch[];
}

// Snapshots are a few kilobytes each: 500 rows per round trip keeps memory flat for any bloc.
const BATCH = 500;

/** Checks every commitment signed in a cell under one of the `scope` paths (or all of them). */
export async function checkIntegrity(
	db: Db,
	scope: readonly string[] | 'all',
	batchSize = BATCH
): Promise<IntegrityReport> {
	const report: IntegrityReport = { checked: 0, mismatches: [] };
	if (scope !== 'all' && scope.length === 0) return report;
	let after = 0;
	for (;;) {
		const rows = await db
			.selectFrom('commitments as c')
			.innerJoin('org_units as u', 'u.id', 'c.unit_id')
			.innerJoin('review_years as y', 'y.id', 'c.year_id')
			.innerJoin('members as m', 'm.id', 'c.member_id')
			.select([
				'c.id',
				...INTEGRITY_COLUMNS,
				'm.full_name as member_name',
				'u.name as cell',
				'y.year'
			])
			.where('c.id', '>', after)
			.$if(scope !== 'all', (q) =>
				q.where((eb) =>
					eb.or(
						(scope as readonly string[]).map(
							(p) => sql<SqlBool>`${eb.ref('u.path')} like ${p + '%'}`
						)
					)
				)
			)
			.orderBy('c.id')
			.limit(batchSize)
			.execute();
		for (const r of rows) {
			if (!isIntact(r))
				report.mismatches.push({
					id: r.id,
					member_id: r.member_id,
					member_name: r.member_name,
					cell: r.cell,
					year: r.year,
					version: r.version
				});
		}
		report.checked += rows.length;
		if (rows.length < batchSize) return report;
		after = rows[rows.length - 1].id;
	}
}

/** The check over the actor's 'year.manage' scope, audited with its counts. */
export async function runIntegrityCheck(ctx: Ctx): Promise<IntegrityReport> {
	const scope = scopePaths(ctx.actor, 'year.manage');
	const report = await checkIntegrity(ctx.db, scope);
	// One row per subtree checked, so each shows in the history of the unit it covers.
	await audit.recordMany(
		ctx.db,
		auditCtx(ctx),
		scope.map((path) => ({
			action: 'commitment.integrity_checked',
			entityType: 'commitment',
			unitPath: path,
			changes: { checked: report.checked, mismatched: report.mismatches.length }
		}))
	);
	return report;
}

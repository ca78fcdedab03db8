// The member's side: open this year's commitment, save the draft, sign, amend. Every change checks
// the phase window and the state machine first, then writes in one transaction with its audit row.
import { sql } from 'kysely';
import { snapshotHash, verificationCode } from '$lib/domain/commitment/canonical';
import { namesMatch } from '$lib/domain/commitment/name-match';
import { phaseStatus, type PhaseStatus } from '$lib/domain/commitment/phases';
import type { AreaCode } from '$lib/domain/commitment/snapshot';
import { can, type CommitmentAction } from '$lib/domain/commitment/states';
import { todayInVietnam } from '$lib/domain/dates';
import { auditCtx, type Ctx } from '../access/guard';
import * as audit from '../audit/log';
import { confirmPassword } from '../auth/login';
import { loadCatalogs } from '../catalogs/read';
import { findYearForPath, type ReviewYear } from '../years/read';
import { getSnapshot, loadChain, type Chain } from './chain';
import { compose, findCurrentCell, personalItems, snapshotOf, type Composition } from './compose';

export interface MemberCommitment {
	year: ReviewYear;
	composition: Composition;
	chain: Chain;
	phase: PhaseStatus;
	personal: Record<AreaCode, string[]>;
}

/** The actor's own commitment for `yearNumber`, or undefined when no such year applies to them. */
export async function openOwn(ctx: Ctx, yearNumber: number): Promise<MemberCommitment | undefined> {
	const memberId = ctx.actor.memberId;
	if (!memberId) return undefined;
	const cell = await findCurrentCell(ctx.db, memberId);
	if (!cell) return undefined;
	const year = await findYearForPath(ctx.db, cell.path, yearNumber);
	if (!year) return undefined;
	const [composition, chain] = await Promise.all([
		compose(ctx.db, memberId, year),
		loadChain(ctx.db, memberId, year.id)
	]);
	if (!composition) return undefined;
	// What the form shows: the draft, else the latest signed version's own items.
	const personal = chain.draft
		? personalItems(chain.draft.personal_items)
		: chain.latest
			? Object.fromEntries(
					(await getSnapshot(ctx.db, chain.latest.id)).areas.map((a) => [a.code, a.personal])
				)
			: personalItems(null);
	return {
		year,
		composition,
		chain,
		phase: phaseStatus(year, 'commitment', todayInVietnam()),
		personal: personal as Record<AreaCode, string[]>
	};
}

export type Refusal =
	| { kind: 'phase'; phase: PhaseStatus }
	| { kind: 'state' }
	| { kind: 'password' }
	| { kind: 'throttled'; minutes: number }
	| { kind: 'name' }
	| { kind: 'unchanged' };

function gate(c: MemberCommitment, action: CommitmentAction): Refusal | undefined {
	if (c.phase.state !== 'open') return { kind: 'phase', phase: c.phase };
	// Saving a draft from "not started" and signing it are one step in the form.
	const state = c.chain.state === 'not_started' && action === 'sign' ? 'draft' : c.chain.state;
	return can(state, 'member', action) ? undefined : { kind: 'state' };
}

async function writeDraft(ctx: Ctx, c: MemberCommitment, personal: Record<AreaCode, string[]>) {
	await ctx.db
		.insertInto('commitment_drafts')
		.values({
			member_id: ctx.actor.memberId!,
			year_id: c.year.id,
			personal_items: JSON.stringify(personal)
		})
		.onConflict((oc) =>
			oc.columns(['member_id', 'year_id']).doUpdateSet({ personal_items: JSON.stringify(personal) })
		)
		.execute();
}

export async function saveDraft(
	ctx: Ctx,
	c: MemberCommitment,
	personal: Record<AreaCode, string[]>
): Promise<Refusal | undefined> {
	const refused = gate(c, 'save_draft');
	if (refused) return refused;
	await writeDraft(ctx, c, personal);
	return undefined;
}

/** Starts an amendment of the latest signed version: a draft holding its own items. */
export async function amend(ctx: Ctx, c: MemberCommitment): Promise<Refusal | undefined> {
	const refused = gate(c, 'amend');
	if (refused) return refused;
	await ctx.db.transaction().execute(async (trx) => {
		await writeDraft({ ...ctx, db: trx }, c, c.personal);
		await audit.record(trx, auditCtx(ctx), {
			action: 'commitment.amendment_started',
			entityType: 'commitment',
			entityId: c.chain.latest!.id,
			unitPath: c.composition.cell.path
		});
	});
	return undefined;
}

/** Drops an amendment in progress; the signed version stands as it was. */
export async function discardAmendment(ctx: Ctx, c: MemberCommitment): Promise<boolean> {
	if (!c.chain.latest || !c.chain.draft) return false;
	await ctx.db
		.deleteFrom('commitment_drafts')
		.where('member_id', '=', ctx.actor.memberId!)
		.where('year_id', '=', c.year.id)
		.execute();
	return true;
}

export interface SignInput {
	personal: Record<AreaCode, string[]>;
	typedName: string;
	password: string;
	ip: string;
	userAgent: string | null;
}

export async function sign(
	ctx: Ctx,
	c: MemberCommitment,
	input: SignInput
): Promise<Refusal | { id: number; code: string }> {
	const refused = gate(c, 'sign');
	if (refused) return refused;
	const check = await confirmPassword(ctx.db, {
		accountId: ctx.actor.accountId,
		password: input.password
	});
	if (check === 'invalid') return { kind: 'password' };
	if (typeof check === 'object') return { kind: 'throttled', minutes: check.throttled };
	if (!namesMatch(input.typedName, c.composition.member.full_name)) return { kind: 'name' };

	const memberId = ctx.actor.memberId!;
	const versionIds = [
		c.year.manifestations_version_id,
		c.year.prohibitions_version_id,
		c.year.standards_version_id
	];

	return ctx.db.transaction().execute(async (trx) => {
		// One signature at a time per member: the lock orders concurrent submissions, and the
		// chain is read again under it.
		await trx.selectFrom('members').select('id').where('id', '=', memberId).forUpdate().execute();
		// The catalog editor locks a version to change it: sharing that lock means the texts read
		// here are the texts frozen below.
		await trx
			.selectFrom('catalog_versions')
			.select('id')
			.where('id', 'in', versionIds)
			.forShare()
			.execute();
		const catalogs = await loadCatalogs(trx, versionIds);
		const snapshot = snapshotOf(
			{ ...c.composition, catalogs },
			input.personal,
			input.typedName,
			todayInVietnam()
		);
		const hash = snapshotHash(snapshot);
		const latest = await trx
			.selectFrom('commitments')
			.select(['id', 'version', 'snapshot_sha256'])
			.where('member_id', '=', memberId)
			.where('year_id', '=', c.year.id)
			.orderBy('version', 'desc')
			.limit(1)
			.executeTakeFirst();
		if ((latest?.id ?? null) !== (c.chain.latest?.id ?? null)) return { kind: 'state' as const };
		if (latest?.snapshot_sha256 === hash) return { kind: 'unchanged' as const };
		const code = verificationCode(hash);
		const row = await trx
			.insertInto('commitments')
			.values({
				member_id: memberId,
				year_id: c.year.id,
				unit_id: c.composition.cell.id,
				version: (latest?.version ?? 0) + 1,
				supersedes_id: latest?.id ?? null,
				snapshot: JSON.stringify(snapshot),
				snapshot_sha256: hash,
				verification_code: code,
				signer_account_id: ctx.actor.accountId,
				client_ip: input.ip,
				user_agent: input.userAgent?.slice(0, 500) ?? null
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		// The catalog versions quoted are now part of a signed record: freeze them.
		await trx
			.updateTable('catalog_versions')
			.set({ frozen_at: sql<Date>`now()` })
			.where('id', 'in', versionIds)
			.where('frozen_at', 'is', null)
			.execute();
		await trx
			.deleteFrom('commitment_drafts')
			.where('member_id', '=', memberId)
			.where('year_id', '=', c.year.id)
			.execute();
		await audit.record(trx, auditCtx(ctx), {
			action: 'commitment.signed',
			entityType: 'commitment',
			entityId: row.id,
			unitPath: c.composition.cell.path,
			changes: {
				version: [latest?.version ?? null, (latest?.version ?? 0) + 1],
				snapshot_sha256: [null, hash]
			}
		});
		return { id: row.id, code };
	});
}

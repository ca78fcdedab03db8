// The member's side: open this year's commitment, save the draft, sign, amend. Every change checks
// the phase window and the state machine first, then writes in one transaction with its audit row.
import { snapshotHash, verificationCode } from '$lib/domain/commitment/canonical';
import { namesMatch } from '$lib/domain/commitment/name-match';
import { ok, refuse, type Refused, type Result } from '$lib/domain/result';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import { previewDigest } from '$lib/domain/commitment/preview';
import type { AreaCode, CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { can, type CommitmentAction } from '$lib/domain/commitment/states';
import { todayInVietnam } from '$lib/domain/dates';
import { auditCtx, ownMember, type Ctx } from '../access/guard';
import * as audit from '../audit/log';
import { confirmPassword } from '../auth/login';
import { constraintOf } from '../db/errors';
import { freeze, readForQuoting } from '../catalogs/freeze';
import type { Db } from '../db/connect';
import { findYearForPath, pinnedIds, type ReviewYear } from '../years/read';
import { getSnapshot, loadChain, type Chain } from './chain';
import { sealFor } from './seal';
import { findCurrentCell } from '../members/read';
import { compose, personalItems, snapshotOf, type Composition } from './compose';

export interface MemberCommitment {
	year: ReviewYear;
	composition: Composition;
	chain: Chain;
	phase: PhaseStatus;
	personal: Record<AreaCode, string[]>;
}

/** The actor's own commitment for `yearNumber`, or undefined when no such year applies to them. */
export async function openOwn(ctx: Ctx, yearNumber: number): Promise<MemberCommitment | undefined> {
	const own = ownMember(ctx);
	if (!own) return undefined;
	const cell = await findCurrentCell(ctx.db, own.id);
	if (!cell) return undefined;
	const year = await findYearForPath(ctx.db, cell.path, yearNumber);
	if (!year) return undefined;
	const [composition, chain] = await Promise.all([
		compose(ctx.db, own.id, year),
		loadChain(ctx.db, own, year.id)
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

/**
 * - `phase`: the signing window is not open (the page's `phase` says when it opens or closed);
 * - `conflict`: the commitment's state does not allow this (another tab or the cell acted);
 * - `throttled`: `detail.minutes` until the password may be tried again;
 * - `stale`: the texts changed since the page was shown (or the form did not say what it showed).
 */
export type CommitmentProblem =
	'phase' | 'conflict' | 'password' | 'throttled' | 'name' | 'unchanged' | 'stale';
type Refusal = Refused<CommitmentProblem>;
type Done = Result<undefined, CommitmentProblem>;

function gate(c: MemberCommitment, action: CommitmentAction): Refusal | undefined {
	if (c.phase.state !== 'open') return refuse('phase');
	// Saving a draft from "not started" and signing it are one step in the form.
	const state = c.chain.state === 'not_started' && action === 'sign' ? 'draft' : c.chain.state;
	return can(state, 'member', action) ? undefined : refuse('conflict');
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
): Promise<Done> {
	const refused = gate(c, 'save_draft');
	if (refused) return refused;
	await writeDraft(ctx, c, personal);
	return ok();
}

/** Starts an amendment of the latest signed version: a draft holding its own items. */
export async function amend(ctx: Ctx, c: MemberCommitment): Promise<Done> {
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
	return ok();
}

/** Drops an amendment in progress; the signed version stands as it was. */
export async function discardAmendment(ctx: Ctx, c: MemberCommitment): Promise<Done> {
	// The window that allows starting an amendment is the one that allows dropping it: outside
	// it the commitment stays as the cell will find it.
	if (c.phase.state !== 'open') return refuse('phase');
	// Only an amendment: a first draft has no signed version to fall back to.
	const latest = c.chain.latest;
	if (c.chain.state !== 'draft' || !latest) return refuse('conflict');
	return ctx.db.transaction().execute(async (trx): Promise<Done> => {
		const deleted = await trx
			.deleteFrom('commitment_drafts')
			.where('member_id', '=', ctx.actor.memberId!)
			.where('year_id', '=', c.year.id)
			.executeTakeFirst();
		// A second click, or another tab, got there first: nothing changed, nothing to record.
		if (deleted.numDeletedRows === 0n) return refuse('conflict');
		await audit.record(trx, auditCtx(ctx), {
			action: 'commitment.amendment_discarded',
			entityType: 'commitment',
			entityId: latest.id,
			unitPath: c.composition.cell.path
		});
		return ok();
	});
}

/** The digest of the text the commitment page shows now, for the sign form to send back. */
export function previewOf(c: MemberCommitment): string {
	return previewDigest(
		snapshotOf(c.composition, c.personal, c.composition.member.full_name, todayInVietnam())
	);
}

export interface SignInput {
	personal: Record<AreaCode, string[]>;
	typedName: string;
	/** previewOf() as the page that was signed showed it. */
	preview: string;
	password: string;
	ip: string;
	userAgent: string | null;
}

/** Database refusals a signature can meet when another request changed the chain or the year. */
const SIGN_RACES = [
	'commitments_confirmed_final_check',
	'commitments_version_chain_check',
	'commitments_year_open_check'
];

export interface Signed {
	id: number;
	code: string;
}

export async function sign(
	ctx: Ctx,
	c: MemberCommitment,
	input: SignInput
): Promise<Result<Signed, CommitmentProblem>> {
	const refused = gate(c, 'sign') ?? (await checkSigner(ctx, c, input));
	if (refused) return refused;
	try {
		return await ctx.db.transaction().execute((trx) => signLocked({ ...ctx, db: trx }, c, input));
	} catch (err) {
		// The cell confirmed the latest version, or the year closed, while this was on its way.
		if (SIGN_RACES.includes(constraintOf(err) ?? '')) return refuse('conflict');
		throw err;
	}
}

/** The step-up password and the typed name: the person at the keyboard is the member. */
async function checkSigner(
	ctx: Ctx,
	c: MemberCommitment,
	input: SignInput
): Promise<Refusal | undefined> {
	const check = await confirmPassword(ctx.db, {
		accountId: ctx.actor.accountId,
		password: input.password
	});
	if (!check.ok)
		return check.problem.code === 'invalid'
			? refuse('password', { field: 'password' })
			: refuse('throttled', { detail: check.problem.detail });
	if (!namesMatch(input.typedName, c.composition.member.full_name))
		return refuse('name', { field: 'typed_name' });
	return undefined;
}

/** The latest signed version of the member's commitment for the year. */
function latestSigned(trx: Db, memberId: number, yearId: number) {
	return trx
		.selectFrom('commitments')
		.select(['id', 'version', 'snapshot_sha256'])
		.where('member_id', '=', memberId)
		.where('year_id', '=', yearId)
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirst();
}

/** Inside the transaction (`ctx.db` is it): reads the chain and the texts again, under locks. */
async function signLocked(
	ctx: Ctx,
	c: MemberCommitment,
	input: SignInput
): Promise<Result<Signed, CommitmentProblem>> {
	const trx = ctx.db;
	const memberId = ctx.actor.memberId!;
	const versionIds = pinnedIds(c.year);
	// One signature at a time per member: the lock orders concurrent submissions, and the chain is
	// read again under it.
	await trx.selectFrom('members').select('id').where('id', '=', memberId).forUpdate().execute();
	const catalogs = await readForQuoting(trx, versionIds);
	const latest = await latestSigned(trx, memberId, c.year.id);
	if ((latest?.id ?? null) !== (c.chain.latest?.id ?? null)) return refuse('conflict');
	const version = (latest?.version ?? 0) + 1;
	// One instant for the row's signing time and the document's date: the tamper check holds them
	// to each other.
	const signedAt = new Date();
	// Built as the page builds its preview (so the digests compare like with like), plus the
	// version number, which is only settled here.
	const snapshot = {
		...snapshotOf(
			{ ...c.composition, catalogs },
			input.personal,
			input.typedName,
			todayInVietnam(signedAt)
		),
		version
	};
	if (input.preview !== previewDigest(snapshot)) return refuse('stale');
	// The same words as the latest version, signed the same day, add nothing: compare them under
	// that version's number, as the version is part of what is hashed.
	if (latest && snapshotHash({ ...snapshot, version: latest.version }) === latest.snapshot_sha256)
		return refuse('unchanged');
	return ok(await record(ctx, c, input, { snapshot, signedAt, supersedes: latest ?? null }));
}

/** Writes the signed version with its seal, freezes the texts it quotes, drops the draft, audits. */
async function record(
	ctx: Ctx,
	c: MemberCommitment,
	input: SignInput,
	signing: {
		snapshot: CommitmentSnapshot & { version: number };
		signedAt: Date;
		supersedes: { id: number; version: number } | null;
	}
): Promise<Signed> {
	const trx = ctx.db;
	const { snapshot, signedAt, supersedes } = signing;
	const memberId = ctx.actor.memberId!;
	const hash = snapshotHash(snapshot);
	const code = verificationCode(hash);
	const sealed = {
		member_id: memberId,
		year_id: c.year.id,
		unit_id: c.composition.cell.id,
		version: snapshot.version,
		supersedes_id: supersedes?.id ?? null,
		snapshot_sha256: hash,
		verification_code: code,
		signer_account_id: ctx.actor.accountId,
		signed_at: signedAt
	};
	const row = await trx
		.insertInto('commitments')
		.values({
			...sealed,
			...sealFor(sealed),
			snapshot: JSON.stringify(snapshot),
			client_ip: input.ip,
			user_agent: input.userAgent?.slice(0, 500) ?? null
		})
		.returning('id')
		.executeTakeFirstOrThrow();
	// The catalog versions quoted are now part of a signed record.
	await freeze(trx, pinnedIds(c.year));
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
			version: [supersedes?.version ?? null, snapshot.version],
			snapshot_sha256: [null, hash]
		}
	});
	return { id: row.id, code };
}

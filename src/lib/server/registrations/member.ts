// Writing a registration: save the draft, submit it (a new immutable version), start editing a
// submitted one, drop that edit. Every change checks the registration window and the state
// machine first, then writes in one transaction with its audit row. The writers take the member
// the route cleared (their own record today; the cell entering on a member's behalf reuses them).
import { isSubmittable, type RegistrationContent } from '$lib/domain/registration/content';
import { sameContent } from '$lib/domain/registration/diff';
import { can, type RegistrationAction } from '$lib/domain/registration/states';
import { ok, refuse, type Refused, type Result } from '$lib/domain/result';
import { phaseStatus, type PhaseStatus } from '$lib/domain/years/phases';
import { todayInVietnam } from '$lib/domain/dates';
import {
	auditCtx,
	ownMember,
	type Ctx,
	type MemberHandle,
	type ScopedMember
} from '../access/guard';
import { registrationReviewRight } from '../access/policy';
import { loadReviewFacts } from '../access/review-facts';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';
import { findCurrentCell } from '../members/read';
import { findYearForPath, type ReviewYear } from '../years/read';
import { loadRegistration, type RegistrationChain } from './chain';

export interface OpenRegistration {
	member: MemberHandle;
	cell: { id: number; path: string; name: string };
	year: ReviewYear;
	chain: RegistrationChain;
	phase: PhaseStatus;
}

/** The actor's own registration for `yearNumber`, or undefined when no such year applies to them. */
export async function openOwn(ctx: Ctx, yearNumber: number): Promise<OpenRegistration | undefined> {
	const own = ownMember(ctx);
	return own && openFor(ctx.db, own, yearNumber);
}

/**
 * A member's registration as their cell enters it on their behalf (an elderly member, one without a
 * phone): only those who approve the member's registrations may, never for themselves (policy.ts).
 */
export async function openOnBehalf(
	ctx: Ctx,
	member: ScopedMember,
	yearNumber: number
): Promise<OpenRegistration | undefined> {
	const facts = await loadReviewFacts(ctx.db, member);
	if (!facts || registrationReviewRight(ctx.actor, facts) !== 'may') return undefined;
	return openFor(ctx.db, member, yearNumber);
}

async function openFor(
	db: Db,
	member: MemberHandle,
	yearNumber: number
): Promise<OpenRegistration | undefined> {
	const cell = await findCurrentCell(db, member.id);
	if (!cell) return undefined;
	const year = await findYearForPath(db, cell.path, yearNumber);
	if (!year) return undefined;
	return {
		member,
		cell,
		year,
		chain: await loadRegistration(db, member, year.id),
		phase: phaseStatus(year, 'registration', todayInVietnam())
	};
}

/**
 * - `phase`: the registration window is not open (the page's `phase` says when it opens or closed);
 * - `conflict`: the state does not allow this (another tab, or the cell, acted meanwhile);
 * - `empty`: nothing to submit: a registration has at least one concrete action;
 * - `unchanged`: the same content as the latest version, which stands as it is.
 */
export type RegistrationProblem = 'phase' | 'conflict' | 'empty' | 'unchanged';
type Refusal = Refused<RegistrationProblem>;
type Done = Result<undefined, RegistrationProblem>;

function gate(r: OpenRegistration, action: RegistrationAction): Refusal | undefined {
	if (r.phase.state !== 'open') return refuse('phase');
	// Saving from "not started" and submitting are one step in the form.
	const state = r.chain.state === 'not_started' && action === 'submit' ? 'draft' : r.chain.state;
	return can(state, 'member', action) ? undefined : refuse('conflict');
}

const onBehalf = (ctx: Ctx, r: OpenRegistration) => r.member.id !== ctx.actor.memberId;

async function writeDraft(db: Db, ctx: Ctx, r: OpenRegistration, content: RegistrationContent) {
	const values = {
		content: JSON.stringify(content),
		entered_by_account_id: onBehalf(ctx, r) ? ctx.actor.accountId : null
	};
	await db
		.insertInto('registration_drafts')
		.values({ member_id: r.member.id, year_id: r.year.id, ...values })
		.onConflict((oc) => oc.columns(['member_id', 'year_id']).doUpdateSet(values))
		.execute();
}

export async function saveDraft(
	ctx: Ctx,
	r: OpenRegistration,
	content: RegistrationContent
): Promise<Done> {
	const refused = gate(r, 'save_draft');
	if (refused) return refused;
	await writeDraft(ctx.db, ctx, r, content);
	return ok();
}

/** Starts the next version from the latest submitted one. */
export async function startEdit(ctx: Ctx, r: OpenRegistration): Promise<Done> {
	const refused = gate(r, 'edit');
	if (refused) return refused;
	const latest = r.chain.latest!;
	await ctx.db.transaction().execute(async (trx) => {
		await writeDraft(trx, ctx, r, latest.content);
		await audit.record(trx, auditCtx(ctx), {
			action: 'registration.edit_started',
			entityType: 'registration',
			entityId: latest.id,
			unitPath: r.cell.path
		});
	});
	return ok();
}

/** Drops the edit of a submitted registration; the submitted version stands as it was. */
export async function discardEdit(ctx: Ctx, r: OpenRegistration): Promise<Done> {
	if (r.phase.state !== 'open') return refuse('phase');
	const latest = r.chain.latest;
	if (r.chain.state !== 'draft' || !latest) return refuse('conflict');
	return ctx.db.transaction().execute(async (trx): Promise<Done> => {
		const deleted = await trx
			.deleteFrom('registration_drafts')
			.where('member_id', '=', r.member.id)
			.where('year_id', '=', r.year.id)
			.executeTakeFirst();
		if (deleted.numDeletedRows === 0n) return refuse('conflict');
		await audit.record(trx, auditCtx(ctx), {
			action: 'registration.edit_discarded',
			entityType: 'registration',
			entityId: latest.id,
			unitPath: r.cell.path
		});
		return ok();
	});
}

/** Database refusals a submission can meet when another request changed the chain or the year. */
const SUBMIT_RACES = [
	'registrations_version_chain_check',
	'registrations_year_open_check',
	'registrations_member_year_version_key',
	'registrations_supersedes_key'
];

/** Submits `content` as the next version; returns its id. */
export async function submit(
	ctx: Ctx,
	r: OpenRegistration,
	content: RegistrationContent
): Promise<Result<number, RegistrationProblem>> {
	const refused = gate(r, 'submit');
	if (refused) return refused;
	if (!isSubmittable(content)) return refuse('empty', { field: 'actions' });
	const latest = r.chain.latest;
	if (latest && sameContent(latest.content, content)) return refuse('unchanged');
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			// One submission at a time per member; the chain is read again under the lock.
			await trx
				.selectFrom('members')
				.select('id')
				.where('id', '=', r.member.id)
				.forUpdate()
				.execute();
			const now = await trx
				.selectFrom('registrations')
				.select(['id', 'version'])
				.where('member_id', '=', r.member.id)
				.where('year_id', '=', r.year.id)
				.orderBy('version', 'desc')
				.limit(1)
				.executeTakeFirst();
			if ((now?.id ?? null) !== (latest?.id ?? null)) return refuse('conflict');
			const row = await trx
				.insertInto('registrations')
				.values({
					member_id: r.member.id,
					year_id: r.year.id,
					unit_id: r.cell.id,
					version: (latest?.version ?? 0) + 1,
					supersedes_id: latest?.id ?? null,
					content: JSON.stringify(content),
					submitted_by_account_id: ctx.actor.accountId,
					on_behalf: onBehalf(ctx, r)
				})
				.returning(['id', 'version'])
				.executeTakeFirstOrThrow();
			await trx
				.deleteFrom('registration_drafts')
				.where('member_id', '=', r.member.id)
				.where('year_id', '=', r.year.id)
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'registration.submitted',
				entityType: 'registration',
				entityId: row.id,
				unitPath: r.cell.path,
				changes: { version: [latest?.version ?? null, row.version] }
			});
			return ok(row.id);
		});
	} catch (err) {
		if (SUBMIT_RACES.includes(constraintOf(err) ?? '')) return refuse('conflict');
		throw err;
	}
}

/**
 * The member confirms a version their cell entered on their behalf: it now says what they
 * registered. `conflict`: not a version entered for them, or confirmed already.
 */
export async function acknowledge(
	ctx: Ctx,
	r: OpenRegistration
): Promise<Result<undefined, RegistrationProblem>> {
	const latest = r.chain.latest;
	if (onBehalf(ctx, r) || !latest?.on_behalf || latest.acknowledged_at) return refuse('conflict');
	try {
		return await ctx.db.transaction().execute(async (trx) => {
			await trx
				.insertInto('registration_acknowledgements')
				.values({ registration_id: latest.id, account_id: ctx.actor.accountId })
				.execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'registration.acknowledged',
				entityType: 'registration',
				entityId: latest.id,
				unitPath: r.cell.path
			});
			return ok();
		});
	} catch (err) {
		if (constraintOf(err) === 'registration_acknowledgements_pkey') return refuse('conflict');
		throw err;
	}
}

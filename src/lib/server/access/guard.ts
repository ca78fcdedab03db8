// Guards every load and action starts from. Out-of-scope and missing records both give 404, so
// ids reveal nothing about what exists elsewhere.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { sql, type ExpressionBuilder, type Expression, type SqlBool } from 'kysely';
import type { Capability, UnitKind } from '$lib/domain/roles';
import type { SessionAccount } from '../auth/session';
import type { Db } from '../db/connect';
import type { DB } from '../db/schema';
import { can, scopePaths, type Actor } from './actor';

export interface Ctx {
	db: Db;
	actor: Actor;
	session: SessionAccount;
	requestId: string;
}

/** The signed-in actor, or a redirect to the login page (or to the forced password change). */
export function requireActor(event: RequestEvent): Ctx {
	const { actor, session, requestId } = event.locals;
	if (!actor || !session) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	if (session.mustChangePassword && event.route.id !== '/(app)/me/password') {
		redirect(303, '/me/password');
	}
	return { db: event.locals.db, actor, session, requestId };
}

export function auditCtx(ctx: Pick<Ctx, 'actor' | 'requestId'>): {
	accountId: number;
	requestId: string;
} {
	return { accountId: ctx.actor.accountId, requestId: ctx.requestId };
}

/** SQL: `column` (a unit path) lies in one of the subtrees where the actor has `cap`. */
export function inScope<DBT, TB extends keyof DBT>(
	eb: ExpressionBuilder<DBT, TB>,
	column: Expression<string> | string,
	actor: Actor,
	cap: Capability
): Expression<SqlBool> {
	const prefixes = scopePaths(actor, cap);
	if (prefixes.length === 0) return sql<SqlBool>`false`;
	const col = typeof column === 'string' ? sql.ref(column) : column;
	return eb.or(prefixes.map((p) => sql<SqlBool>`${col} like ${p + '%'}`));
}

export function requireCapability(ctx: Ctx, cap: Capability): void {
	if (scopePaths(ctx.actor, cap).length === 0) error(404);
}

/** The context of a system administrator; account administration takes nothing else. */
export type AdminCtx = Scoped<Ctx>;

export function requireSystemAdmin(ctx: Ctx): AdminCtx {
	if (!ctx.actor.isSystemAdmin) error(404);
	return ctx as AdminCtx;
}

declare const cleared: unique symbol;
/**
 * A record the guards below have cleared for this actor. Only they make one, so a reader that
 * takes a Scoped value cannot be called on an id that skipped the scope check: it does not compile.
 * The route calls the guard, always; area modules take the handle.
 */
export type Scoped<T> = T & { readonly [cleared]: true };

export interface UnitRow {
	id: number;
	path: string;
	kind: UnitKind;
	name: string;
	code: string;
	parent_id: number | null;
	dissolved_on: string | null;
}
export type ScopedUnit = Scoped<UnitRow>;

/** What readers of one member's records take: a member cleared by requireMember or ownMember. */
export type MemberHandle = Scoped<{ id: number }>;
export type ScopedMember = Scoped<{ id: number; unitPath: string | null; isSelf: boolean }>;

export const UNIT_COLUMNS = [
	'id',
	'path',
	'kind',
	'name',
	'code',
	'parent_id',
	'dissolved_on'
] as const satisfies readonly (keyof UnitRow)[];

/**
 * The unit, cleared for `cap`, or 404. A page that reads more about the unit in the same round
 * trip selects UNIT_COLUMNS with it and clears the row with clearUnit; what it read about a unit
 * the actor may not see is dropped before anything uses it.
 */
export async function requireUnit(ctx: Ctx, unitId: number, cap: Capability): Promise<ScopedUnit> {
	const unit = Number.isSafeInteger(unitId)
		? await ctx.db
				.selectFrom('org_units')
				.select(UNIT_COLUMNS)
				.where('id', '=', unitId)
				.executeTakeFirst()
		: undefined;
	return clearUnit(ctx, unit, cap);
}

export function clearUnit<T extends UnitRow>(
	ctx: Ctx,
	unit: T | undefined,
	cap: Capability
): Scoped<T> {
	if (!unit || !can(ctx.actor, cap, unit.path)) error(404);
	return unit as Scoped<T>;
}

/** The unit path a member is filed under: the open membership, else the latest closed one. */
export function memberUnitPath(eb: ExpressionBuilder<DB, 'members'>) {
	return eb
		.selectFrom('memberships as ms')
		.innerJoin('org_units as mu', 'mu.id', 'ms.unit_id')
		.select('mu.path')
		.whereRef('ms.member_id', '=', 'members.id')
		.orderBy(sql`ms.ended_on is null`, 'desc')
		.orderBy('ms.started_on', 'desc')
		.limit(1);
}

/**
 * A member the actor may access with `cap`: their own record (read only) or one filed in their
 * scope. Reading another member's record is itself audited by the caller's area module.
 */
export async function requireMember(
	ctx: Ctx,
	memberId: number,
	cap: 'member.read' | 'member.manage'
): Promise<ScopedMember> {
	if (!Number.isSafeInteger(memberId)) error(404);
	const row = await ctx.db
		.selectFrom('members')
		.select((eb) => ['members.id', memberUnitPath(eb).as('unit_path')])
		.where('members.id', '=', memberId)
		.executeTakeFirst();
	if (!row) error(404);
	const isSelf = row.id === ctx.actor.memberId;
	const allowed =
		(isSelf && cap === 'member.read') ||
		(row.unit_path !== null && can(ctx.actor, cap, row.unit_path));
	if (!allowed) error(404);
	return { id: row.id, unitPath: row.unit_path, isSelf } as ScopedMember;
}

/** The actor's own member record (no lookup: it is theirs), or undefined for a non-member account. */
export function ownMember(ctx: Ctx): MemberHandle | undefined {
	const id = ctx.actor.memberId;
	return id === null ? undefined : ({ id } as MemberHandle);
}

/** Parses a route id parameter; anything but a positive integer is a 404. */
export function idParam(value: string | undefined): number {
	const n = Number(value);
	if (!value || !/^\d{1,9}$/.test(value) || !Number.isSafeInteger(n) || n <= 0) error(404);
	return n;
}

// Common actions proposed to a unit's members (action_templates): the secretary proposes them to
// the whole cell in one step, a committee to every cell under it; each member adopts one into their
// draft and adapts it there. Proposing and withdrawing are audited; adopting is a draft edit.
import { sql } from 'kysely';
import {
	EMPTY_CONTENT,
	MAX_ACTIONS,
	newActionKey,
	type ActionItem
} from '$lib/domain/registration/content';
import { ok, refuse, type Result } from '$lib/domain/result';
import { auditCtx, type Ctx, type ScopedUnit } from '../access/guard';
import { mayProposeActionsAt } from '../access/policy';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { saveDraft, type OpenRegistration, type RegistrationProblem } from './member';

export type TemplateAction = Omit<ActionItem, 'key'>;

export interface ActionTemplate {
	id: number;
	unit_id: number;
	/** The unit that proposed it. */
	source: string;
	action: TemplateAction;
}

/** The templates proposed for `yearId` by the units on `cellPath` (the cell and those above it). */
export async function listTemplatesForCell(
	db: Db,
	cellPath: string,
	yearId: number
): Promise<ActionTemplate[]> {
	const rows = await db
		.selectFrom('action_templates as t')
		.innerJoin('org_units as u', 'u.id', 't.unit_id')
		.select(['t.id', 't.unit_id', 'u.name as source', 't.action'])
		.where('t.year_id', '=', yearId)
		.where('t.withdrawn_at', 'is', null)
		.where(sql<boolean>`${cellPath} like u.path || '%'`)
		.orderBy('u.depth', 'desc')
		.orderBy('t.id')
		.execute();
	return rows.map((r) => ({ ...r, action: r.action as unknown as TemplateAction }));
}

/** The templates a unit itself proposed for the year. */
export async function listTemplatesOfUnit(
	db: Db,
	unit: ScopedUnit,
	yearId: number
): Promise<ActionTemplate[]> {
	const rows = await db
		.selectFrom('action_templates as t')
		.select(['t.id', 't.unit_id', 't.action'])
		.where('t.unit_id', '=', unit.id)
		.where('t.year_id', '=', yearId)
		.where('t.withdrawn_at', 'is', null)
		.orderBy('t.id')
		.execute();
	return rows.map((r) => ({
		...r,
		source: unit.name,
		action: r.action as unknown as TemplateAction
	}));
}

/** `not_found`: the actor may not propose here (told nobody); `year_closed`: the year is not open. */
export type TemplateProblem = 'not_found' | 'year_closed';

export async function proposeTemplate(
	ctx: Ctx,
	unit: ScopedUnit,
	year: { id: number; status: string },
	action: ActionItem
): Promise<Result<number, TemplateProblem>> {
	if (!mayProposeActionsAt(ctx.actor, unit)) return refuse('not_found');
	if (year.status !== 'open') return refuse('year_closed');
	const { key: _key, ...template } = action;
	return ctx.db.transaction().execute(async (trx) => {
		const row = await trx
			.insertInto('action_templates')
			.values({
				unit_id: unit.id,
				year_id: year.id,
				action: JSON.stringify(template),
				created_by_account_id: ctx.actor.accountId
			})
			.returning('id')
			.executeTakeFirstOrThrow();
		await audit.record(trx, auditCtx(ctx), {
			action: 'action_template.proposed',
			entityType: 'action_template',
			entityId: row.id,
			unitPath: unit.path,
			changes: { title: [null, template.title] }
		});
		return ok(row.id);
	});
}

export async function withdrawTemplate(
	ctx: Ctx,
	unit: ScopedUnit,
	templateId: number
): Promise<Result<undefined, TemplateProblem>> {
	if (!mayProposeActionsAt(ctx.actor, unit)) return refuse('not_found');
	return ctx.db.transaction().execute(async (trx) => {
		const done = await trx
			.updateTable('action_templates')
			.set({ withdrawn_at: sql<Date>`now()` })
			.where('id', '=', templateId)
			.where('unit_id', '=', unit.id)
			.where('withdrawn_at', 'is', null)
			.executeTakeFirst();
		if (done.numUpdatedRows === 0n) return refuse('not_found');
		await audit.record(trx, auditCtx(ctx), {
			action: 'action_template.withdrawn',
			entityType: 'action_template',
			entityId: templateId,
			unitPath: unit.path
		});
		return ok();
	});
}

/**
 * Adds a template the member's cell was offered to their draft (a new one when they have not
 * started), as a new action of their own. A submitted registration is edited first (`conflict`
 * otherwise, from saveDraft). `full`: the draft holds MAX_ACTIONS.
 */
export async function adoptTemplate(
	ctx: Ctx,
	r: OpenRegistration,
	templateId: number
): Promise<Result<undefined, RegistrationProblem | 'not_found' | 'full'>> {
	const offered = await listTemplatesForCell(ctx.db, r.cell.path, r.year.id);
	const template = offered.find((t) => t.id === templateId);
	if (!template) return refuse('not_found');
	const base = r.chain.draft?.content ?? EMPTY_CONTENT;
	if (base.actions.length >= MAX_ACTIONS) return refuse('full');
	return saveDraft(ctx, r, {
		...base,
		actions: [...base.actions, { key: newActionKey(), ...template.action }]
	});
}

// The catalog editor: an item's text and its wording (official, summary, reference; only official
// wording is verified, and a reference has no text). A version quoted by a
// signed commitment is frozen (the database refuses to change its items), so editing it copies
// the whole version into the next version number with the change applied.
import { sql } from 'kysely';
import { ok, refuse, type Result } from '$lib/domain/result';
import type { ItemWording } from '$lib/domain/commitment/document';
import type { EditItemInput } from '$lib/schemas/catalogs';

/** The form's values once valid: the wording is chosen. */
export type ItemEdit = EditItemInput & { wording: ItemWording };
import { auditCtx, type Ctx } from '../access/guard';
import { mayManageCatalogs } from '../access/policy';
import * as audit from '../audit/log';
import type { Db } from '../db/connect';
import { constraintOf } from '../db/errors';

export type EditProblem =
	/** No such item in this version. */
	| 'not_found'
	/** Frozen and a newer version exists: edit that one instead of branching the history. */
	| 'not_latest'
	/** Someone froze the version or created the next one meanwhile: reload and retry. */
	| 'conflict';

export interface Edited {
	versionId: number;
	itemId: number;
	created: boolean;
	changed: boolean;
}

/** On `not_latest`, `detail.latestId` names the version to edit instead. */
export type EditResult = Result<Edited, EditProblem>;

async function lockVersion(trx: Db, id: number) {
	return trx
		.selectFrom('catalog_versions')
		.select(['id', 'catalog', 'version', 'title', 'source', 'frozen_at'])
		.where('id', '=', id)
		.forUpdate()
		.executeTakeFirst();
}

type Version = NonNullable<Awaited<ReturnType<typeof lockVersion>>>;

/** Edits one item: in place when the version is not frozen, else in a new version. */
export async function editItem(ctx: Ctx, versionId: number, input: ItemEdit): Promise<EditResult> {
	if (!mayManageCatalogs(ctx.actor)) return refuse('not_found');
	try {
		return await ctx.db.transaction().execute(async (trx): Promise<EditResult> => {
			const version = await lockVersion(trx, versionId);
			const item = version
				? await trx
						.selectFrom('catalog_items')
						.select(['id', 'code', 'text', 'wording'])
						.where('id', '=', input.item_id)
						.where('version_id', '=', versionId)
						.executeTakeFirst()
				: undefined;
			if (!version || !item) return refuse('not_found');
			const next = stored(input);
			const changes = audit.diff(
				{ text: item.text, wording: item.wording },
				{ text: next.text, wording: next.wording }
			);
			if (!changes) return ok({ versionId, itemId: item.id, created: false, changed: false });
			if (version.frozen_at) return copyWithChange(ctx, trx, version, item, next, changes);
			await trx.updateTable('catalog_items').set(next).where('id', '=', item.id).execute();
			await audit.record(trx, auditCtx(ctx), {
				action: 'catalog_item.updated',
				entityType: 'catalog_item',
				entityId: item.id,
				unitPath: null,
				changes: { ...changes, catalog: version.catalog, version: version.version, code: item.code }
			});
			return ok({ versionId, itemId: item.id, created: false, changed: true });
		});
	} catch (err) {
		// The version froze under us (a signature) or the next number was taken at the same time.
		const c = constraintOf(err);
		if (c === 'catalog_items_frozen' || c === 'catalog_versions_catalog_version_key')
			return refuse('conflict', { field: 'text' });
		throw err;
	}
}

/** The row's columns for an edit: a reference keeps no text, only official wording is verified. */
function stored(input: ItemEdit) {
	return {
		wording: input.wording,
		text: input.wording === 'reference' ? null : input.text,
		verified: input.wording === 'official'
	};
}

async function copyWithChange(
	ctx: Ctx,
	trx: Db,
	version: Version,
	item: { id: number; code: string },
	next: ReturnType<typeof stored>,
	changes: audit.Changes
): Promise<EditResult> {
	const latest = await trx
		.selectFrom('catalog_versions')
		.select(['id', 'version'])
		.where('catalog', '=', version.catalog)
		.orderBy('version', 'desc')
		.limit(1)
		.executeTakeFirstOrThrow();
	if (latest.id !== version.id)
		return refuse('not_latest', { field: 'text', detail: { latestId: latest.id } });
	const created = await trx
		.insertInto('catalog_versions')
		.values({
			catalog: version.catalog,
			version: latest.version + 1,
			title: version.title,
			source: version.source,
			created_by: ctx.actor.accountId
		})
		.returning(['id', 'version'])
		.executeTakeFirstOrThrow();
	await sql`
		insert into catalog_items (version_id, code, position, group_title, area, text, verified, wording)
		select ${created.id}::int, code, position, group_title, area,
			case when id = ${item.id}::int then ${next.text}::text else text end,
			case when id = ${item.id}::int then ${next.verified}::boolean else verified end,
			case when id = ${item.id}::int then ${next.wording}::text else wording end
		from catalog_items where version_id = ${version.id}::int order by position`.execute(trx);
	const newItem = await trx
		.selectFrom('catalog_items')
		.select('id')
		.where('version_id', '=', created.id)
		.where('code', '=', item.code)
		.executeTakeFirstOrThrow();
	await audit.recordMany(trx, auditCtx(ctx), [
		{
			action: 'catalog_version.created',
			entityType: 'catalog_version',
			entityId: created.id,
			unitPath: null,
			changes: {
				catalog: [null, version.catalog],
				version: [null, created.version],
				copied_from_version_id: version.id
			}
		},
		{
			action: 'catalog_item.updated',
			entityType: 'catalog_item',
			entityId: newItem.id,
			unitPath: null,
			changes: { ...changes, catalog: version.catalog, version: created.version, code: item.code }
		}
	]);
	return ok({ versionId: created.id, itemId: newItem.id, created: true, changed: true });
}

// Member records (members/read.ts, members/write.ts): an edit saves only what changed and audits
// it; opening the edit form is a read; the card number stays unique.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ok, refuse } from '$lib/domain/result';
import { getMemberDetail } from '$lib/server/members/read';
import { updateMember, type MemberInput } from '$lib/server/members/write';
import * as editRoute from '../../src/routes/(app)/members/[id]/edit/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent, type Handler } from './helpers/event';
import { auditOf, memberIn } from './helpers/org';
import { cleared } from './helpers/scoped';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

let t: TestDb;
let tree: Tree;
beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
});
afterAll(async () => t?.close());

const detailOf = (id: number) => getMemberDetail(t.db, cleared({ id }));

function editable(member: Awaited<ReturnType<typeof getMemberDetail>>['member']): MemberInput {
	const { id: _i, updated_at: _u, gender, ...rest } = member;
	return { ...rest, gender: gender === 'male' || gender === 'female' ? gender : null };
}

describe('member edits', () => {
	it('save only changed fields, with before → after in the audit trail', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000002'];
		const fields = editable((await detailOf(id)).member);
		const binh = memberIn(id, tree.units.C1);
		expect(await updateMember(ctx, binh, fields)).toEqual(ok('unchanged'));
		expect(await updateMember(ctx, binh, { ...fields, workplace: 'Sở Tài chính' })).toEqual(
			ok('saved')
		);
		expect((await detailOf(id)).member.workplace).toBe('Sở Tài chính');
		expect(await auditOf(t.db, 'member.updated')).toEqual([
			{
				entity_id: String(id),
				unit_path: tree.units.C1.path,
				actor_account_id: tree.accounts.committee,
				changes: { workplace: [null, 'Sở Tài chính'] }
			}
		]);
	});

	it('count opening the edit form as a read of the record, like the record page', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000005'];
		const load = editRoute.load as unknown as Handler;
		await load(requestEvent(ctx, '/(app)/members/[id]/edit', { params: { id: String(id) } }));
		expect(await auditOf(t.db, 'member.read')).toEqual([
			{
				entity_id: String(id),
				unit_path: tree.units.C2.path,
				changes: null,
				actor_account_id: tree.accounts.committee
			}
		]);
	});

	it('refuse a duplicate card number through the unique constraint', async () => {
		const ctx = await ctxFor(t.db, tree.accounts.committee);
		const id = tree.members['10000003'];
		const fields = editable((await detailOf(id)).member);
		expect(
			await updateMember(ctx, memberIn(id, tree.units.C1), { ...fields, card_no: '10000001' })
		).toEqual(refuse('card_taken', { field: 'card_no' }));
		expect((await detailOf(id)).member.card_no).toBe('10000003');
	});
});

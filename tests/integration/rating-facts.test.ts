// The rating facts (assessments/facts.ts; migration 0019): whoever manages a member's records (the
// grassroots committee, the organization department) records discipline and leave and the year's
// facts, each audited; a wrong entry is withdrawn once with a reason and kept; the cell and
// committees outside the member's subtree record nothing; the database allows no other change.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuse } from '$lib/domain/result';
import { parseFields } from '$lib/schemas/fields';
import { disciplineSchema, leaveSchema, yearFactsSchema } from '$lib/schemas/rating-facts';
import {
	readFacts,
	recordDiscipline,
	recordLeave,
	saveYearFacts,
	withdrawFact
} from '$lib/server/assessments/facts';
import { constraintOf } from '$lib/server/db/errors';
import { createTestDb, type TestDb } from './helpers/db';
import { auditOf, memberIn } from './helpers/org';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number; status: string };

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = { ...(await openYear(t.db, tree.units.B.id, { year: 2026 })), status: 'open' };
});
afterAll(async () => t?.close());

const as = (account: keyof Tree['accounts']) => ctxFor(t.db, tree.accounts[account]);
const binh = () => memberIn(tree.members['10000002'], tree.units.C1);
const ha = () => memberIn(tree.members['10000006'], tree.units.GC);

const DISCIPLINE = {
	decided_on: '2026-03-15',
	form: 'reprimand' as const,
	duty_related: true,
	self_remedied: false,
	authority: 'Ủy ban kiểm tra Đảng ủy',
	reason: 'Chậm giải quyết hồ sơ của công dân, gây phiền hà.'
};

describe.sequential('recording the facts', () => {
	let disciplineId: number;

	it('the grassroots committee records a discipline and a leave, audited', async () => {
		const c = await as('committee');
		const d = await recordDiscipline(c, binh(), DISCIPLINE);
		expect(d.ok).toBe(true);
		if (!d.ok) return;
		disciplineId = d.value;
		const l = await recordLeave(c, binh(), {
			kind: 'sick',
			starts_on: '2026-04-01',
			ends_on: '2026-07-15',
			note: null
		});
		expect(l.ok).toBe(true);
		const facts = await readFacts(t.db, binh(), year.id);
		expect(facts.disciplines).toMatchObject([
			{ id: disciplineId, form: 'reprimand', duty_related: true, withdrawn_at: null }
		]);
		expect(facts.leaves).toMatchObject([{ kind: 'sick', starts_on: '2026-04-01' }]);
		expect(facts.year).toBeNull();
		expect((await auditOf(t.db, 'rating_fact.discipline_recorded'))[0]).toMatchObject({
			entity_id: String(tree.members['10000002']),
			changes: { discipline_id: disciplineId, form: 'reprimand', decided_on: '2026-03-15' }
		});
	});

	it('refuses the cell’s secretary, a plain member, and a committee outside the member’s subtree', async () => {
		for (const who of ['secretary', 'plain'] as const)
			expect(await recordDiscipline(await as(who), binh(), DISCIPLINE)).toEqual(
				refuse('not_found')
			);
		expect(await recordDiscipline(await as('committee'), ha(), DISCIPLINE)).toEqual(
			refuse('not_found')
		);
		// The organization department manages the whole bloc.
		expect((await recordDiscipline(await as('orgdept'), ha(), DISCIPLINE)).ok).toBe(true);
	});

	it('withdraws a wrong entry once, keeping it with the reason; the database allows nothing else', async () => {
		const c = await as('committee');
		const input = { kind: 'discipline' as const, id: disciplineId, reason: 'Nhập nhầm đảng viên.' };
		expect(await withdrawFact(c, binh(), input)).toEqual({ ok: true, value: undefined });
		expect(await withdrawFact(c, binh(), input)).toEqual(refuse('conflict'));
		// Through another member's address it is not there.
		expect(await withdrawFact(await as('orgdept'), ha(), input)).toEqual(refuse('not_found'));
		const [d] = (await readFacts(t.db, binh(), year.id)).disciplines;
		expect(d).toMatchObject({ withdrawn_reason: 'Nhập nhầm đảng viên.' });
		for (const statement of [
			sql`update member_disciplines set form = 'warning' where id = ${disciplineId}`,
			sql`delete from member_disciplines where id = ${disciplineId}`,
			sql`update member_leaves set ends_on = '2026-12-31' where member_id = ${tree.members['10000002']}`
		]) {
			const err = await statement.execute(t.db).then(
				() => null,
				(e: unknown) => e
			);
			expect(constraintOf(err)).toMatch(/_withdraw_only$/);
		}
	});

	it('saves the year’s facts whole, the audit row carrying what changed; a closed year is refused', async () => {
		const c = await as('committee');
		const input = {
			subject_type: 'leader' as const,
			temporary_cell: null,
			concluded_decline: false,
			concluded_prohibited_breach: false,
			civil_service_level: 'good' as const
		};
		expect(await saveYearFacts(c, binh(), year, input)).toEqual({ ok: true, value: undefined });
		expect(
			await saveYearFacts(c, binh(), year, { ...input, temporary_cell: 'Chi bộ Khu phố 3' })
		).toEqual({ ok: true, value: undefined });
		expect((await readFacts(t.db, binh(), year.id)).year).toMatchObject({
			subject_type: 'leader',
			temporary_cell: 'Chi bộ Khu phố 3',
			civil_service_level: 'good'
		});
		const saved = await auditOf(t.db, 'rating_fact.year_saved');
		expect(saved.map((a) => a.changes)).toEqual([
			{
				year_id: year.id,
				subject_type: [null, 'leader'],
				concluded_decline: [null, false],
				concluded_prohibited_breach: [null, false],
				civil_service_level: [null, 'good']
			},
			{ year_id: year.id, temporary_cell: [null, 'Chi bộ Khu phố 3'] }
		]);
		expect(await saveYearFacts(c, binh(), { ...year, status: 'closed' }, input)).toEqual(
			refuse('year_closed')
		);
	});
});

describe('the forms', () => {
	it('refuse a discipline in the future, an unknown form, a leave that ends before it starts', () => {
		const d = parseFields(disciplineSchema, {
			decided_on: '2999-01-01',
			form: 'fine',
			authority: 'x',
			reason: 'y'
		});
		expect(d.ok ? [] : Object.keys(d.errors).sort()).toEqual(['decided_on', 'form']);
		const l = parseFields(leaveSchema, {
			kind: 'sick',
			starts_on: '2026-05-02',
			ends_on: '2026-05-01'
		});
		expect(l.ok ? [] : Object.keys(l.errors)).toEqual(['ends_on']);
		const y = parseFields(yearFactsSchema, { subject_type: 'leader', civil_service_level: '' });
		expect(y).toEqual({
			ok: true,
			value: {
				subject_type: 'leader',
				temporary_cell: null,
				concluded_decline: false,
				concluded_prohibited_breach: false,
				civil_service_level: null
			}
		});
	});
});

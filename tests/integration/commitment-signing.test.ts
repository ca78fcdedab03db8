// Review fixes around signing (issue 3): the member signs exactly the text they were shown, an
// earlier text can be signed again, control characters are refused, dropping an amendment is
// gated and audited, the cell decides only on the page's member, and the public check of a code
// shows only the verdict, the name, the unit, the year and the signing time.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitmentSnapshot } from '$lib/domain/commitment/snapshot';
import { ok, refuse } from '$lib/domain/result';
import { hashPassword } from '$lib/server/auth/password';
import type { Ctx } from '$lib/server/access/guard';
import * as own from '$lib/server/commitments/member';
import { verifyCommitment } from '$lib/server/commitments/verify';
import {
	actions as commitmentActions,
	load as commitmentLoad
} from '../../src/routes/(app)/commitments/[year]/+page.server';
import { actions as memberCommitmentActions } from '../../src/routes/(app)/members/[id]/commitments/+page.server';
import { load as verifyCodeLoad } from '../../src/routes/(auth)/verify/[code]/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent, type EventOptions, type Handler } from './helpers/event';
import { buildTree, ctxFor, type Tree } from './helpers/tree';
import { openYear } from './helpers/year';

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number };
const PASSWORD = 'mật khẩu của đảng viên';
const empty = { political: [], ethics: [], discipline: [], duties: [] };
const AN = '10000001'; // secretary of C1
const BINH = '10000002'; // C1
const CUONG = '10000003'; // C1
const DUNG = '10000004'; // C2

beforeAll(async () => {
	t = await createTestDb();
	tree = await buildTree(t.db);
	year = await openYear(t.db, tree.units.B.id);
	await t.db
		.updateTable('accounts')
		.set({ password_hash: await hashPassword(PASSWORD) })
		.execute();
});
afterAll(async () => t?.close());

async function accountOf(card: string): Promise<number> {
	const a = await t.db
		.selectFrom('accounts')
		.select('id')
		.where('login', '=', card)
		.executeTakeFirstOrThrow();
	return a.id;
}

async function opened(card: string) {
	const ctx = await ctxFor(t.db, await accountOf(card));
	const c = await own.openOwn(ctx, year.year);
	if (!c) throw new Error(`no commitment for ${card}`);
	return { ctx, c };
}

const signInput = (
	c: own.MemberCommitment,
	duties: string[],
	over: Partial<own.SignInput> = {}
): own.SignInput => ({
	personal: { ...empty, duties },
	typedName: c.composition.member.full_name,
	password: PASSWORD,
	preview: own.previewOf(c),
	ip: '192.0.2.20',
	userAgent: 'vitest',
	...over
});

async function countCommitments(memberCard: string): Promise<number> {
	const row = await t.db
		.selectFrom('commitments')
		.select(sql<number>`count(*)::int`.as('n'))
		.where('member_id', '=', tree.members[memberCard])
		.executeTakeFirstOrThrow();
	return row.n;
}

const COMMITMENT_ROUTE = '/(app)/commitments/[year]';
const commitmentAction = (name: 'sign' | 'save' | 'discard') => commitmentActions[name] as Handler;
const onCommitment = (ctx: Ctx, opts: Omit<EventOptions, 'params'> = {}) =>
	requestEvent(ctx, COMMITMENT_ROUTE, { params: { year: String(year.year) }, ...opts });

function postCommitment(ctx: Ctx, action: string, form: Record<string, string>) {
	return onCommitment(ctx, { search: `?/${action}`, form });
}

async function pageData(ctx: Ctx) {
	const data = (await commitmentLoad(onCommitment(ctx) as never)) as {
		preview: string;
		document: CommitmentSnapshot;
	};
	return data;
}

const itemTexts = (s: CommitmentSnapshot) => s.areas.flatMap((a) => a.items.map((i) => i.text));

// The describes below are one sequence on the same year: Cường and Bình sign here, An signs three
// versions next; Cường's amendment, Bình's confirmation and the public verification build on them.
// First in the file: nothing is signed yet, so the catalog versions are not frozen and an editor
// may still change their wording.
describe.sequential('the member signs the text they were shown', () => {
	it('refuses a signature when a catalog text changed after the page was shown, and signs once re-read', async () => {
		const { ctx, c } = await opened(CUONG);
		const shown = own.previewOf(c);
		const item = await t.db
			.selectFrom('catalog_items')
			.select(['id', 'text'])
			.where('version_id', '=', c.year.manifestations_version_id)
			.orderBy('position')
			.limit(1)
			.executeTakeFirstOrThrow();
		const edited = `${item.text} (bản sửa của Ban Tổ chức)`;
		await t.db
			.updateTable('catalog_items')
			.set({ text: edited })
			.where('id', '=', item.id)
			.execute();

		// Signing reads the catalogs again under lock: only the digest tells it what was shown.
		expect(await own.sign(ctx, c, signInput(c, ['Việc A.'], { preview: shown }))).toEqual(
			refuse('stale')
		);
		expect(await countCommitments(CUONG)).toBe(0);

		const reread = await opened(CUONG);
		expect(own.previewOf(reread.c)).not.toBe(shown);
		const result = await own.sign(reread.ctx, reread.c, signInput(reread.c, ['Việc A.']));
		if (!result.ok) throw new Error(`signing refused: ${result.problem.code}`);
		const row = await t.db
			.selectFrom('commitments')
			.select('snapshot')
			.where('id', '=', result.value.id)
			.executeTakeFirstOrThrow();
		expect(itemTexts(row.snapshot as unknown as CommitmentSnapshot)).toContain(edited);
	});

	it('refuses when the identity block changed between showing and signing', async () => {
		const before = await opened(BINH);
		const shown = own.previewOf(before.c);
		await t.db
			.updateTable('members')
			.set({ workplace: 'Sở Nội vụ' })
			.where('id', '=', tree.members[BINH])
			.execute();
		// The form is posted after the edit: the server composes the new identity block.
		const posted = await opened(BINH);
		expect(
			await own.sign(posted.ctx, posted.c, signInput(posted.c, ['Việc B.'], { preview: shown }))
		).toEqual(refuse('stale'));
		expect(await countCommitments(BINH)).toBe(0);
	});

	it('through the form, with or without JavaScript: the hidden digest signs; an old one keeps the items as a draft and shows the new text, a missing one is refused as an incomplete form', async () => {
		const { ctx } = await opened(BINH);
		const shown = await pageData(ctx);
		await t.db
			.updateTable('members')
			.set({ workplace: 'Sở Tư pháp' })
			.where('id', '=', tree.members[BINH])
			.execute();
		const form = {
			political: '',
			ethics: 'Tiết kiệm điện.',
			discipline: '',
			duties: '',
			typed_name: 'tran thi binh',
			password: PASSWORD,
			affirm: 'true'
		};
		const refused = { status: 303, location: `/commitments/${year.year}?updated=1` };
		await expect(
			commitmentAction('sign')(postCommitment(ctx, 'sign', { ...form, preview: shown.preview }))
		).rejects.toMatchObject(refused);
		expect(await countCommitments(BINH)).toBe(0);
		const { c } = await opened(BINH);
		expect(c.chain.state).toBe('draft');
		expect(c.personal.ethics).toEqual(['Tiết kiệm điện.']);

		const reloaded = await pageData(ctx);
		expect(reloaded.document.member.workplace).toBe('Sở Tư pháp');
		expect(reloaded.preview).not.toBe(shown.preview);
		// A form that does not say what it showed is incomplete: it is refused as such (the text
		// did not change), and nothing is written, not even the draft.
		const incomplete = await commitmentAction('sign')(
			postCommitment(ctx, 'sign', { ...form, ethics: 'Một việc khác.' })
		);
		expect(incomplete).toMatchObject({
			status: 400,
			data: {
				form: {
					message: {
						type: 'error',
						text: expect.stringMatching(/thiếu thông tin.*tải lại trang/)
					}
				}
			}
		});
		expect(await countCommitments(BINH)).toBe(0);
		expect((await opened(BINH)).c.personal.ethics).toEqual(['Tiết kiệm điện.']);

		await expect(
			commitmentAction('sign')(postCommitment(ctx, 'sign', { ...form, preview: reloaded.preview }))
		).rejects.toMatchObject({
			status: 303,
			location: expect.stringMatching(
				new RegExp(`^/commitments/${year.year}\\?signed=[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$`)
			)
		});
		expect(await countCommitments(BINH)).toBe(1);
	});
});

describe.sequential('re-signing an earlier text', () => {
	it('signs A, then B, then A again as three versions with distinct hashes and codes', async () => {
		const texts = ['Nội dung A.', 'Nội dung B.', 'Nội dung A.'];
		const ids: number[] = [];
		for (const [i, text] of texts.entries()) {
			if (i > 0) {
				const signedOne = await opened(AN);
				expect(await own.amend(signedOne.ctx, signedOne.c)).toEqual(ok());
			}
			const { ctx, c } = await opened(AN);
			const result = await own.sign(ctx, c, signInput(c, [text]));
			if (!result.ok) throw new Error(`signature ${i + 1} refused: ${result.problem.code}`);
			ids.push(result.value.id);
		}
		const rows = await t.db
			.selectFrom('commitments')
			.select(['version', 'snapshot', 'snapshot_sha256', 'verification_code'])
			.where('id', 'in', ids)
			.orderBy('version')
			.execute();
		expect(rows.map((r) => r.version)).toEqual([1, 2, 3]);
		expect(rows.map((r) => (r.snapshot as unknown as CommitmentSnapshot).version)).toEqual([
			1, 2, 3
		]);
		expect(new Set(rows.map((r) => r.snapshot_sha256)).size).toBe(3);
		expect(new Set(rows.map((r) => r.verification_code)).size).toBe(3);
	});

	it('still refuses the very text of the latest version as unchanged', async () => {
		const signedOne = await opened(AN);
		expect(await own.amend(signedOne.ctx, signedOne.c)).toEqual(ok());
		const { ctx, c } = await opened(AN);
		expect(await own.sign(ctx, c, signInput(c, ['Nội dung A.']))).toEqual(refuse('unchanged'));
	});
});

describe('control characters', () => {
	it('are refused with a message on the field, and nothing is stored', async () => {
		const { ctx } = await opened(DUNG);
		const result = (await commitmentAction('save')(
			postCommitment(ctx, 'save', {
				political: 'Hoàn thành\u0000 nhiệm vụ',
				ethics: '',
				discipline: '',
				duties: ''
			})
		)) as { status: number; data: { form: { errors: Record<string, string[]> } } };
		expect(result.status).toBe(400);
		expect(result.data.form.errors.political).toEqual([expect.stringMatching(/ký tự điều khiển/)]);
		expect((await opened(DUNG)).c.chain.draft).toBeNull();
	});
});

describe.sequential('dropping an amendment', () => {
	const draftOf = (card: string) =>
		t.db
			.selectFrom('commitment_drafts')
			.select('id')
			.where('member_id', '=', tree.members[card])
			.where('year_id', '=', year.id)
			.executeTakeFirst();

	it('is refused for a first draft, which has no signed version to fall back to', async () => {
		const { ctx, c } = await opened(DUNG);
		expect(await own.saveDraft(ctx, c, { ...empty, duties: ['Nháp đầu.'] })).toEqual(ok());
		const drafting = await opened(DUNG);
		expect(await own.discardAmendment(drafting.ctx, drafting.c)).toEqual(refuse('conflict'));
		expect(await draftOf(DUNG)).toBeDefined();
	});

	it('is refused outside the commitment window, and the amendment stays', async () => {
		const signedOne = await opened(CUONG);
		expect(await own.amend(signedOne.ctx, signedOne.c)).toEqual(ok());
		const window = await t.db
			.selectFrom('review_years')
			.select(['commitment_opens_on', 'commitment_closes_on'])
			.where('id', '=', year.id)
			.executeTakeFirstOrThrow();
		await t.db
			.updateTable('review_years')
			.set({ commitment_opens_on: '2000-01-01', commitment_closes_on: '2000-02-01' })
			.where('id', '=', year.id)
			.execute();
		try {
			const { ctx, c } = await opened(CUONG);
			expect(c.phase).toEqual({ state: 'ended', closedOn: '2000-02-01' });
			expect(await own.discardAmendment(ctx, c)).toEqual(refuse('phase'));
			const refused = (await commitmentAction('discard')(postCommitment(ctx, 'discard', {}))) as {
				status: number;
				data: { error: string };
			};
			// A closed window is not one of the shared codes (domain/result.ts statusOf): 400.
			expect(refused.status).toBe(400);
			expect(refused.data.error).toMatch(/2000/);
			expect(await draftOf(CUONG)).toBeDefined();
		} finally {
			await t.db.updateTable('review_years').set(window).where('id', '=', year.id).execute();
		}
	});

	it('drops the draft and writes its audit row; a second attempt changes nothing', async () => {
		const { ctx, c } = await opened(CUONG);
		const latest = c.chain.latest!;
		await expect(
			commitmentAction('discard')(postCommitment(ctx, 'discard', {}))
		).rejects.toMatchObject({ status: 303, location: `/commitments/${year.year}` });
		expect(await draftOf(CUONG)).toBeUndefined();
		expect((await opened(CUONG)).c.chain.state).toBe('signed');
		const audit = await t.db
			.selectFrom('audit_log')
			.select(['actor_account_id', 'entity_type', 'entity_id', 'unit_path'])
			.where('action', '=', 'commitment.amendment_discarded')
			.execute();
		expect(audit).toEqual([
			{
				actor_account_id: await accountOf(CUONG),
				entity_type: 'commitment',
				entity_id: String(latest.id),
				unit_path: tree.units.C1.path
			}
		]);
		// The page the second click came from still thought there was an amendment.
		expect(await own.discardAmendment(ctx, c)).toEqual(refuse('conflict'));
		const count = await t.db
			.selectFrom('audit_log')
			.select(sql<number>`count(*)::int`.as('n'))
			.where('action', '=', 'commitment.amendment_discarded')
			.executeTakeFirstOrThrow();
		expect(count.n).toBe(1);
	});
});

describe('the cell decides on the page’s member only', () => {
	const MEMBER_ROUTE = '/(app)/members/[id]/commitments';
	const reviewOn = (ctx: Ctx, memberCard: string, body: Record<string, string>) =>
		(memberCommitmentActions.review as Handler)(
			requestEvent(ctx, MEMBER_ROUTE, {
				params: { id: String(tree.members[memberCard]) },
				search: '?/review',
				form: body
			})
		);

	it('refuses a commitment id of another member of the same cell as not found, deciding nothing', async () => {
		const secretary = await ctxFor(t.db, tree.accounts.secretary);
		const { c } = await opened(BINH);
		const binhCommitment = String(c.chain.latest!.id);
		// Cường is in the secretary's cell too, so his page opens; the id is Bình's.
		await expect(
			reviewOn(secretary, CUONG, { commitment_id: binhCommitment, decision: 'confirmed' })
		).rejects.toMatchObject({ status: 404 });
		const decided = await t.db
			.selectFrom('commitment_reviews')
			.select('id')
			.where('commitment_id', '=', Number(binhCommitment))
			.execute();
		expect(decided).toEqual([]);

		expect(
			await reviewOn(secretary, BINH, { commitment_id: binhCommitment, decision: 'confirmed' })
		).toMatchObject({ form: { message: { type: 'success' } } });
		expect((await opened(BINH)).c.chain.state).toBe('confirmed');
	});
});

describe('the public verification', () => {
	const FIELDS = ['fullName', 'unit', 'year', 'signedAt'];

	it('shows the verdict, the name, the unit, the year and the signing time, nothing else', async () => {
		// Bình's commitment is confirmed, and An's first version was superseded: neither shows.
		const { c: binh } = await opened(BINH);
		const result = await verifyCommitment(t.db, binh.chain.latest!.verification_code);
		expect(result).toEqual({
			status: 'valid',
			commitment: {
				fullName: 'Trần Thị Bình',
				unit: 'Đơn vị C1 – Đơn vị G1 – Đơn vị B',
				year: year.year,
				signedAt: expect.any(Date)
			}
		});
		const { c: an } = await opened(AN);
		const first = an.chain.versions.at(-1)!;
		const data = (await verifyCodeLoad(
			requestEvent({ db: t.db }, '/(auth)/verify/[code]', {
				params: { code: first.verification_code }
			}) as never
		)) as { result: { status: string; commitment: Record<string, unknown> } };
		expect(data.result.status).toBe('valid');
		expect(Object.keys(data.result.commitment).sort()).toEqual([...FIELDS].sort());
	});

	it('shows the same few facts, from the records, for a tampered commitment', async () => {
		const { c } = await opened(CUONG);
		const code = c.chain.latest!.verification_code;
		await sql`alter table commitments disable trigger commitments_immutable`.execute(t.db);
		try {
			await sql`update commitments set snapshot = jsonb_set(snapshot, '{typed_name}', '"X"')
				where verification_code = ${code}`.execute(t.db);
		} finally {
			await sql`alter table commitments enable trigger commitments_immutable`.execute(t.db);
		}
		expect(await verifyCommitment(t.db, code)).toEqual({
			status: 'tampered',
			commitment: {
				fullName: 'Lê Đức Cường',
				unit: 'Đơn vị C1 – Đơn vị G1 – Đơn vị B',
				year: year.year,
				signedAt: expect.any(Date)
			}
		});
	});
});

describe('a signature that meets the cell’s decision on its way', () => {
	it('is refused as a change of state, not an error, when the cell confirmed the version meanwhile', async () => {
		const EM = '10000005'; // C2
		let { ctx, c } = await opened(EM);
		const first = await own.sign(ctx, c, signInput(c, ['Phiên bản thứ nhất.']));
		if (!first.ok) throw new Error(`not signed: ${first.problem.code}`);
		({ ctx, c } = await opened(EM));
		expect(await own.amend(ctx, c)).toEqual(ok());
		({ ctx, c } = await opened(EM));
		// The page is open on the amendment; the cell's confirmation lands before the signature.
		await t.db
			.insertInto('commitment_reviews')
			.values({
				commitment_id: first.value.id,
				decision: 'confirmed',
				comment: null,
				reviewer_account_id: await accountOf(AN)
			})
			.execute();
		expect(await own.sign(ctx, c, signInput(c, ['Phiên bản thứ hai.']))).toEqual(
			refuse('conflict')
		);
		expect(await countCommitments(EM)).toBe(1);
	});
});

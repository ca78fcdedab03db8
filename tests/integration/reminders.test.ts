// Reminders by e-mail against a local SMTP catcher: one mail per unsigned member with an address,
// in Vietnamese (UTF-8, diacritics intact after decoding), none for members who signed, failures
// counted, and no address or name in the log.
import { log } from '$lib/server/log';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ok } from '$lib/domain/result';
import { formatDate } from '$lib/labels';
import type { Ctx } from '$lib/server/access/guard';
import { sendReminders } from '$lib/server/commitments/reminders';
import { actions } from '../../src/routes/(app)/units/[id]/commitments/+page.server';
import { createTestDb, type TestDb } from './helpers/db';
import { requestEvent, type Handler } from './helpers/event';
import { openYear, reviewAs, setPasswords, signAs } from './helpers/progress-setup';
import { grant } from './helpers/org';
import { parseMail } from './helpers/smtp';
import { buildTree, ctxFor, type Tree } from './helpers/tree';

interface Received {
	to: string[];
	raw: Buffer;
}

let t: TestDb;
let tree: Tree;
let year: { id: number; year: number; closes: string };
let smtp: SMTPServer;
const received: Received[] = [];
const acc: Record<string, number> = {};
const REFUSED = 'tu-choi@example.vn';

beforeAll(async () => {
	smtp = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onRcptTo(address, _session, callback) {
			callback(address.address === REFUSED ? new Error('mailbox unavailable') : null);
		},
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks)
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
	process.env.SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
	process.env.MAIL_FROM = 'Camket <camket@example.vn>';

	t = await createTestDb();
	tree = await buildTree(t.db);
	// A fourth member of C1 who has not started, with an address.
	const giang = await t.db
		.insertInto('members')
		.values({ card_no: '10000008', full_name: 'Vũ Thị Giang', email: 'giang@example.vn' })
		.returning('id')
		.executeTakeFirstOrThrow();
	await t.db
		.insertInto('memberships')
		.values({ member_id: giang.id, unit_id: tree.units.C1.id, started_on: '2020-01-01' })
		.execute();
	await t.db
		.insertInto('accounts')
		.values({ member_id: giang.id, login: '10000008', display_name: 'Vũ Thị Giang' })
		.execute();
	const email = (card: string, address: string) =>
		t.db.updateTable('members').set({ email: address }).where('card_no', '=', card).execute();
	await email('10000002', 'binh@example.vn'); // signs: no mail
	await email('10000003', 'cuong@example.vn'); // returned: mail
	await email('10000004', 'dung@example.vn'); // C2: another cell
	await email('10000005', REFUSED); // C2, refused by the server
	// 10000001 (the secretary, not started) has no address: notification only.

	await setPasswords(t.db);
	const y = await openYear(t.db, tree.units.B.id);
	const closes = await t.db
		.selectFrom('review_years')
		.select('commitment_closes_on')
		.where('id', '=', y.id)
		.executeTakeFirstOrThrow();
	year = { ...y, closes: closes.commitment_closes_on };
	for (const a of await t.db.selectFrom('accounts').select(['id', 'login']).execute())
		acc[a.login] = a.id;
	await grant(t.db, acc['10000004'], 'cell_secretary', tree.units.C2.id);
	await signAs(t.db, acc['10000002'], year.year);
	const cuong = await signAs(t.db, acc['10000003'], year.year);
	await reviewAs(t.db, acc['10000001'], cuong, 'returned', 'Bổ sung nội dung.');
	await signAs(t.db, acc['10000004'], year.year);
});

afterAll(async () => {
	delete process.env.SMTP_URL;
	delete process.env.MAIL_FROM;
	await new Promise<void>((resolve) => smtp?.close(() => resolve()));
	await t?.close();
});

const remindEvent = (ctx: Ctx, unitId: number) =>
	requestEvent(ctx, '/(app)/units/[id]/commitments', {
		params: { id: String(unitId) },
		search: '?/remind',
		form: { year_id: String(year.id) },
		origin: 'https://camket.example.vn'
	});

// In order: the first reminders leave notifications unread, so the later ones notify nobody anew.
describe.sequential('reminders by e-mail', () => {
	it('mails each unsigned member with an address, in Vietnamese, and nobody who signed', async () => {
		const lines: string[] = [];
		// What reaches the log: the message and its fields as pino would write them.
		const spy = (['info', 'warn', 'error'] as const).map((level) =>
			vi
				.spyOn(log, level)
				.mockImplementation((msg, fields) => void lines.push(`${msg} ${JSON.stringify(fields)}`))
		);
		const secretary = await ctxFor(t.db, acc['10000001']);
		const remind = actions.remind as unknown as Handler;
		const result = await remind(remindEvent(secretary, tree.units.C1.id));
		spy.forEach((s) => s.mockRestore());

		// Not started (no address), returned, not started: three reminded, two mailed.
		expect(result).toEqual({
			remind: { reminded: 3, notified: 3, emailed: 2, mailFailed: 0 }
		});
		expect(received.map((r) => r.to).sort()).toEqual([['cuong@example.vn'], ['giang@example.vn']]);
		const giang = parseMail(received.find((r) => r.to[0] === 'giang@example.vn')!.raw);
		expect(giang.subject).toBe(`Nhắc nhở: ký Bản cam kết năm ${year.year}`);
		expect(giang.contentType).toMatch(/charset=utf-8/i);
		expect(giang.from).toContain('camket@example.vn');
		expect(giang.text).toContain('Kính gửi đồng chí Vũ Thị Giang,');
		expect(giang.text).toContain(
			`Đơn vị C1 đề nghị đồng chí hoàn thành và ký Bản cam kết tu dưỡng, rèn luyện, phấn đấu năm ${year.year} trước hết ngày ${formatDate(year.closes)}.`
		);
		expect(giang.text).toContain(`https://camket.example.vn/commitments/${year.year}`);
		expect(giang.text.normalize('NFC')).toBe(giang.text);
		// The log has counts and ids only.
		expect(lines.join('\n')).not.toMatch(/@example\.vn|Giang|Cường|Đơn vị C1/);
		expect(lines.join('\n')).toContain('"emailed":2');
	});

	it('counts a mail the server refuses, and still notifies in the app', async () => {
		received.length = 0;
		const c2 = await ctxFor(t.db, acc['10000004']);
		const outcome = await sendReminders(c2, tree.units.C2, year.id, 'https://camket.example.vn');
		expect(outcome).toEqual(ok({ reminded: 1, notified: 1, emailed: 0, mailFailed: 1 }));
		expect(received).toEqual([]);
	});

	it('sends nothing again within the hour, and says from when it may', async () => {
		received.length = 0;
		const secretary = await ctxFor(t.db, acc['10000001']);
		const outcome = await sendReminders(secretary, tree.units.C1, year.id, 'http://x');
		expect(outcome).toMatchObject({ ok: false, problem: { code: 'throttled' } });
		const again = outcome.ok ? NaN : Date.parse(String(outcome.problem.detail?.again));
		expect(again - Date.now()).toBeGreaterThan(59 * 60_000);
		expect(received).toEqual([]);
		const audits = await t.db
			.selectFrom('audit_log')
			.select('id')
			.where('action', '=', 'commitment.reminders_sent')
			.where('entity_id', '=', String(tree.units.C1.id))
			.execute();
		expect(audits).toHaveLength(1);
	});

	it('sends no mail without SMTP_URL', async () => {
		received.length = 0;
		// An hour has passed since the first reminders.
		await t.db
			.updateTable('login_throttle')
			.set({ blocked_until: new Date(Date.now() - 1000) })
			.execute();
		const url = process.env.SMTP_URL;
		delete process.env.SMTP_URL;
		try {
			const secretary = await ctxFor(t.db, acc['10000001']);
			const outcome = await sendReminders(secretary, tree.units.C1, year.id, 'http://x');
			expect(outcome).toMatchObject(ok({ reminded: 3, emailed: 0, mailFailed: 0 }));
		} finally {
			process.env.SMTP_URL = url;
		}
		expect(received).toEqual([]);
	});
});

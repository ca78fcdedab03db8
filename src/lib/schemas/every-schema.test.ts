// Every text a person types goes through the one text rule (fields.ts): each form schema refuses
// a NUL, a bidirectional override and an invisible-only value at the field itself.
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { createAccountSchema, parseAccountListQuery } from './accounts';
import { changePasswordSchema, loginSchema } from './auth';
import { editItemSchema } from './catalogs';
import { draftSchema, reviewSchema, signSchema } from './commitment';
import { parseMemberQuery } from './member-query';
import { memberSchema } from './member';
import { assignRoleSchema, createUnitSchema, renameUnitSchema } from './units';
import { reopenYearSchema, suggestedWindows, yearWindowsSchema } from './years';

const member = {
	card_no: '79.012345',
	full_name: 'Nguyễn Văn An',
	birth_date: '1980-05-01',
	gender: 'male',
	joined_on: '2005-03-26',
	full_member_on: '2006-03-26',
	party_position: 'Chi ủy viên',
	government_position: '',
	mass_org_position: '',
	workplace: 'Sở Tài chính',
	phone: '0912345678',
	email: 'an@example.vn'
};

const cases: [string, z.ZodType, Record<string, unknown>, string[]][] = [
	['login', loginSchema, { login: 'dangvien', password: 'x' }, ['login']],
	[
		'member',
		memberSchema,
		member,
		[
			'card_no',
			'full_name',
			'party_position',
			'government_position',
			'mass_org_position',
			'workplace',
			'email'
		]
	],
	['unit rename', renameUnitSchema, { code: 'CB01', name: 'Chi bộ Văn phòng' }, ['name', 'code']],
	[
		'unit create',
		createUnitSchema,
		{ code: 'CB02', name: 'Chi bộ Phòng Tổng hợp', kind: 'cell' },
		['name', 'code']
	],
	[
		'role assignment',
		assignRoleSchema,
		{ role: 'cell_secretary', card_no: '79.012345', started_on: '2024-01-01' },
		['card_no']
	],
	['account', createAccountSchema, { card_no: '79.012345', login: 'an.nv' }, ['card_no', 'login']],
	[
		'catalog item',
		editItemSchema,
		{ item_id: 1, text: 'Phai nhạt lý tưởng', wording: 'summary' },
		['text']
	],
	[
		'year windows',
		yearWindowsSchema,
		{ place: 'Hà Nội', reporting_period: 'quarterly', ...suggestedWindows(2026) },
		['place']
	],
	['year reopening', reopenYearSchema, { reason: 'Sửa thời hạn ký' }, ['reason']],
	['commitment draft', draftSchema, { political: 'Học tập nghị quyết' }, ['political']],
	[
		'signing',
		signSchema,
		{ duties: 'Hoàn thành nhiệm vụ', typed_name: 'Nguyễn Văn An', password: 'x', affirm: true },
		['duties', 'typed_name']
	],
	[
		'review',
		reviewSchema,
		{ commitment_id: 1, decision: 'returned', comment: 'Bổ sung' },
		['comment']
	]
];

const bad = {
	NUL: (s: string) => `${s.slice(0, 2)}\u0000${s.slice(2)}`,
	'a right-to-left override': (s: string) => `${s.slice(0, 2)}\u202E${s.slice(2)}`,
	'only zero-width spaces': () => '\u200B\u200B\u200B\u200B'
};

describe.each(cases)('the %s form', (_, schema, valid, fields) => {
	it('accepts the valid input', () => {
		expect(schema.safeParse(valid).error?.issues).toBeUndefined();
	});

	for (const [what, spoil] of Object.entries(bad))
		it.each(fields)(`refuses ${what} in %s, at that field`, (field) => {
			const result = schema.safeParse({ ...valid, [field]: spoil(String(valid[field])) });
			expect(result.success).toBe(false);
			expect(result.error?.issues.map((i) => i.path.join('.'))).toContain(field);
		});
});

describe('passwords', () => {
	it('are taken as typed (any character may be part of one)', () => {
		expect(loginSchema.safeParse({ login: 'dangvien', password: 'a\u0000b' }).success).toBe(true);
	});

	it('state the limit of 256 characters, on login and when changing', () => {
		const long = 'a'.repeat(2000);
		const login = loginSchema.safeParse({ login: 'dangvien', password: long });
		expect(login.error?.issues.map((i) => i.message)).toEqual(['Tối đa 256 ký tự.']);
		const change = changePasswordSchema.safeParse({
			current_password: 'a'.repeat(300),
			new_password: long,
			confirm_password: long
		});
		expect(change.error?.issues.map((i) => [i.path[0], i.message])).toEqual([
			['current_password', 'Tối đa 256 ký tự.'],
			['new_password', 'Tối đa 256 ký tự.'],
			['confirm_password', 'Tối đa 256 ký tự.']
		]);
	});
});

describe('search boxes', () => {
	it.each([
		['members', (q: string) => parseMemberQuery(new URLSearchParams({ q }))],
		['accounts', (q: string) => parseAccountListQuery(new URLSearchParams({ q }))]
	])('on %s refuse NUL and over 100 characters with a message, searching nothing', (_, parse) => {
		for (const q of ['\u0000', 'a'.repeat(101)]) {
			const query = parse(q);
			expect(query.q).toBe('');
			expect(query.search.error).toBeTruthy();
			expect(query.search.typed).toBe(q);
		}
	});
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
	ACTION_KEY,
	MAX_ACTIONS,
	MAX_STUDIES,
	type ActionItem,
	type RegistrationContent
} from '$lib/domain/registration/content';
import { m } from '$lib/paraglide/messages';
import {
	contentOf,
	formOf,
	parseRegistration,
	readRegistrationForm,
	type ActionRow,
	type RegistrationForm
} from './registration';

const YEAR = 2025;
const CONTROL = /ký tự điều khiển/;

function formData(fields: Record<string, string>): FormData {
	const f = new FormData();
	for (const [name, value] of Object.entries(fields)) f.append(name, value);
	return f;
}

const row = (over: Partial<ActionRow> = {}): ActionRow => ({
	key: 'abcdefghij',
	title: 'Giải quyết hồ sơ đúng hạn',
	area: 'duties',
	target_kind: 'number',
	target_value: '100',
	target_unit: '% hồ sơ',
	due_kind: 'deadline',
	due_on: '2025-12-31',
	every: '',
	evidence: 'Số liệu phần mềm một cửa',
	...over
});

const form = (over: Partial<RegistrationForm> = {}): RegistrationForm => ({
	studies: [],
	actions: [row()],
	plan: { content: '', measures: '', timeline: '' },
	...over
});

/** The errors of a form that must be refused. */
function errorsOf(f: RegistrationForm, year = YEAR): Record<string, string> {
	const r = parseRegistration(f, year);
	expect(r.ok, 'the form should be refused').toBe(false);
	return r.ok ? {} : r.errors;
}

/** The content of a form that must be accepted. */
function contentFrom(f: RegistrationForm, year = YEAR): RegistrationContent {
	const r = parseRegistration(f, year);
	expect(r.ok ? {} : r.errors).toEqual({});
	if (!r.ok) throw new Error('refused');
	return r.content;
}

const SAMPLE: RegistrationContent = {
	studies: [
		{ content: 'Học tập chuyên đề năm 2025', when: 'quý I' },
		{ content: 'Viết bài thu hoạch', when: '' }
	],
	actions: [
		{
			key: 'abcdefghij',
			title: 'Giải quyết hồ sơ đúng hạn',
			area: 'duties',
			target: { kind: 'number', value: 12.5, unit: '% hồ sơ' },
			due: { kind: 'deadline', on: '2025-06-30' },
			evidence: 'Số liệu phần mềm một cửa'
		},
		{
			key: '0123456789',
			title: 'Không vi phạm quy định về nồng độ cồn',
			area: 'ethics',
			target: { kind: 'yes_no' },
			due: { kind: 'frequency', every: 'monthly' },
			evidence: ''
		}
	],
	plan: { content: 'Tự học', measures: 'Đọc tài liệu\nDự lớp', timeline: 'Cả năm' }
};

describe('readRegistrationForm', () => {
	it('reads the numbered fields into rows, and the plan', () => {
		const read = readRegistrationForm(
			formData({
				s0_content: 'Học tập chuyên đề',
				s0_when: 'quý I',
				s1_content: 'Viết bài thu hoạch',
				s1_when: 'tháng 6',
				a0_key: 'abcdefghij',
				a0_title: 'Giải quyết hồ sơ',
				a0_area: 'duties',
				a0_target_kind: 'number',
				a0_target_value: '100',
				a0_target_unit: '% hồ sơ',
				a0_due_kind: 'deadline',
				a0_due_on: '2025-12-31',
				a0_every: '',
				a0_evidence: 'Biên bản',
				plan_content: 'Tự học',
				plan_measures: 'Đọc tài liệu',
				plan_timeline: 'Cả năm'
			})
		);
		expect(read).toEqual({
			studies: [
				{ content: 'Học tập chuyên đề', when: 'quý I' },
				{ content: 'Viết bài thu hoạch', when: 'tháng 6' }
			],
			actions: [
				{
					key: 'abcdefghij',
					title: 'Giải quyết hồ sơ',
					area: 'duties',
					target_kind: 'number',
					target_value: '100',
					target_unit: '% hồ sơ',
					due_kind: 'deadline',
					due_on: '2025-12-31',
					every: '',
					evidence: 'Biên bản'
				}
			],
			plan: { content: 'Tự học', measures: 'Đọc tài liệu', timeline: 'Cả năm' }
		});
	});

	it('gives an empty form for an empty post', () => {
		expect(readRegistrationForm(new FormData())).toEqual({
			studies: [],
			actions: [],
			plan: { content: '', measures: '', timeline: '' }
		});
	});

	it('fills a field a row did not send with an empty string', () => {
		const read = readRegistrationForm(formData({ a0_title: 'Đi làm đúng giờ' }));
		expect(read.actions).toEqual([
			{
				key: '',
				title: 'Đi làm đúng giờ',
				area: '',
				target_kind: '',
				target_value: '',
				target_unit: '',
				due_kind: '',
				due_on: '',
				every: '',
				evidence: ''
			}
		]);
	});

	it('drops blank rows: the spare row, a row of spaces, a row with only its choices set', () => {
		const read = readRegistrationForm(
			formData({
				s0_content: '',
				s0_when: '',
				s1_content: '  ',
				s1_when: '\t',
				s2_content: 'Học tập',
				s2_when: '',
				a0_key: 'abcdefghij',
				a0_title: '',
				a0_area: 'duties',
				a0_target_kind: 'number',
				a0_due_kind: 'deadline',
				a0_every: 'monthly',
				a1_title: ' ',
				a1_evidence: '',
				a2_evidence: 'Biên bản'
			})
		);
		expect(read.studies).toEqual([{ content: 'Học tập', when: '' }]);
		expect(read.actions.map((a) => a.evidence)).toEqual(['Biên bản']);
	});

	it('keeps a study with only its time, and an action with only a target or date', () => {
		const read = readRegistrationForm(
			formData({ s0_when: 'quý II', a0_target_value: '4', a1_due_on: '2025-03-01' })
		);
		expect(read.studies).toEqual([{ content: '', when: 'quý II' }]);
		expect(read.actions.map((a) => [a.target_value, a.due_on])).toEqual([
			['4', ''],
			['', '2025-03-01']
		]);
	});

	it('closes up gaps in the numbering, in the order of the numbers', () => {
		const read = readRegistrationForm(
			formData({ a7_title: 'Bảy', a2_title: 'Hai', s5_content: 'Năm', s0_content: 'Không' })
		);
		expect(read.actions.map((a) => a.title)).toEqual(['Hai', 'Bảy']);
		expect(read.studies.map((s) => s.content)).toEqual(['Không', 'Năm']);
	});

	it('leaves out the row named by the remove button, and only that row', () => {
		const fields = {
			s1_content: 'Học một',
			a0_title: 'Không',
			a1_title: 'Một',
			a10_title: 'Mười',
			a2_title: 'Hai'
		};
		const read = readRegistrationForm(formData({ ...fields, remove_row: 'a1' }));
		expect(read.actions.map((a) => a.title)).toEqual(['Không', 'Hai', 'Mười']);
		expect(read.studies.map((s) => s.content)).toEqual(['Học một']);
		const study = readRegistrationForm(formData({ ...fields, remove_row: 's1' }));
		expect(study.studies).toEqual([]);
		expect(study.actions).toHaveLength(4);
		expect(readRegistrationForm(formData({ ...fields, remove_row: 'x9' })).actions).toHaveLength(4);
	});

	it('reads no row beyond index 99', () => {
		const read = readRegistrationForm(
			formData({
				a99_title: 'Chín mươi chín',
				a100_title: 'Một trăm',
				a5000_title: 'Năm nghìn',
				s99_content: 'Học',
				s100_content: 'Không đọc'
			})
		);
		expect(read.actions.map((a) => a.title)).toEqual(['Chín mươi chín']);
		expect(read.studies.map((s) => s.content)).toEqual(['Học']);
	});

	it('reads a file sent in place of text as empty', () => {
		const f = formData({ a0_title: 'Việc', a0_evidence: 'x' });
		f.set('a0_evidence', new File(['x'], 'x.txt'));
		f.set('plan_content', new File(['y'], 'y.txt'));
		const read = readRegistrationForm(f);
		expect(read.actions[0].evidence).toBe('');
		expect(read.plan.content).toBe('');
	});
});

describe('formOf', () => {
	it('shows the stored content as rows of text', () => {
		expect(formOf(SAMPLE)).toEqual({
			studies: SAMPLE.studies,
			actions: [
				{
					key: 'abcdefghij',
					title: 'Giải quyết hồ sơ đúng hạn',
					area: 'duties',
					target_kind: 'number',
					target_value: '12,5',
					target_unit: '% hồ sơ',
					due_kind: 'deadline',
					due_on: '2025-06-30',
					every: '',
					evidence: 'Số liệu phần mềm một cửa'
				},
				{
					key: '0123456789',
					title: 'Không vi phạm quy định về nồng độ cồn',
					area: 'ethics',
					target_kind: 'yes_no',
					target_value: '',
					target_unit: '',
					due_kind: 'frequency',
					due_on: '',
					every: 'monthly',
					evidence: ''
				}
			],
			plan: SAMPLE.plan
		});
	});

	it('copies, so editing the form leaves the content alone', () => {
		const f = formOf(SAMPLE);
		f.studies[0].content = 'khác';
		f.plan.content = 'khác';
		expect(SAMPLE.studies[0].content).toBe('Học tập chuyên đề năm 2025');
		expect(SAMPLE.plan.content).toBe('Tự học');
	});

	it('parses back to the same content', () => {
		expect(contentFrom(formOf(SAMPLE))).toEqual(SAMPLE);
	});

	it('survives a post: numbered fields read back and parsed give the same content', () => {
		const f = formOf(SAMPLE);
		const fields: Record<string, string> = {
			plan_content: f.plan.content,
			plan_measures: f.plan.measures,
			plan_timeline: f.plan.timeline
		};
		f.studies.forEach((s, i) => {
			for (const [k, v] of Object.entries(s)) fields[`s${i}_${k}`] = v;
		});
		f.actions.forEach((a, i) => {
			for (const [k, v] of Object.entries(a)) fields[`a${i}_${k}`] = v;
		});
		const read = readRegistrationForm(formData(fields));
		expect(read).toEqual(f);
		expect(contentFrom(read)).toEqual(SAMPLE);
	});

	it('parses an empty content back to itself', () => {
		const empty: RegistrationContent = {
			studies: [],
			actions: [],
			plan: { content: '', measures: '', timeline: '' }
		};
		expect(contentFrom(formOf(empty))).toEqual(empty);
	});
});

describe('parseRegistration', () => {
	it('builds the content from valid rows, trimmed', () => {
		const content = contentFrom(
			form({
				studies: [{ content: '  Học tập chuyên đề ', when: ' quý I ' }],
				actions: [
					row({ title: '  Giải quyết hồ sơ  ', target_value: ' 100 ', due_on: ' 2025-12-31 ' }),
					row({
						key: 'klmnopqrst',
						title: 'Sinh hoạt đều',
						area: 'style',
						target_kind: 'yes_no',
						target_value: 'bỏ qua',
						target_unit: '',
						due_kind: 'frequency',
						due_on: 'bỏ qua',
						every: 'quarterly',
						evidence: ''
					})
				],
				plan: { content: ' Tự học\n', measures: 'Một\nHai', timeline: '' }
			})
		);
		expect(content).toEqual({
			studies: [{ content: 'Học tập chuyên đề', when: 'quý I' }],
			actions: [
				{
					key: 'abcdefghij',
					title: 'Giải quyết hồ sơ',
					area: 'duties',
					target: { kind: 'number', value: 100, unit: '% hồ sơ' },
					due: { kind: 'deadline', on: '2025-12-31' },
					evidence: 'Số liệu phần mềm một cửa'
				},
				{
					key: 'klmnopqrst',
					title: 'Sinh hoạt đều',
					area: 'style',
					target: { kind: 'yes_no' },
					due: { kind: 'frequency', every: 'quarterly' },
					evidence: ''
				}
			],
			plan: { content: 'Tự học', measures: 'Một\nHai', timeline: '' }
		});
	});

	it('accepts a form without any row', () => {
		expect(contentFrom(form({ actions: [] }))).toEqual({
			studies: [],
			actions: [],
			plan: { content: '', measures: '', timeline: '' }
		});
	});

	it.each([
		['12,5', 12.5],
		['12.5', 12.5],
		['0,75', 0.75],
		['4', 4],
		['100', 100],
		['0', 0],
		['999999999,99', 999999999.99]
	])('reads the target %s as %d', (typed, value) => {
		const [action] = contentFrom(form({ actions: [row({ target_value: typed })] })).actions;
		expect(action.target).toEqual({ kind: 'number', value, unit: '% hồ sơ' });
	});

	it.each(['', 'abc', '-5', '1.000', '1,234', '12,', ',5', '1 000', '1e3', '1234567890', '12,5%'])(
		'refuses the target “%s” when the target is a number',
		(typed) => {
			expect(errorsOf(form({ actions: [row(), row({ target_value: typed })] }))).toEqual({
				a1_target_value: m.registration_v_target_number()
			});
		}
	);

	it('asks for the unit of a number target', () => {
		expect(errorsOf(form({ actions: [row({ target_unit: '  ' })] }))).toEqual({
			a0_target_unit: m.registration_v_target_unit()
		});
	});

	it('asks for a title', () => {
		expect(errorsOf(form({ actions: [row({ title: ' ' })] }))).toEqual({
			a0_title: m.v_required()
		});
	});

	it('reports every problem of a row, each under its field', () => {
		expect(
			errorsOf(
				form({ actions: [row({ title: '', target_value: 'nhiều', target_unit: '', due_on: '' })] })
			)
		).toEqual({
			a0_title: m.v_required(),
			a0_target_value: m.registration_v_target_number(),
			a0_target_unit: m.registration_v_target_unit(),
			a0_due_on: m.v_invalid_date()
		});
	});

	it.each(['', '31/12/2025', '2025-02-30', '2025-13-01', '2025-1-5', 'ngày mai'])(
		'refuses the deadline “%s” as a date',
		(typed) => {
			expect(errorsOf(form({ actions: [row({ due_on: typed })] }))).toEqual({
				a0_due_on: m.v_invalid_date()
			});
		}
	);

	it.each(['2024-12-31', '2026-01-01', '1999-06-01'])(
		'refuses the deadline %s outside the year, naming the year',
		(typed) => {
			const errors = errorsOf(form({ actions: [row({ due_on: typed })] }));
			expect(Object.keys(errors)).toEqual(['a0_due_on']);
			expect(errors.a0_due_on).toContain(String(YEAR));
			expect(errors.a0_due_on).toBe(m.registration_v_due_in_year({ year: String(YEAR) }));
		}
	);

	it('accepts the first and last day of the year', () => {
		const content = contentFrom(
			form({
				actions: [row({ due_on: '2025-01-01' }), row({ key: 'bbbbbbbbbb', due_on: '2025-12-31' })]
			})
		);
		expect(content.actions.map((a) => a.due)).toEqual([
			{ kind: 'deadline', on: '2025-01-01' },
			{ kind: 'deadline', on: '2025-12-31' }
		]);
		expect(errorsOf(form({ actions: [row({ due_on: '2025-06-01' })] }), 2026).a0_due_on).toBe(
			m.registration_v_due_in_year({ year: '2026' })
		);
	});

	it.each(['', 'daily', 'yearly', 'Monthly'])('refuses “%s” as a frequency', (typed) => {
		expect(
			errorsOf(form({ actions: [row({ due_kind: 'frequency', every: typed, due_on: '' })] }))
		).toEqual({ a0_every: m.v_invalid_choice() });
	});

	it.each(['weekly', 'monthly', 'quarterly'])('accepts %s as a frequency', (every) => {
		const [action] = contentFrom(
			form({ actions: [row({ due_kind: 'frequency', every, due_on: '' })] })
		).actions;
		expect(action.due).toEqual({ kind: 'frequency', every });
	});

	it.each([
		['area', 'politics'],
		['area', ''],
		['target_kind', 'percent'],
		['target_kind', ''],
		['due_kind', 'someday'],
		['due_kind', '']
	] as [keyof ActionRow, string][])('refuses %s “%s” as not one of the choices', (name, typed) => {
		expect(errorsOf(form({ actions: [row({ [name]: typed })] }))).toEqual({
			[`a0_${name}`]: m.v_invalid_choice()
		});
	});

	it.each(['thinking', 'ethics', 'style', 'duties', 'example'])('accepts the area %s', (area) => {
		expect(contentFrom(form({ actions: [row({ area })] })).actions[0].area).toBe(area);
	});

	it.each([
		['NUL', '\u0000'],
		['escape', '\u001B'],
		['DEL', '\u007F'],
		['C1 next line', '\u0085']
	])('refuses %s in a title', (_, ch) => {
		const errors = errorsOf(form({ actions: [row({ title: `Giải quyết${ch} hồ sơ` })] }));
		expect(Object.keys(errors)).toEqual(['a0_title']);
		expect(errors.a0_title).toMatch(CONTROL);
	});

	it('applies the text rule to every typed field, one line or several', () => {
		const errors = errorsOf(
			form({
				studies: [{ content: 'Học\u0000', when: 'quý\nI' }],
				actions: [row({ target_unit: '%\u0007', evidence: 'Biên\u202Ebản' })],
				plan: { content: 'Một\nHai\tBa', measures: 'x\u0000', timeline: '\u200B' }
			})
		);
		expect(Object.keys(errors).sort()).toEqual([
			'a0_evidence',
			'a0_target_unit',
			'plan_measures',
			'plan_timeline',
			's0_content',
			's0_when'
		]);
		expect(errors.s0_content).toMatch(CONTROL);
		expect(errors.s0_when).toBe(m.v_line_break());
		expect(errors.a0_target_unit).toMatch(CONTROL);
		expect(errors.a0_evidence).toBe(m.v_bidi_control());
		expect(errors.plan_measures).toMatch(CONTROL);
		expect(errors.plan_timeline).toBe(m.v_invisible_only());
	});

	it('keys the errors by the row’s place in the form', () => {
		const errors = errorsOf(
			form({
				studies: [
					{ content: 'Học', when: '' },
					{ content: '', when: 'quý II' }
				],
				actions: [row(), row({ key: 'bbbbbbbbbb' }), row({ key: 'cccccccccc', title: '' })]
			})
		);
		expect(errors).toEqual({ s1_content: m.v_required(), a2_title: m.v_required() });
	});

	it('enforces the length limits', () => {
		expect(
			errorsOf(
				form({
					studies: [{ content: 'x'.repeat(501), when: 'y'.repeat(101) }],
					actions: [row({ title: 'x'.repeat(301), target_unit: 'u'.repeat(51) })],
					plan: {
						content: 'x'.repeat(2001),
						measures: 'x'.repeat(2000),
						timeline: 'x'.repeat(1001)
					}
				})
			)
		).toEqual({
			s0_content: m.v_too_long({ max: '500' }),
			s0_when: m.v_too_long({ max: '100' }),
			a0_title: m.v_too_long({ max: '300' }),
			a0_target_unit: m.v_too_long({ max: '50' }),
			plan_content: m.v_too_long({ max: '2000' }),
			plan_timeline: m.v_too_long({ max: '1000' })
		});
	});

	it(`refuses more than ${MAX_ACTIONS} actions, as a whole list`, () => {
		const many = (n: number) =>
			Array.from({ length: n }, (_, i) => row({ key: `key${String(i).padStart(7, '0')}` }));
		expect(contentFrom(form({ actions: many(MAX_ACTIONS) })).actions).toHaveLength(MAX_ACTIONS);
		expect(errorsOf(form({ actions: many(MAX_ACTIONS + 1) }))).toEqual({
			actions: m.registration_v_too_many({ max: String(MAX_ACTIONS) })
		});
	});

	it(`refuses more than ${MAX_STUDIES} studies, as a whole list`, () => {
		const many = (n: number) =>
			Array.from({ length: n }, (_, i) => ({ content: `Học ${i}`, when: '' }));
		expect(contentFrom(form({ studies: many(MAX_STUDIES) })).studies).toHaveLength(MAX_STUDIES);
		expect(errorsOf(form({ studies: many(MAX_STUDIES + 1) }))).toEqual({
			studies: m.registration_v_too_many({ max: String(MAX_STUDIES) })
		});
	});
});

describe('action keys', () => {
	afterEach(() => {
		vi.restoreAllMocks();
	});

	const keysOf = (rows: ActionRow[]) =>
		contentFrom(form({ actions: rows })).actions.map((a) => a.key);

	it('keeps a valid key', () => {
		expect(keysOf([row({ key: 'abcdefghij' }), row({ key: '0123456789' })])).toEqual([
			'abcdefghij',
			'0123456789'
		]);
	});

	it.each([
		['missing', ''],
		['too short', 'abcdefghi'],
		['too long', 'abcdefghijk'],
		['upper case', 'ABCDEFGHIJ'],
		['with a dash', 'abcde-ghij'],
		['with spaces', ' abcdefghij']
	])('replaces a key %s with a fresh one', (_, key) => {
		const [fresh] = keysOf([row({ key })]);
		expect(fresh).toMatch(ACTION_KEY);
		expect(fresh).toHaveLength(10);
		expect(fresh).not.toBe(key);
	});

	it('keeps the first of a duplicated key and gives the others fresh ones', () => {
		const keys = keysOf([
			row({ key: 'abcdefghij', title: 'Một' }),
			row({ key: 'abcdefghij', title: 'Hai' }),
			row({ key: 'abcdefghij', title: 'Ba' })
		]);
		expect(keys[0]).toBe('abcdefghij');
		for (const k of keys) expect(k).toMatch(ACTION_KEY);
		expect(new Set(keys).size).toBe(3);
	});

	it('gives every new action its own key', () => {
		const keys = keysOf(Array.from({ length: MAX_ACTIONS }, () => row({ key: '' })));
		expect(new Set(keys).size).toBe(MAX_ACTIONS);
		for (const k of keys) expect(k).toMatch(ACTION_KEY);
	});

	it('draws again when a fresh key is already taken', () => {
		// 10/36 draws 'a' ten times (a key already in the form), then 0 draws '0000000000'.
		let calls = 0;
		vi.spyOn(Math, 'random').mockImplementation(() => (calls++ < 10 ? 10 / 36 : 0));
		expect(keysOf([row({ key: 'aaaaaaaaaa' }), row({ key: '' })])).toEqual([
			'aaaaaaaaaa',
			'0000000000'
		]);
		expect(calls).toBe(20);
	});
});

describe('contentOf', () => {
	const EMPTY: RegistrationContent = {
		studies: [],
		actions: [],
		plan: { content: '', measures: '', timeline: '' }
	};

	it.each([
		['undefined', undefined],
		['null', null],
		['an empty object', {}],
		['a number', 42],
		['a string', 'nội dung']
	])('reads %s as empty content', (_, stored) => {
		expect(contentOf(stored)).toEqual(EMPTY);
	});

	it('returns a whole content as it is', () => {
		expect(contentOf(JSON.parse(JSON.stringify(SAMPLE)))).toEqual(SAMPLE);
	});

	it('fills in the parts an older draft lacks', () => {
		expect(contentOf({ actions: SAMPLE.actions })).toEqual({ ...EMPTY, actions: SAMPLE.actions });
		expect(contentOf({ studies: SAMPLE.studies, plan: { content: 'Tự học' } })).toEqual({
			studies: SAMPLE.studies,
			actions: [],
			plan: { content: 'Tự học', measures: '', timeline: '' }
		});
		expect(contentOf({ plan: null })).toEqual(EMPTY);
	});

	it('drops lists that are not lists', () => {
		expect(contentOf({ studies: 'Học', actions: { 0: SAMPLE.actions[0] } })).toEqual(EMPTY);
	});

	it('gives an action list the form can show', () => {
		const action: ActionItem = SAMPLE.actions[0];
		expect(formOf(contentOf({ actions: [action] })).actions).toHaveLength(1);
	});
});

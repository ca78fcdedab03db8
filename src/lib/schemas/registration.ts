// The registration form. Its rows (studies, actions) vary in number, so the form posts flat,
// numbered fields (`a0_title`, `s1_when`, …) that work without JavaScript: the page always shows
// one blank row more, and a row left blank is no row. The fields are read back here into rows of
// text, each row checked by a zod schema, and the errors keyed by the field names the page shows.
import { z } from 'zod';
import {
	ACTION_AREAS,
	ACTION_KEY,
	FREQUENCIES,
	MAX_ACTIONS,
	MAX_STUDIES,
	newActionKey,
	yearBounds,
	type ActionItem,
	type RegistrationContent,
	type StudyItem
} from '$lib/domain/registration/content';
import { m } from '$lib/paraglide/messages';
import { isValidIsoDate, requiredText, text } from './fields';

export interface StudyRow {
	content: string;
	when: string;
}

export interface ActionRow {
	key: string;
	title: string;
	area: string;
	target_kind: string;
	target_value: string;
	target_unit: string;
	due_kind: string;
	due_on: string;
	every: string;
	evidence: string;
}

/** An empty action row as the form first shows it. */
export const BLANK_ACTION: ActionRow = {
	key: '',
	title: '',
	area: 'duties',
	target_kind: 'number',
	target_value: '',
	target_unit: '',
	due_kind: 'deadline',
	due_on: '',
	every: 'quarterly',
	evidence: ''
};

/** The form as typed: every value a string, so a refused form shows again exactly as sent. */
export interface RegistrationForm {
	studies: StudyRow[];
	actions: ActionRow[];
	plan: { content: string; measures: string; timeline: string };
}

const STUDY_FIELDS = ['content', 'when'] as const;
const ACTION_FIELDS = [
	'key',
	'title',
	'area',
	'target_kind',
	'target_value',
	'target_unit',
	'due_kind',
	'due_on',
	'every',
	'evidence'
] as const;
/** What a person types in an action row; the choices alone do not make a row. */
const ACTION_TYPED = ['title', 'target_value', 'target_unit', 'due_on', 'evidence'] as const;

// Far beyond any real form: a crafted post with thousands of rows is read no further.
const ROWS_READ = 100;

const field = (form: FormData, name: string): string => {
	const v = form.get(name);
	return typeof v === 'string' ? v : '';
};

function rows<K extends string>(form: FormData, prefix: string, fields: readonly K[]) {
	const out: Record<K, string>[] = [];
	// A row's remove button posts the form with the row's name (`a2`): it is left out. (Not named
	// `remove`: a control of that name hides the form element's own remove() method.)
	const removed = field(form, 'remove_row');
	for (let i = 0; i < ROWS_READ; i++) {
		if (removed === `${prefix}${i}`) continue;
		if (!fields.some((f) => form.has(`${prefix}${i}_${f}`))) continue;
		out.push(
			Object.fromEntries(fields.map((f) => [f, field(form, `${prefix}${i}_${f}`)])) as never
		);
	}
	return out;
}

const blank = (row: Record<string, string>, typed: readonly string[]) =>
	typed.every((f) => row[f].trim() === '');

/** The posted form as rows of text, blank rows dropped. */
export function readRegistrationForm(form: FormData): RegistrationForm {
	return {
		studies: rows(form, 's', STUDY_FIELDS).filter((r) => !blank(r, STUDY_FIELDS)),
		actions: rows(form, 'a', ACTION_FIELDS).filter((r) => !blank(r, ACTION_TYPED)),
		plan: {
			content: field(form, 'plan_content'),
			measures: field(form, 'plan_measures'),
			timeline: field(form, 'plan_timeline')
		}
	};
}

/** The stored content as the form shows it. */
export function formOf(c: RegistrationContent): RegistrationForm {
	return {
		studies: c.studies.map((s) => ({ ...s })),
		actions: c.actions.map((a) => ({
			key: a.key,
			title: a.title,
			area: a.area,
			target_kind: a.target.kind,
			// Written back as people write it here: a decimal comma.
			target_value: a.target.kind === 'number' ? String(a.target.value).replace('.', ',') : '',
			target_unit: a.target.kind === 'number' ? a.target.unit : '',
			due_kind: a.due.kind,
			due_on: a.due.kind === 'deadline' ? a.due.on : '',
			every: a.due.kind === 'frequency' ? a.due.every : '',
			evidence: a.evidence
		})),
		plan: { ...c.plan }
	};
}

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
	z.enum(values, { error: () => m.v_invalid_choice() });

const studySchema = z.object({ content: requiredText(500), when: text(0, 100) });

// A number as people write it here: "100", "4", "12,5" (Vietnamese decimal comma).
const NUMBER = /^\d{1,9}([.,]\d{1,2})?$/;

function actionSchema(year: number) {
	const { from, to } = yearBounds(year);
	return z
		.object({
			key: z.string(),
			title: requiredText(300),
			area: choice(ACTION_AREAS),
			target_kind: choice(['number', 'yes_no'] as const),
			target_value: z.string().trim(),
			target_unit: text(0, 50),
			due_kind: choice(['deadline', 'frequency'] as const),
			due_on: z.string().trim(),
			every: z.string(),
			evidence: text(0, 300)
		})
		.superRefine((r, ctx) => {
			const issue = (path: string, message: string) =>
				ctx.addIssue({ code: 'custom', path: [path], message });
			if (r.target_kind === 'number') {
				if (!NUMBER.test(r.target_value)) issue('target_value', m.registration_v_target_number());
				if (r.target_unit === '') issue('target_unit', m.registration_v_target_unit());
			}
			if (r.due_kind === 'deadline') {
				if (!isValidIsoDate(r.due_on)) issue('due_on', m.v_invalid_date());
				else if (r.due_on < from || r.due_on > to)
					issue('due_on', m.registration_v_due_in_year({ year: String(year) }));
			}
			if (r.due_kind === 'frequency' && !(FREQUENCIES as readonly string[]).includes(r.every))
				issue('every', m.v_invalid_choice());
		});
}

const planSchema = z.object({
	content: text(0, 2000, { multiline: true }),
	measures: text(0, 2000, { multiline: true }),
	timeline: text(0, 1000, { multiline: true })
});

export type FormErrors = Record<string, string>;

function collect(errors: FormErrors, prefix: string, issues: z.core.$ZodIssue[]) {
	for (const issue of issues) {
		const name = `${prefix}${String(issue.path[0] ?? '')}`;
		errors[name] ??= issue.message;
	}
}

function toAction(r: z.output<ReturnType<typeof actionSchema>>, keys: Set<string>): ActionItem {
	// A key the form did not send, or sent twice, is a new action.
	let key = ACTION_KEY.test(r.key) && !keys.has(r.key) ? r.key : newActionKey();
	while (keys.has(key)) key = newActionKey();
	keys.add(key);
	return {
		key,
		title: r.title,
		area: r.area,
		target:
			r.target_kind === 'number'
				? { kind: 'number', value: Number(r.target_value.replace(',', '.')), unit: r.target_unit }
				: { kind: 'yes_no' },
		due:
			r.due_kind === 'deadline'
				? { kind: 'deadline', on: r.due_on }
				: { kind: 'frequency', every: r.every as (typeof FREQUENCIES)[number] },
		evidence: r.evidence
	};
}

/**
 * The content from the form's rows for a registration of `year`, or the errors by field name
 * (`a2_due_on`, `s0_content`, `plan_measures`, `actions` for the list as a whole).
 */
export function parseRegistration(
	form: RegistrationForm,
	year: number
): { ok: true; content: RegistrationContent } | { ok: false; errors: FormErrors } {
	const errors: FormErrors = {};
	if (form.studies.length > MAX_STUDIES)
		errors.studies = m.registration_v_too_many({ max: String(MAX_STUDIES) });
	if (form.actions.length > MAX_ACTIONS)
		errors.actions = m.registration_v_too_many({ max: String(MAX_ACTIONS) });
	const studies: StudyItem[] = [];
	form.studies.forEach((row, i) => {
		const r = studySchema.safeParse(row);
		if (r.success) studies.push(r.data);
		else collect(errors, `s${i}_`, r.error.issues);
	});
	const schema = actionSchema(year);
	const keys = new Set<string>();
	const actions: ActionItem[] = [];
	form.actions.forEach((row, i) => {
		const r = schema.safeParse(row);
		if (r.success) actions.push(toAction(r.data, keys));
		else collect(errors, `a${i}_`, r.error.issues);
	});
	const plan = planSchema.safeParse(form.plan);
	if (!plan.success) collect(errors, 'plan_', plan.error.issues);
	if (Object.keys(errors).length > 0 || !plan.success) return { ok: false, errors };
	return { ok: true, content: { studies, actions, plan: plan.data } };
}

/**
 * One action posted alone (a proposal to members, a task for one): its row `a0_…` checked as a
 * registration's would be; a missing row is a missing title.
 */
export function parseOneAction(
	form: FormData,
	year: number
): { ok: true; action: ActionItem } | { ok: false; values: ActionRow | null; errors: FormErrors } {
	const values = readRegistrationForm(form);
	const parsed = parseRegistration({ ...values, studies: [] }, year);
	const action = parsed.ok ? parsed.content.actions[0] : undefined;
	if (action) return { ok: true, action };
	return {
		ok: false,
		values: values.actions[0] ?? null,
		errors: parsed.ok ? { a0_title: m.v_required() } : parsed.errors
	};
}

/** A stored content read back (a draft saved by an older build may lack a part). */
export function contentOf(stored: unknown): RegistrationContent {
	const c = (stored ?? {}) as Partial<RegistrationContent>;
	return {
		studies: Array.isArray(c.studies) ? c.studies : [],
		actions: Array.isArray(c.actions) ? c.actions : [],
		plan: { content: '', measures: '', timeline: '', ...(c.plan ?? {}) }
	};
}

/** The cell's decision on a submitted version: a return says what to change. */
export const registrationReviewSchema = z
	.object({
		registration_id: z.coerce.number().int().positive(),
		decision: z.enum(['approved', 'returned']),
		comment: text(0, 2000, { multiline: true }).default('')
	})
	.refine((v) => v.decision === 'approved' || v.comment.length > 0, {
		error: () => m.registration_return_comment_required(),
		path: ['comment']
	});

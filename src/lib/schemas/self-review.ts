// The self-review form as posted: a field per criterion (`score_<code>`: points, a decimal comma
// allowed, or a grade), a result per task of the annex (`result_<key>`), the three texts and the
// proposed level. The criteria and the tasks come from the opened review, not from the post.
import { z } from 'zod';
import {
	MAX_REVIEW_TEXT,
	TASK_RESULTS,
	type AnnexLine,
	type SelfReviewContent
} from '$lib/domain/assessment/self-review';
import { RATING_LEVELS } from '$lib/domain/rating/levels';
import { m } from '$lib/paraglide/messages';
import { requiredText } from './fields';

const texts = z.object({
	strengths: requiredText(MAX_REVIEW_TEXT, { multiline: true }),
	shortcomings: requiredText(MAX_REVIEW_TEXT, { multiline: true }),
	remedies: requiredText(MAX_REVIEW_TEXT, { multiline: true }),
	proposedLevel: z.enum(RATING_LEVELS, { error: () => m.v_invalid_choice() })
});

export type SelfReviewValues = Record<string, string>;

const str = (form: FormData, k: string) => {
	const v = form.get(k);
	return typeof v === 'string' ? v : '';
};

/** "8,5" and "8.5" are 8.5; anything else that is not a number stays as typed, for the rules to refuse. */
function scoreOf(raw: string): number | string {
	const t = raw.trim().replace(',', '.');
	return t !== '' && /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : raw.trim();
}

export function readSelfReviewForm(
	form: FormData,
	criteria: { code: string }[],
	annex: AnnexLine[],
	scale: 'points' | 'grades'
):
	| { ok: true; content: SelfReviewContent; values: SelfReviewValues }
	| { ok: false; values: SelfReviewValues; errors: Record<string, string> } {
	const values: SelfReviewValues = {};
	for (const [k, v] of form) if (typeof v === 'string') values[k] = v;
	const errors: Record<string, string> = {};
	const scores: Record<string, number | string> = {};
	for (const c of criteria) {
		const raw = str(form, `score_${c.code}`);
		if (raw.trim() !== '') scores[c.code] = scale === 'points' ? scoreOf(raw) : raw.trim();
	}
	const lines = annex.map((a) => {
		const result = str(form, `result_${a.key}`);
		if (!(TASK_RESULTS as readonly string[]).includes(result))
			errors[`result_${a.key}`] = m.v_invalid_choice();
		return { ...a, result: result as AnnexLine['result'] };
	});
	const t = texts.safeParse({
		strengths: str(form, 'strengths'),
		shortcomings: str(form, 'shortcomings'),
		remedies: str(form, 'remedies'),
		proposedLevel: str(form, 'proposed_level')
	});
	if (!t.success)
		for (const i of t.error.issues) {
			const field = i.path[0] === 'proposedLevel' ? 'proposed_level' : String(i.path[0]);
			errors[field] ??= i.message;
		}
	if (!t.success || Object.keys(errors).length > 0) return { ok: false, values, errors };
	return { ok: true, values, content: { scores, annex: lines, ...t.data } };
}

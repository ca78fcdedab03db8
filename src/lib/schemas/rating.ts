// The cell's proposal for a member at its year-end meeting (a comment, the level, the vote) and the
// organization's decision (the level, a reason when it goes above the rules' ceiling). Each form
// carries the version it was read at, so a change made meanwhile by someone else is caught.
// Plain forms: they work without JavaScript.
import { z } from 'zod';
import { RATING_LEVELS } from '$lib/domain/rating/levels';
import { m } from '$lib/paraglide/messages';
import { optionalText, requiredText } from './fields';

const level = () => z.enum(RATING_LEVELS, { error: () => m.v_invalid_choice() });
/** A whole number typed in a box: empty is missing, not 0. */
const count = () =>
	z
		.string()
		.trim()
		.min(1)
		.regex(/^\d{1,6}$/)
		.transform(Number);
/** The version the page showed; 0 when there was none. */
const seen = () => z.coerce.number().int().min(0).max(1_000_000);

export const cellProposalSchema = z
	.object({
		member_id: z.coerce.number().int().positive(),
		seen: seen(),
		level: level(),
		comment: requiredText(4000, { multiline: true }),
		votes_agree: count(),
		votes_present: count(),
		votes_total: count().refine((n) => n >= 1, { error: () => m.ratings_v_total() })
	})
	.refine((p) => p.votes_present <= p.votes_total, {
		path: ['votes_present'],
		error: () => m.ratings_v_present_over_total()
	})
	.refine((p) => p.votes_agree <= p.votes_present, {
		path: ['votes_agree'],
		error: () => m.ratings_v_agree_over_present()
	});
export type CellProposalInput = z.infer<typeof cellProposalSchema>;

export const decisionSchema = z.object({
	member_id: z.coerce.number().int().positive(),
	seen: seen(),
	level: level(),
	reason: optionalText(2000, { multiline: true })
});
export type DecisionInput = z.infer<typeof decisionSchema>;

/** The bloc's re-rating of an approved rating: another level, or the rating cancelled; always why. */
export const rerateSchema = z.object({
	member_id: z.coerce.number().int().positive(),
	seen: seen(),
	level: z.enum([...RATING_LEVELS, 'cancel'], { error: () => m.v_invalid_choice() }),
	reason: requiredText(2000, { multiline: true })
});
export type RerateInput = z.infer<typeof rerateSchema>;

const str = (form: FormData, k: string) => {
	const v = form.get(k);
	return typeof v === 'string' ? v : '';
};

export function readCellProposalForm(form: FormData) {
	return Object.fromEntries(
		['member_id', 'seen', 'level', 'comment', 'votes_agree', 'votes_present', 'votes_total'].map(
			(k) => [k, str(form, k)]
		)
	);
}

export function readRerateForm(form: FormData) {
	return Object.fromEntries(['seen', 'level', 'reason'].map((k) => [k, str(form, k)]));
}

export function readDecisionForm(form: FormData) {
	return Object.fromEntries(['member_id', 'seen', 'level', 'reason'].map((k) => [k, str(form, k)]));
}

// The commitment form: the member's own items per area (one per line in a text box, so the form
// works on any phone without JavaScript), and the signing confirmation.
import { z } from 'zod';
import { MAX_PERSONAL_ITEMS, MAX_PERSONAL_ITEM_LENGTH } from '$lib/domain/commitment/snapshot';
import { m } from '$lib/paraglide/messages';
import { password } from './auth';
import { requiredText, text, textProblem, textProblemMessage, type TextProblem } from './fields';

export const splitLines = (text: string): string[] =>
	text
		.normalize('NFC')
		.split(/\r\n?|\n/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);

/** The text rule (see fields.ts) for each item: a line of invisible characters is no item. */
const itemsProblem = (text: string): TextProblem | null =>
	splitLines(text)
		.map((line) => textProblem(line, true))
		.find((p) => p !== null) ?? null;

// A bound in UTF-16 units that any box within the real limits fits in, however it is encoded
// (a decomposed "ệ" is three units); the limits a person can act on are checked per line.
const RAW_MAX = MAX_PERSONAL_ITEMS * (MAX_PERSONAL_ITEM_LENGTH * 4 + 2);
const limits = () => ({
	items: String(MAX_PERSONAL_ITEMS),
	length: String(MAX_PERSONAL_ITEM_LENGTH)
});

const itemsText = () =>
	z
		.string()
		.max(RAW_MAX, { error: () => m.commitment_area_too_long(limits()), abort: true })
		.default('')
		.superRefine((t, ctx) => {
			const problem = itemsProblem(t);
			if (problem) ctx.addIssue({ code: 'custom', message: textProblemMessage(problem) });
		})
		.refine((t) => splitLines(t).length <= MAX_PERSONAL_ITEMS, {
			error: () => m.commitment_too_many_items({ max: String(MAX_PERSONAL_ITEMS) })
		})
		.refine((t) => splitLines(t).every((l) => [...l].length <= MAX_PERSONAL_ITEM_LENGTH), {
			error: () => m.commitment_item_too_long({ max: String(MAX_PERSONAL_ITEM_LENGTH) })
		});

export const draftFields = {
	political: itemsText(),
	ethics: itemsText(),
	discipline: itemsText(),
	duties: itemsText()
};

export const draftSchema = z.object(draftFields);

export const signSchema = z.object({
	...draftFields,
	typed_name: requiredText(120),
	password: password(),
	// The digest of the text the page showed (domain/commitment/preview), in a hidden field so it
	// travels without JavaScript too. Not required here: the sign action answers a missing one
	// (an incomplete form) with its own message, and signing answers an old one by showing the
	// current text.
	preview: z.string().max(64).default(''),
	// A plain boolean (unticked by default) that must be ticked: z.literal(true) would make the
	// form start ticked.
	affirm: z
		.boolean()
		.default(false)
		.refine((v) => v, { error: () => m.commitment_affirm_required() })
});

export const reviewSchema = z
	.object({
		commitment_id: z.coerce.number().int().positive(),
		decision: z.enum(['confirmed', 'returned']),
		comment: text(0, 2000, { multiline: true }).default('')
	})
	.refine((v) => v.decision === 'confirmed' || v.comment.length > 0, {
		error: () => m.commitment_return_comment_required(),
		path: ['comment']
	});

export const bulkConfirmSchema = z.object({
	ids: z.array(z.coerce.number().int().positive()).min(1).max(500)
});

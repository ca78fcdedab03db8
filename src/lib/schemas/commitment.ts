// The commitment form: the member's own items per area (one per line in a text box, so the form
// works on any phone without JavaScript), and the signing confirmation.
import { z } from 'zod';
import { MAX_PERSONAL_ITEMS, MAX_PERSONAL_ITEM_LENGTH } from '$lib/domain/commitment/snapshot';
import { m } from '$lib/paraglide/messages';
import { requiredText } from './fields';

export const splitLines = (text: string): string[] =>
	text
		.normalize('NFC')
		.split(/\r\n?|\n/)
		.map((s) => s.trim())
		.filter((s) => s.length > 0);

// PostgreSQL refuses NUL in text and jsonb alike, and the other C0 controls are invisible in the
// document and the PDF: a signed text must read as it is stored. Tab, line feed and carriage
// return are what forms and keyboards send.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
export const hasControlCharacter = (s: string): boolean => CONTROL.test(s);

const itemsText = () =>
	z
		.string()
		.max(MAX_PERSONAL_ITEMS * (MAX_PERSONAL_ITEM_LENGTH + 2))
		.default('')
		.refine((t) => !hasControlCharacter(t), { error: () => m.commitment_control_character() })
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
	password: z.string().min(1).max(256),
	// The digest of the text the page showed (domain/commitment/preview), in a hidden field so it
	// travels without JavaScript too. Not checked here: a missing or old one means the same as a
	// changed text, and signing answers both by showing the current text.
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
		comment: z
			.string()
			.max(2000)
			.refine((s) => !hasControlCharacter(s), { error: () => m.commitment_control_character() })
			.transform((s) => s.normalize('NFC').trim())
			.default('')
	})
	.refine((v) => v.decision === 'confirmed' || v.comment.length > 0, {
		error: () => m.commitment_return_comment_required(),
		path: ['comment']
	});

export const bulkConfirmSchema = z.object({
	ids: z.array(z.coerce.number().int().positive()).min(1).max(500)
});

// Catalog editor forms: one item's text and how it stands (official wording, a summary, or only a
// reference to the article, which has no text).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { text } from './fields';

export const CATALOG_NAMES = ['manifestations', 'prohibitions', 'standards'] as const;

export const ITEM_WORDINGS = ['official', 'summary', 'reference'] as const;

export const editItemSchema = z
	.object({
		item_id: z.coerce
			.number({ error: () => m.v_invalid() })
			.int()
			.min(0)
			.default(0),
		// Optional only so that superforms does not default it to the first choice: a wording is
		// a judgment about the text, never assumed.
		wording: z.enum(ITEM_WORDINGS, { error: () => m.catalog_wording_required() }).optional(),
		// Mirrors catalog_items_text_check (2 to 4000 characters once trimmed); a reference has none.
		text: text(0, 4000, { multiline: true })
	})
	.superRefine((d, ctx) => {
		if (!d.wording)
			ctx.addIssue({ code: 'custom', path: ['wording'], message: m.catalog_wording_required() });
		else if (d.wording !== 'reference' && d.text.length < 2)
			ctx.addIssue({ code: 'custom', path: ['text'], message: m.catalog_item_text_required() });
	});

export type EditItemInput = z.infer<typeof editItemSchema>;

// Catalog editor forms: one item's official wording and whether it was checked against the source.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { text } from './fields';

export const CATALOG_NAMES = ['manifestations', 'prohibitions', 'standards'] as const;

export const editItemSchema = z.object({
	item_id: z.coerce
		.number({ error: () => m.v_invalid() })
		.int()
		.min(0)
		.default(0),
	// Mirrors catalog_items_text_check (2 to 4000 characters once trimmed).
	text: text(2, 4000, { multiline: true }),
	verified: z.boolean().default(false)
});

export type EditItemInput = z.infer<typeof editItemSchema>;

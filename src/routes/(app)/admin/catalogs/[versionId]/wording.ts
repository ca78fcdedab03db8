// Words for an item's wording in the catalog editor.
import type { ItemWording } from '$lib/domain/commitment/document';
import { m } from '$lib/paraglide/messages';

const words: Record<ItemWording, { label: () => string; hint: () => string; tone: string }> = {
	official: {
		label: m.catalog_wording_official,
		hint: m.catalog_wording_official_hint,
		tone: 'bg-green-100 text-green-900'
	},
	summary: {
		label: m.catalog_wording_summary,
		hint: m.catalog_wording_summary_hint,
		tone: 'bg-sky-100 text-sky-950'
	},
	reference: {
		label: m.catalog_wording_reference,
		hint: m.catalog_wording_reference_hint,
		tone: 'bg-stone-200 text-stone-900'
	}
};

export const wordingLabel = (w: ItemWording | null): string =>
	w ? words[w].label() : m.catalog_wording_unclassified();
export const wordingHint = (w: ItemWording): string => words[w].hint();
export const wordingTone = (w: ItemWording | null): string =>
	w ? words[w].tone : 'bg-red-100 text-red-900';

import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { isoDate } from './fields';
import { todayIso } from './member';

export const transferSchema = z.object({
	to_unit_id: z.coerce
		.number({ error: () => m.v_invalid_choice() })
		.int()
		.positive(),
	date: isoDate().refine((d) => d <= todayIso(), { error: () => m.v_invalid_date() })
});

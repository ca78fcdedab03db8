import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { pastOrToday } from './fields';

export const transferSchema = z.object({
	to_unit_id: z.coerce
		.number({ error: () => m.v_invalid_choice() })
		.int()
		.positive(),
	date: pastOrToday()
});

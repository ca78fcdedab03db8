// A comment (nhận xét) the cell gives on a member's report: its text and what it is about (the
// whole report, posted as '', or one line's key).
import { z } from 'zod';
import { requiredText } from './fields';

export const commentSchema = z.object({
	body: requiredText(2000, { multiline: true }),
	about: z.string().regex(/^$|^[a-z0-9]{10}$|^task-\d{1,9}$/)
});

export function parseComment(form: FormData) {
	const str = (k: string) => {
		const v = form.get(k);
		return typeof v === 'string' ? v : '';
	};
	const values = { body: str('body'), about: str('about') };
	const r = commentSchema.safeParse(values);
	return r.success
		? ({ ok: true, ...r.data } as const)
		: ({ ok: false, values, error: r.error.issues[0].message } as const);
}

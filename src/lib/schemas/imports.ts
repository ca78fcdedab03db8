// The import upload: one spreadsheet file and the "check only" box. Limits live here so the page
// can state them and the server enforces the same numbers.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';

export const IMPORT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 50_000;

export const importUploadSchema = z.object({
	file: z
		.instanceof(File, { error: () => m.import_choose_file() })
		// A form sent with no file chosen carries an empty part with no name.
		.refine((f) => f.size > 0 || f.name !== '', { error: () => m.import_choose_file() })
		.refine((f) => f.size > 0, { error: () => m.import_file_empty() })
		.refine((f) => f.size <= IMPORT_MAX_BYTES, {
			error: () => m.import_file_too_large({ max: String(IMPORT_MAX_BYTES / 1024 / 1024) })
		}),
	dry_run: z
		.string()
		.nullish()
		.transform((v) => v === 'on' || v === 'true')
});

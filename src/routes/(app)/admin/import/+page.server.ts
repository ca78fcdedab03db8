import { fail } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importUploadSchema } from '$lib/schemas/imports';
import { requireActor, requireCapability } from '$lib/server/access/guard';
import { runImport } from '$lib/server/imports/run';
import type { Actions, PageServerLoad } from './$types';

const MAX_MB = IMPORT_MAX_BYTES / 1024 / 1024;

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'member.manage');
	return { maxMb: MAX_MB, maxRows: IMPORT_MAX_ROWS };
};

/**
 * The multipart body, or why it could not be read. A body over the server's limit (adapter-node's
 * BODY_SIZE_LIMIT, 48M by default in our build) fails with status 413 before any of it is read.
 */
async function readForm(request: Request): Promise<FormData | 'too_large' | 'failed'> {
	try {
		return await request.formData();
	} catch (err) {
		return (err as { status?: unknown } | null)?.status === 413 ? 'too_large' : 'failed';
	}
}

export const actions: Actions = {
	// A plain multipart POST (works without JavaScript); the page's script sends the same form
	// with XMLHttpRequest to show upload progress.
	default: async (event) => {
		const ctx = requireActor(event);
		requireCapability(ctx, 'member.manage');
		const data = await readForm(event.request);
		if (data === 'too_large')
			return fail(413, { error: m.import_file_too_large({ max: String(MAX_MB) }), report: null });
		if (data === 'failed') return fail(400, { error: m.import_upload_failed(), report: null });
		const parsed = importUploadSchema.safeParse({
			file: data.get('file'),
			dry_run: data.get('dry_run')
		});
		if (!parsed.success) return fail(400, { error: parsed.error.issues[0].message, report: null });
		const { file, dry_run } = parsed.data;
		const report = await runImport(ctx, {
			bytes: new Uint8Array(await file.arrayBuffer()),
			fileName: file.name,
			dryRun: dry_run
		});
		return report.status === 'invalid'
			? fail(400, { error: null, report })
			: { error: null, report };
	}
};

import { fail } from '@sveltejs/kit';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, importUploadSchema } from '$lib/schemas/imports';
import { requireActor, requireCapability } from '$lib/server/access/guard';
import { runImport } from '$lib/server/imports/run';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'member.manage');
	return { maxMb: IMPORT_MAX_BYTES / 1024 / 1024, maxRows: IMPORT_MAX_ROWS };
};

export const actions: Actions = {
	// A plain multipart POST (works without JavaScript); the page's script sends the same form
	// with XMLHttpRequest to show upload progress.
	default: async (event) => {
		const ctx = requireActor(event);
		requireCapability(ctx, 'member.manage');
		const data = await event.request.formData().catch(() => null);
		const parsed = importUploadSchema.safeParse({
			file: data?.get('file'),
			dry_run: data?.get('dry_run')
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

import { requireActor, requireCapability } from '$lib/server/access/guard';
import { buildTemplate } from '$lib/server/imports/template';
import { withErrorPage } from '$lib/server/http/error-page';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = withErrorPage(async (event) => {
	const ctx = requireActor(event);
	requireCapability(ctx, 'member.manage');
	const body = await buildTemplate();
	return new Response(body, {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="mau-nhap-du-lieu.xlsx"`,
			'cache-control': 'private, no-store'
		}
	});
});

import { json } from '@sveltejs/kit';
import { sql } from 'kysely';
import type { RequestHandler } from './$types';

/** Liveness and database check for load balancers and monitoring. */
export const GET: RequestHandler = async ({ locals }) => {
	try {
		await sql`select 1`.execute(locals.db);
		return json({ status: 'ok', database: 'ok' }, { headers: { 'cache-control': 'no-store' } });
	} catch {
		return json({ status: 'error', database: 'unreachable' }, { status: 503 });
	}
};

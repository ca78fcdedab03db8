// A database that cannot be reached (server restarting, connection cut, network down) is a
// passing condition, not a bug: the request answers 503 with a "try again" page, the process keeps
// running, and the pool opens new connections once the server is back. Every query goes through
// guardPool (connect.ts), so this is the one place where such errors become that answer.
import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { errorFields, log } from '../log';
import { pgCode } from './errors';

// 57P01 admin_shutdown (restart, pg_terminate_backend), 57P02 crash_shutdown, 57P03
// cannot_connect_now (starting up or shutting down), 53300 too_many_connections; class 08 is
// "connection exception". All say nothing about the request itself.
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
// ENOENT: over a Unix socket, the socket file is gone while the server restarts (only errors of the
// pool's connections come here, never file reads).
const SOCKET_CODES = new Set([
	'ENOENT',
	'ECONNREFUSED',
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN'
]);
// node-postgres and its pool tell a lost or timed-out connection by message only.
const DRIVER_MESSAGES = [
	/^Connection terminated/,
	/^timeout exceeded when trying to connect$/,
	/^Client .* is not queryable$/
];

/** Whether the error says the database could not be reached, rather than refused the query. */
export function isUnavailable(err: unknown): boolean {
	const code = pgCode(err);
	if (code && (SERVER_CODES.has(code) || SOCKET_CODES.has(code) || code.startsWith('08')))
		return true;
	return err instanceof Error && DRIVER_MESSAGES.some((re) => re.test(err.message));
}

/** Rethrows an unreachable database as the 503 every route answers alike; anything else as is. */
export function rethrowUnavailable(err: unknown): never {
	if (isUnavailable(err)) {
		log.warn('database unavailable', errorFields(err));
		error(503, { message: m.error_unavailable() });
	}
	throw err;
}

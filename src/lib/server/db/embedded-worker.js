// The embedded PostgreSQL (PGlite) on a thread of its own, so that the CPU time of its queries
// leaves the thread that renders pages. It speaks the wire protocol with embedded.ts: each
// node-postgres connection there writes protocol bytes, this thread feeds them to PGlite's one
// session and posts back the answer. Started from a data: URL (embedded.ts), so packages are
// resolved from workerData.base.
import { createRequire } from 'node:module';
import { parentPort, workerData } from 'node:worker_threads';

const require = createRequire(workerData.base);
const { PGlite } = require('@electric-sql/pglite');
const { pg_trgm } = require('@electric-sql/pglite/contrib/pg_trgm');

/** @type {import('node:worker_threads').MessagePort} */
const port = /** @type {any} */ (parentPort);

const pglite = await PGlite.create(workerData.dir, {
	extensions: { pg_trgm },
	loadDataDir: workerData.template ? new Blob([workerData.template]) : undefined
});
// Each named statement is planned once: planning here reads the size of every table and index it
// considers from the file system (an fstat each), which cost more than running the app's queries.
await pglite.exec('set plan_cache_mode = force_generic_plan');

/**
 * @typedef {{ type: 'data', conn: number, bytes: ArrayBuffer }
 *   | { type: 'end', conn: number }
 *   | { type: 'dump' | 'close', conn?: undefined }} Message
 */

/** The connection whose transaction holds the session; the others wait until it ends. */
let owner = /** @type {number | null} */ (null);
/** @type {Message[]} */
const pending = [];
let running = false;

const READY_FOR_QUERY = 0x5a; // 'Z', then length 5 and the transaction status: I, T or E

/** @param {Message} msg */
async function handle(msg) {
	switch (msg.type) {
		case 'data': {
			const answer = await pglite.execProtocolRaw(new Uint8Array(msg.bytes));
			// Every batch node-postgres sends ends in Sync (or is a simple query), whose answer
			// ends in ReadyForQuery: outside a transaction ('I') the session is free again.
			if (answer.length >= 6 && answer[answer.length - 6] === READY_FOR_QUERY)
				owner = answer[answer.length - 1] === 0x49 ? null : msg.conn;
			// A copy: the answer may be a view into memory PGlite reuses.
			const bytes = answer.slice().buffer;
			return port.postMessage({ type: 'data', conn: msg.conn, bytes }, [bytes]);
		}
		case 'end':
			// A connection that went away inside its transaction leaves nothing behind.
			if (owner === msg.conn) {
				owner = null;
				await pglite.exec('rollback');
			}
			return;
		case 'dump': {
			const bytes = await (await pglite.dumpDataDir('none')).arrayBuffer();
			return port.postMessage({ type: 'dump', bytes }, [bytes]);
		}
		case 'close':
			await pglite.close();
			return port.postMessage({ type: 'closed' });
	}
}

/** The next message that may run: the owner's while a transaction is open, else the oldest. */
function pump() {
	if (running) return;
	const i = pending.findIndex((m) => owner === null || m.conn === owner);
	if (i < 0) return;
	const [msg] = pending.splice(i, 1);
	running = true;
	handle(msg)
		.catch((err) => port.postMessage({ type: 'failed', message: String(err?.message ?? err) }))
		.finally(() => {
			running = false;
			pump();
		});
}

port.on('message', (/** @type {Message} */ msg) => {
	pending.push(msg);
	pump();
});
port.postMessage({ type: 'ready' });

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

/** An error as one line: PGlite's file-system errors are plain objects with an errno. */
const describe = (/** @type {any} */ err) =>
	err instanceof Error ? err.message : `${err?.name ?? 'error'} ${err?.errno ?? String(err)}`;

/** @type {any} */
let pglite;
try {
	pglite = await PGlite.create(workerData.dir, {
		extensions: { pg_trgm },
		loadDataDir: workerData.template ? new Blob([workerData.template]) : undefined
	});
	// Each named statement is planned once: planning here reads the size of every table and index
	// it considers from the file system (an fstat each), which cost more than running the queries.
	await pglite.exec('set plan_cache_mode = force_generic_plan');
} catch (err) {
	// embedded.ts stops this thread when it hears this.
	port.postMessage({ type: 'failed', message: describe(err) });
}

/**
 * PGlite's answer as bytes. The streaming call, not execProtocolRaw: that one also parses the
 * answer into a list PGlite keeps until the next exec(), which grew without end here.
 * @param {Uint8Array} message
 */
async function answer(message) {
	/** @type {Uint8Array[]} */
	const chunks = [];
	// Copies: a chunk may be a view into PGlite's receive buffer.
	await pglite.execProtocolRawStream(message, {
		onRawData: (/** @type {Uint8Array} */ c) => chunks.push(c.slice())
	});
	return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
}

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

/**
 * The transaction status of an answer that ends in ReadyForQuery ('Z', length 5, then I, T or E),
 * else undefined.
 * @param {Uint8Array} out
 */
function readyStatus(out) {
	const at = out.length - 6;
	const header = at >= 0 && out[at] === 0x5a && out[at + 1] === 0 && out[at + 2] === 0;
	return header && out[at + 3] === 0 && out[at + 4] === 5
		? String.fromCharCode(out[at + 5])
		: undefined;
}

/** @param {Message} msg */
async function handle(msg) {
	switch (msg.type) {
		case 'data': {
			const out = await answer(new Uint8Array(msg.bytes));
			// Every batch node-postgres sends ends in Sync (or is a simple query), whose answer
			// ends in ReadyForQuery: outside a transaction ('I') the session is free again.
			const status = readyStatus(out);
			if (status) owner = status === 'I' ? null : msg.conn;
			if (out.length === 0) return;
			const whole = out.byteOffset === 0 && out.byteLength === out.buffer.byteLength;
			const bytes = /** @type {ArrayBuffer} */ (
				whole ? out.buffer : out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength)
			);
			return port.postMessage({ type: 'data', conn: msg.conn, bytes }, [bytes]);
		}
		case 'end':
			// A connection that went away inside its transaction leaves nothing behind.
			if (owner === msg.conn) {
				owner = null;
				await pglite.exec('rollback');
			}
			return;
		case 'dump':
			try {
				const bytes = await (await pglite.dumpDataDir('none')).arrayBuffer();
				return port.postMessage({ type: 'dump', bytes }, [bytes]);
			} catch (err) {
				return port.postMessage({ type: 'dump', failed: describe(err) });
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
		.catch((err) => port.postMessage({ type: 'failed', message: describe(err) }))
		.finally(() => {
			running = false;
			pump();
		});
}

if (pglite) {
	port.on('message', (/** @type {Message} */ msg) => {
		pending.push(msg);
		pump();
	});
	port.postMessage({ type: 'ready' });
}

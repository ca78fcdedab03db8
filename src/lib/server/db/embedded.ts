// The embedded database as node-postgres sees it: PGlite runs on a worker thread
// (embedded-worker.js) and each connection is a stream of wire-protocol bytes to it, so the same
// driver, error objects and type parsing serve both databases, and the queries' CPU time is spent
// beside the thread that renders pages instead of on it (README, "Performance"). Several
// connections share PGlite's one session: the worker runs one transaction at a time and queues
// the others' statements behind it, so a statement is waiting there whenever the session frees.
import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { log } from '../log';
import workerSource from './embedded-worker.js?raw';

type Reply =
	| { type: 'ready' | 'closed' }
	| { type: 'data'; conn: number; bytes: ArrayBuffer }
	| { type: 'dump'; bytes?: ArrayBuffer; failed?: string }
	| { type: 'failed'; message: string };

export interface Embedded {
	pool: pg.Pool;
	/** The data directory as a tarball. */
	dump(): Promise<Blob>;
	close(): Promise<void>;
}

/** The embedded database could not be opened (its message says why). */
export class EmbeddedStartError extends Error {}

/** Node-postgres sends this when it closes a connection; PGlite's one session must live on. */
const TERMINATE = [0x58, 0, 0, 0, 4];
/** How long close() waits for PGlite to write its files before it stops the thread anyway. */
const CLOSE_TIMEOUT_MS = 10_000;

/** The embedded database in `dir` ('memory://' for a throwaway one), started from `template`. */
export async function startEmbedded(dir: string, template?: Blob): Promise<Embedded> {
	const bytes = template ? await template.arrayBuffer() : undefined;
	const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(workerSource)}`), {
		workerData: { dir, template: bytes, base: import.meta.url },
		transferList: bytes ? [bytes] : []
	});
	const sockets = new Map<number, WorkerSocket>();
	let opened = 0;
	let stopped: Error | null = null;
	/** What the worker said when it failed. */
	let failure: string | undefined;
	// Answers to dump and close come in the order asked.
	const waiting = new Map<string, { resolve: (r: Reply) => void; reject: (e: Error) => void }[]>();
	const expect = (type: string) =>
		new Promise<Reply>((resolve, reject) => {
			if (stopped) return reject(stopped);
			waiting.set(type, [...(waiting.get(type) ?? []), { resolve, reject }]);
		});
	const stop = (err: Error) => {
		if (stopped) return;
		stopped = err;
		for (const socket of sockets.values()) socket.destroy(err);
		for (const list of waiting.values()) for (const w of list) w.reject(err);
		waiting.clear();
		void worker.terminate();
	};

	worker.on('message', (reply: Reply) => {
		if (reply.type === 'data') return void sockets.get(reply.conn)?.push(Buffer.from(reply.bytes));
		if (reply.type === 'failed') {
			failure = reply.message;
			log.error('embedded database failed', { error: reply.message });
			// "Connection terminated": the 503 every route answers alike (unavailable.ts).
			return stop(new Error(`Connection terminated: the embedded database failed`));
		}
		waiting.get(reply.type)?.shift()?.resolve(reply);
	});
	worker.on('error', (err) => stop(err));
	worker.on('exit', () => stop(new Error('Connection terminated: the embedded database stopped')));

	await expect('ready').catch(() => {
		throw new EmbeddedStartError(failure ?? 'the database thread stopped');
	});

	class WorkerSocket extends Duplex {
		readonly conn = ++opened;
		connect() {
			if (stopped) {
				process.nextTick(() => this.destroy(stopped ?? undefined));
				return this;
			}
			sockets.set(this.conn, this);
			process.nextTick(() => this.emit('connect'));
			return this;
		}
		setNoDelay() {
			return this;
		}
		setKeepAlive() {
			return this;
		}
		ref() {
			return this;
		}
		unref() {
			return this;
		}
		override _read() {}
		// Node-postgres corks a statement's messages (parse, bind, execute, sync), so they arrive
		// here together and cross to the worker in one message (copied once, then moved).
		override _writev(chunks: { chunk: Buffer }[], done: (err?: Error | null) => void) {
			if (stopped) return done(stopped);
			const data = new Uint8Array(chunks.reduce((n, c) => n + c.chunk.length, 0));
			let at = 0;
			for (const { chunk } of chunks) {
				data.set(chunk, at);
				at += chunk.length;
			}
			if (!(data.length === TERMINATE.length && TERMINATE.every((b, i) => data[i] === b)))
				worker.postMessage({ type: 'data', conn: this.conn, bytes: data.buffer }, [data.buffer]);
			done();
		}
		override _write(chunk: Buffer, _enc: string, done: (err?: Error | null) => void) {
			this._writev([{ chunk }], done);
		}
		override _final(done: () => void) {
			this.push(null);
			done();
		}
		override _destroy(err: Error | null, done: (err: Error | null) => void) {
			if (sockets.delete(this.conn) && !stopped)
				worker.postMessage({ type: 'end', conn: this.conn });
			done(err);
		}
	}

	const pool = new pg.Pool({
		// Enough to keep the worker fed while this thread renders; a transaction holds the rest.
		max: 4,
		// Kept open: a connection's prepared statements stay in the shared session after it goes.
		idleTimeoutMillis: 0,
		// PGlite speaks no TLS (PGSSLMODE in the environment must not ask for it).
		ssl: false,
		user: 'postgres',
		database: 'postgres',
		stream: () => new WorkerSocket()
	});
	return {
		pool,
		async dump() {
			const reply = expect('dump');
			worker.postMessage({ type: 'dump' });
			const r = await reply;
			if (r.type !== 'dump' || !r.bytes)
				throw new Error(`embedded database dump: ${r.type === 'dump' ? r.failed : r.type}`);
			return new Blob([r.bytes]);
		},
		async close() {
			let timer: NodeJS.Timeout | undefined;
			const closing = (async () => {
				if (!pool.ending) await pool.end();
				if (stopped) return;
				const closed = expect('closed');
				worker.postMessage({ type: 'close' });
				await closed;
			})();
			const late = new Promise<void>((resolve) => {
				timer = setTimeout(() => {
					log.warn('embedded database did not close in time: stopped');
					resolve();
				}, CLOSE_TIMEOUT_MS);
			});
			await Promise.race([closing.catch(() => {}), late]);
			clearTimeout(timer);
			await worker.terminate();
		}
	};
}

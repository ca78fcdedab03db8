// The embedded database as node-postgres sees it: PGlite runs on a worker thread
// (embedded-worker.js) and each connection is a stream of wire-protocol bytes to it, so the same
// driver, error objects and type parsing serve both databases, and the queries' CPU time is spent
// beside the thread that renders pages instead of on it (README, "Performance"). Several
// connections share PGlite's one session: the worker runs one transaction at a time and queues
// the others' statements behind it, so a statement is waiting there whenever the session frees.
import { Duplex } from 'node:stream';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import workerSource from './embedded-worker.js?raw';

type Reply =
	| { type: 'ready' | 'closed' }
	| { type: 'data'; conn: number; bytes: ArrayBuffer }
	| { type: 'dump'; bytes: ArrayBuffer }
	| { type: 'failed'; message: string };

export interface Embedded {
	pool: pg.Pool;
	/** The data directory as a tarball. */
	dump(): Promise<Blob>;
	close(): Promise<void>;
}

/** Node-postgres sends this when it closes a connection; PGlite's one session must live on. */
const TERMINATE = Buffer.from([0x58, 0, 0, 0, 4]);

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
	const waiting = new Map<string, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
	const expect = (type: string) =>
		new Promise<Reply>((resolve, reject) => {
			if (stopped) return reject(stopped);
			waiting.set(type, { resolve, reject });
		});
	const stop = (err: Error) => {
		stopped ??= err;
		for (const socket of sockets.values()) socket.destroy(err);
		for (const w of waiting.values()) w.reject(err);
		waiting.clear();
	};

	worker.on('message', (reply: Reply) => {
		if (reply.type === 'data') return void sockets.get(reply.conn)?.push(Buffer.from(reply.bytes));
		if (reply.type === 'failed') return stop(new Error(`embedded database: ${reply.message}`));
		const w = waiting.get(reply.type);
		waiting.delete(reply.type);
		w?.resolve(reply);
	});
	worker.on('error', stop);
	worker.on('exit', () => stop(new Error('Connection terminated: the embedded database stopped')));

	const ready = expect('ready');
	await ready.catch(async (err) => {
		await worker.terminate();
		throw err;
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
		// here together and cross to the worker in one message.
		override _writev(chunks: { chunk: Buffer }[], done: (err?: Error | null) => void) {
			const data = Buffer.concat(chunks.map((c) => c.chunk));
			if (stopped) return done(stopped);
			if (!data.equals(TERMINATE)) {
				const bytes = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
				worker.postMessage({ type: 'data', conn: this.conn, bytes }, [bytes]);
			}
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
			return new Blob([r.type === 'dump' ? r.bytes : new ArrayBuffer(0)]);
		},
		async close() {
			if (!pool.ending) await pool.end();
			if (!stopped) {
				const closed = expect('closed');
				worker.postMessage({ type: 'close' });
				await closed;
			}
			await worker.terminate();
		}
	};
}

// Loads a server module through Vite (same aliases, bundled SQL, TypeScript) and returns it, so
// command-line tasks share the app's code instead of keeping a second copy.
import { createServer } from 'vite';

/**
 * @template T
 * @param {string} path @param {(mod: any) => Promise<T>} fn @returns {Promise<T>}
 */
export async function withServerModule(path, fn) {
	const server = await createServer({
		server: { middlewareMode: true, hmr: false, watch: null },
		appType: 'custom',
		logLevel: 'error',
		optimizeDeps: { noDiscovery: true, include: [] }
	});
	try {
		const mod = await server.ssrLoadModule(path);
		return await fn(mod);
	} finally {
		await server.close();
	}
}

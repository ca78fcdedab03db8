import { readFileSync, writeFileSync } from 'node:fs';
import nodeAdapter from '@sveltejs/adapter-node';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/**
 * adapter-node takes the largest request body from BODY_SIZE_LIMIT when the server starts, and
 * has no build option for it: without the variable it is 512 kB, and the production recipe
 * (`node build`) refused every import above that. The build therefore sets the default itself,
 * in a module each entry imports first (ES modules run their imports in order, so it runs before
 * the bundled handler reads the variable); BODY_SIZE_LIMIT set by hand still wins.
 */
function adapter(options, bodySizeLimit) {
	const node = nodeAdapter(options);
	return {
		...node,
		async adapt(builder) {
			await node.adapt(builder);
			const out = options.out ?? 'build';
			writeFileSync(
				`${out}/limits.js`,
				`process.env.BODY_SIZE_LIMIT ??= ${JSON.stringify(bodySizeLimit)};\n`
			);
			// index.js is what `node build` runs; handler.js serves custom servers.
			for (const entry of ['index.js', 'handler.js']) {
				const file = `${out}/${entry}`;
				writeFileSync(file, `import './limits.js';\n${readFileSync(file, 'utf8')}`);
			}
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: {
		// Runes everywhere in our code; libraries keep their own mode.
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// Imports take files up to 10 MB (schemas/imports.ts), sent with the form's other fields.
		adapter: adapter({ precompress: false }, '48M'),
		// A fixed version instead of the build time: the client and server halves of a build always
		// agree, even when another tool re-syncs .svelte-kit while a build runs.
		version: { name: process.env.CAMKET_VERSION ?? pkg.version },
		// The CSRF origin check stays on (default); CSP is set here so SvelteKit can hash its inline scripts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none'],
				'base-uri': ['self'],
				'object-src': ['none']
			}
		}
	}
};

export default config;

// The bare SvelteKit app the HTTP benchmark compares the app with: same SvelteKit, Svelte and
// adapter from the project's node_modules, no database, no hooks. Its build goes under the root's
// .svelte-kit (already ignored by git, the linters and the type check).
import adapter from '@sveltejs/adapter-node';

const out = '../../../.svelte-kit/bench-bare';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ out: `${out}/build`, precompress: false }),
		outDir: `${out}/kit`
	}
};

export default config;

import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import tailwindcss from '@tailwindcss/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [
		tailwindcss(),
		sveltekit(),
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			emitTsDeclarations: true,
			strategy: ['cookie', 'baseLocale']
		})
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
		globalSetup: ['tests/integration/global-setup.ts'],
		benchmark: { include: ['tests/bench/**/*.bench.ts'] },
		// Each file opens its own embedded PostgreSQL (~0.7 GB); two at a time fits the 2-core CI machine.
		maxWorkers: 2,
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});

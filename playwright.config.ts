import { defineConfig, devices } from '@playwright/test';

const PORT = 4173;
const chromium = '/usr/bin/chromium';

// The e2e server runs the production build on a fresh database: embedded (data/e2e, whose seal key
// file the first start writes) by default, or the PostgreSQL database scripts/test.js prepared
// (E2E_DATABASE_URL as the app's role, E2E_SEAL_KEYS) when testing against a server.
export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	retries: 0,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ? [['list'], ['json']] : [['list']],
	use: {
		baseURL: `http://127.0.0.1:${PORT}`,
		locale: 'vi-VN',
		timezoneId: 'Asia/Ho_Chi_Minh',
		trace: 'off',
		launchOptions: {
			executablePath: chromium,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], channel: undefined } }],
	webServer: {
		command: 'rm -rf data/e2e && node build',
		url: `http://127.0.0.1:${PORT}/health`,
		timeout: 120_000,
		reuseExistingServer: false,
		stdout: 'ignore',
		stderr: 'pipe',
		// No BODY_SIZE_LIMIT: the server starts as the production recipe's `node build` does.
		env: {
			PORT: String(PORT),
			// Both stacks, so a test can also come from another address ([::1]).
			HOST: '::',
			ORIGIN: `http://127.0.0.1:${PORT}`,
			DATA_DIR: 'data/e2e',
			LOG_LEVEL: 'warn',
			// Idle keep-alive sockets outlive the test clients' reuse of them: at Node's default 5 s a
			// request sent as the server closes the socket ends in ECONNRESET (seen once in CI).
			KEEP_ALIVE_TIMEOUT: '65',
			HEADERS_TIMEOUT: '66',
			// The journeys run on the demo bloc; a plain `node build` seeds nothing.
			SEED_DEMO: '1',
			// Migrated by scripts/test.js (or a fresh embedded one): never an inherited owner's database.
			MIGRATION_DATABASE_URL: '',
			...(process.env.E2E_DATABASE_URL
				? { DATABASE_URL: process.env.E2E_DATABASE_URL, SEAL_KEYS: process.env.E2E_SEAL_KEYS ?? '' }
				: {})
		}
	}
});

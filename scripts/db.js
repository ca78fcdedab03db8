#!/usr/bin/env node
// npm run db:migrate | db:seed:demo | db:types
//   migrate     apply migrations to DATABASE_URL, as the role of MIGRATION_DATABASE_URL when set
//               (or to the embedded database under DATA_DIR)
//   seed-demo   migrate, then load the demo bloc into an empty database
//   create-admin <login> "<name>"   the first system administrator; prints an activation link
//   verify-commitments   recompute the hash and check the seal of every signed commitment; exit 1
//               if any was altered (needs SEAL_KEYS, or the embedded database's key file)
//   types       regenerate src/lib/server/db/schema.ts from a scratch database on the PostgreSQL
//               server named by TYPES_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres);
//               with --verify, fail when the committed file differs (CI drift check)
import { execFileSync } from 'node:child_process';
import pg from 'pg';
import { withServerModule } from './vite-run.js';

const [command, ...flags] = process.argv.slice(2);

async function admin(url, text) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query(text);
	} finally {
		await client.end();
	}
}

// Columns whose CHECK lists a fixed set of values get the TypeScript union of those values, so a
// misspelt kind or status fails to compile and label maps must cover every value.
const ENUM_COLUMNS = {
	'org_units.kind': ['UnitKind', '$lib/domain/roles'],
	'role_assignments.role': ['Role', '$lib/domain/roles'],
	'review_years.status': ['YearStatus', '$lib/domain/years/status', true],
	'review_years.rule_set': ['RuleSet', '$lib/domain/years/settings', true],
	'review_years.reporting_period': ['ReportingPeriod', '$lib/domain/years/settings', true],
	'member_statuses.status': ['MemberStatus', '$lib/domain/members'],
	'commitment_reviews.decision': ['ReviewDecision', '$lib/domain/commitment/states'],
	'registration_reviews.decision': ['RegistrationDecision', '$lib/domain/registration/states'],
	'catalog_versions.catalog': ['CatalogName', '$lib/domain/commitment/snapshot'],
	'catalog_items.area': ['AreaCode', '$lib/domain/commitment/snapshot'],
	'catalog_items.wording': ['ItemWording', '$lib/domain/commitment/document', false, true],
	'commitment_reviews.reviewer_post': [
		'ReviewerPost',
		'$lib/domain/commitment/document',
		false,
		true
	],
	'commitment_reviews.on_behalf_of': ['OnBehalfOf', '$lib/domain/commitment/document', false, true],
	'notifications.kind': ['NotificationKind', '$lib/domain/notifications'],
	'cell_rating_proposals.level': ['RatingLevel', '$lib/domain/rating/levels'],
	'rating_decisions.level': ['RatingLevel', '$lib/domain/rating/levels', false, true],
	'rating_decisions.ceiling': ['RatingLevel', '$lib/domain/rating/levels', false, true],
	'rating_decisions.kind': ['DecisionKind', '$lib/domain/rating/decision']
};

function enumOverrides() {
	const columns = {};
	const imports = {};
	for (const [column, [type, from, hasDefault, nullable]] of Object.entries(ENUM_COLUMNS)) {
		const t = nullable ? `${type} | null` : type;
		columns[column] = hasDefault ? `Generated<${t}>` : t;
		imports[type] = `${from}#${type}`;
	}
	return { overrides: JSON.stringify({ columns }), imports: JSON.stringify(imports) };
}

async function types(verify) {
	const server = process.env.TYPES_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
	const name = `camket_types_${process.pid}`;
	await admin(server, `create database ${name}`);
	const url = new URL(server);
	url.pathname = `/${name}`;
	try {
		await withServerModule('/src/lib/server/cli.ts', (cli) =>
			// The scratch database is migrated by its creator, never by an inherited owner URL.
			cli.run('migrate', {
				...process.env,
				DATABASE_URL: url.toString(),
				MIGRATION_DATABASE_URL: ''
			})
		);
		const args = [
			'kysely-codegen',
			'--url',
			url.toString(),
			'--dialect',
			'postgres',
			'--date-parser',
			'string',
			'--exclude-pattern',
			'kysely_*',
			'--overrides',
			enumOverrides().overrides,
			'--custom-imports',
			enumOverrides().imports,
			'--out-file',
			'src/lib/server/db/schema.ts',
			'--log-level',
			'error'
		];
		if (verify) args.push('--verify');
		execFileSync('npx', args, { stdio: 'inherit' });
	} finally {
		await admin(server, `drop database if exists ${name} with (force)`);
	}
}

try {
	if (command === 'types') await types(flags.includes('--verify'));
	else
		await withServerModule('/src/lib/server/cli.ts', (cli) => cli.run(command, process.env, flags));
} catch (err) {
	console.error(err instanceof Error ? err.message : err);
	process.exit(1);
}

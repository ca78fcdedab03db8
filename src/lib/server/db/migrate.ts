// Forward-only SQL migrations from /migrations, bundled at build time so nothing is read from disk.
import {
	Migrator,
	sql,
	type Migration,
	type MigrationProvider,
	type MigrationResultSet
} from 'kysely';
import { sealSignedBefore } from '../commitments/seal';
import type { SealKeys } from '../seal-keys';
import type { Db } from './connect';

const files = import.meta.glob('/migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export interface MigrateOptions {
	/** For the steps that seal rows; absent, they refuse to run when there is something to seal. */
	sealKeys?: SealKeys;
}

/**
 * What a SQL file cannot do itself, because it needs something kept outside the database: run
 * right after the file, in the same transaction. Frozen like the files they follow.
 */
const STEPS: Record<string, (db: Db, opts: MigrateOptions) => Promise<void>> = {
	'0012_commitment_seals': (db, opts) => sealSignedBefore(db, opts.sealKeys)
};

class SqlFileProvider implements MigrationProvider {
	readonly opts: MigrateOptions;
	constructor(opts: MigrateOptions) {
		this.opts = opts;
	}

	async getMigrations(): Promise<Record<string, Migration>> {
		const migrations: Record<string, Migration> = {};
		for (const [file, text] of Object.entries(files)) {
			const name = file.replace(/^.*\//, '').replace(/\.sql$/, '');
			const step = STEPS[name];
			migrations[name] = {
				up: async (db) => {
					// Without parameters pg uses the simple protocol, so one file may hold many statements.
					await sql.raw(text).execute(db);
					if (step) await step(db as Db, this.opts);
				}
			};
		}
		return migrations;
	}
}

/** The migrator over the bundled files (migrateToLatest; tests also stop at an earlier one). */
export function migrator(db: Db, opts: MigrateOptions = {}): Migrator {
	return new Migrator({ db, provider: new SqlFileProvider(opts) });
}

export async function migrateToLatest(
	db: Db,
	opts: MigrateOptions = {}
): Promise<MigrationResultSet> {
	const result = await migrator(db, opts).migrateToLatest();
	if (result.error) throw result.error;
	return result;
}

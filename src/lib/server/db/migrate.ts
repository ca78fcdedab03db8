// Forward-only SQL migrations from /migrations, bundled at build time so nothing is read from disk.
import {
	Migrator,
	sql,
	type Migration,
	type MigrationProvider,
	type MigrationResultSet
} from 'kysely';
import type { Db } from './connect';

const files = import.meta.glob('/migrations/*.sql', {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

class SqlFileProvider implements MigrationProvider {
	async getMigrations(): Promise<Record<string, Migration>> {
		const migrations: Record<string, Migration> = {};
		for (const [file, text] of Object.entries(files)) {
			const name = file.replace(/^.*\//, '').replace(/\.sql$/, '');
			// Without parameters pg uses the simple protocol, so one file may hold many statements.
			migrations[name] = { up: async (db) => void (await sql.raw(text).execute(db)) };
		}
		return migrations;
	}
}

export async function migrateToLatest(db: Db): Promise<MigrationResultSet> {
	const migrator = new Migrator({ db, provider: new SqlFileProvider() });
	const result = await migrator.migrateToLatest();
	if (result.error) throw result.error;
	return result;
}

// Server tasks run from the command line (scripts/db.js loads this module through Vite so the
// bundled migrations and $lib imports resolve exactly as in the app).
import { readConfig } from './config';
import { openMigrated, openWithSealKeys } from './db/open';

export async function run(
	command: string,
	env: NodeJS.ProcessEnv = process.env,
	args: string[] = []
): Promise<void> {
	const config = readConfig(env);
	// Migrating alone needs no seal key (unless rows signed before seals existed are to be sealed):
	// the types check migrates a scratch database. Everything else signs or verifies.
	const { conn, migrationsApplied } =
		command === 'migrate' ? await openMigrated(config) : await openWithSealKeys(config);
	try {
		console.log(`migrations applied: ${migrationsApplied}`);
		if (command === 'seed-demo') {
			const { seedDemo } = await import('./demo/seed');
			const began = Date.now();
			const summary = await seedDemo(conn.db);
			console.log(
				`demo bloc seeded: ${summary.units} units, ${summary.members} members, ` +
					`${summary.accounts} accounts in ${Date.now() - began} ms`
			);
		} else if (command === 'create-admin') {
			const [login, displayName] = args;
			if (!login || !displayName) throw new Error('usage: create-admin <login> "<display name>"');
			const { createSystemAdmin } = await import('./accounts/bootstrap');
			const { token, expiresAt } = await createSystemAdmin(conn.db, { login, displayName });
			const origin = env.ORIGIN ?? `http://localhost:${env.PORT ?? 3000}`;
			console.log(
				`System administrator '${login}' created. Activation link (valid until ${expiresAt.toISOString()}):`
			);
			console.log(`  ${origin}/activate/${token}`);
		} else if (command === 'verify-commitments') {
			const { checkIntegrity } = await import('./commitments/integrity');
			const { checked, mismatches } = await checkIntegrity(conn.db, 'all');
			console.log(
				`signed commitments checked: ${checked}; not matching their hash or seal: ${mismatches.length}`
			);
			for (const r of mismatches)
				console.log(
					`  commitment ${r.id}: member ${r.member_id}, ${r.cell}, year ${r.year}, version ${r.version}`
				);
			if (mismatches.length) process.exitCode = 1;
		} else if (command !== 'migrate') {
			throw new Error(`unknown command: ${command}`);
		}
	} finally {
		await conn.close();
	}
}

// The demo database: one provincial bloc shaped like the first customer's (69 grassroots
// organizations, 216 subordinate cells, 2,712 members), the same on every run. The plan is built
// in memory from a seeded PRNG, then written in one transaction with multi-row inserts.
import { hashPassword } from '$lib/server/auth/password';
import { DEMO_PASSWORD, type DemoLogin } from '$lib/server/settings';
import type { Db } from '$lib/server/db/connect';
import type { Accounts, RoleAssignments } from '$lib/server/db/schema';
import { sql, type Insertable } from 'kysely';
import { ADMIN_DISPLAY_NAME, ADMIN_LOGIN, assignDemoLogins, DEMO_LOGINS } from './logins';
import { planHistory } from './plan-history';
import { planPeople, type PersonPlan } from './plan-members';
import { planTree, type TreePlan, type UnitPlan } from './plan-units';
import { createRng, type Rng } from './rng';
import { seedCommitments, signedInJanuary } from './seed-commitments';
import { registeredInJanuary, seedRegistrations } from './seed-registrations';
import { seedAssessments } from './seed-assessments';
import { seedExemplary } from './seed-exemplary';
import { seedRatings } from './seed-ratings';
import { seedMeetings } from './seed-meetings';
import { seedReports } from './seed-reports';
import { todayInVietnam } from '$lib/domain/dates';
import { addYears } from './calendar';

const SEED = 20261128;
// ~500 rows keeps each statement well under PostgreSQL's 65,535 bind parameters.
const CHUNK = 500;

export interface SeedResult {
	commitments: number;
	units: number;
	members: number;
	accounts: number;
	logins: DemoLogin[];
}

export interface SeedOptions {
	/**
	 * The demo's today, 'YYYY-MM-DD': every date of the demo is relative to it, so the same today
	 * gives the same database. Vietnam's today by default; tests pass a fixed day.
	 */
	today?: string;
}

export async function seedDemo(
	db: Db,
	{ today = todayInVietnam() }: SeedOptions = {}
): Promise<SeedResult> {
	const { rng, tree, people } = planDemo(today);
	// One argon2 hash shared by every account: hashing 2,700 passwords would take half a minute.
	const passwordHash = await hashPassword(DEMO_PASSWORD);

	const result = await db.transaction().execute(async (trx) => {
		const existing = await trx.selectFrom('org_units').select('id').limit(1).executeTakeFirst();
		if (existing) {
			throw new Error(
				'The database already has organization units; the demo seed only runs on an empty database.'
			);
		}
		const unitIds = await insertUnits(trx, tree.units);
		const memberIds = await insertMembers(trx, people);
		const memberId = (p: PersonPlan) => lookup(memberIds, p.card_no);
		await insertChunks(
			people.flatMap((p) => p.statuses.map((s) => ({ ...s, member_id: memberId(p) }))),
			(rows) => trx.insertInto('member_statuses').values(rows).execute()
		);
		await insertChunks(
			people.flatMap((p) => membershipRows(p, memberId(p), unitIds)),
			(rows) => trx.insertInto('memberships').values(rows).execute()
		);
		const accountIds = await insertAccounts(trx, people, memberId, passwordHash);
		await insertChunks(roleRows(people, accountIds, unitIds, today), (rows) =>
			trx.insertInto('role_assignments').values(rows).execute()
		);
		await saveDemoLogins(trx);
		const demoMember = people.find((p) => p.login === 'dangvien');
		const demo = {
			keep: new Set(demoMember ? [memberId(demoMember)] : []),
			pendingCell: demoMember ? lookup(unitIds, demoMember.cell.code) : null
		};
		const blocId = lookup(unitIds, tree.units.find((u) => u.kind === 'bloc')!.code);
		const commitments = await seedCommitments(trx, rng, {
			blocId,
			today,
			keepUnsigned: demo.keep,
			pendingCell: demo.pendingCell
		});
		await seedRegistrations(trx, rng, {
			yearId: commitments.yearId,
			year: commitments.year,
			today,
			keepUnregistered: demo.keep,
			pendingCell: demo.pendingCell
		});
		// From autumn the demo year is the coming one: the running year is seeded beside it, with
		// its own random stream so the coming year's data stay as they were.
		const running = +today.slice(0, 4);
		const runningSigned =
			commitments.year === running
				? 0
				: await seedRunningYear(trx, {
						blocId,
						year: running,
						today,
						demoMember: demoMember ? memberId(demoMember) : null
					});
		return {
			commitments: commitments.signed + runningSigned,
			units: tree.units.length,
			members: people.length,
			accounts: accountIds.size,
			logins: DEMO_LOGINS
		};
	});
	// Thousands of rows arrived at once: give the planner their statistics now rather than when
	// autovacuum next looks (without them the follow-up pages' plans are several times slower).
	// Tables the connecting role does not own are skipped with a warning, not an error.
	await sql`analyze`.execute(db);
	return result;
}

async function seedRunningYear(
	trx: Db,
	opts: { blocId: number; year: number; today: string; demoMember: number | null }
): Promise<number> {
	const rng = createRng(SEED + 1);
	const none = { keepUnsigned: new Set<number>(), pendingCell: null };
	const signed = await seedCommitments(trx, rng, {
		...none,
		blocId: opts.blocId,
		today: opts.today,
		profile: signedInJanuary(opts.year)
	});
	await seedRegistrations(trx, rng, {
		yearId: signed.yearId,
		year: opts.year,
		today: opts.today,
		keepUnregistered: none.keepUnsigned,
		pendingCell: null,
		profile: registeredInJanuary(opts.year)
	});
	await seedReports(trx, rng, {
		yearId: signed.yearId,
		year: opts.year,
		today: opts.today,
		demoMember: opts.demoMember
	});
	await seedMeetings(trx, rng, {
		yearId: signed.yearId,
		year: opts.year,
		today: opts.today,
		theme: 'Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh'
	});
	await seedExemplary(trx, rng, {
		yearId: signed.yearId,
		today: opts.today,
		demoMember: opts.demoMember
	});
	await seedAssessments(trx, rng, {
		yearId: signed.yearId,
		year: opts.year,
		today: opts.today,
		demoMember: opts.demoMember
	});
	await seedRatings(trx, rng, {
		yearId: signed.yearId,
		today: opts.today,
		demoMember: opts.demoMember
	});
	return signed.signed;
}

/** The tree and the people for a today, before anything is written; the rng goes on to the commitments. */
export function planDemo(today: string): { rng: Rng; tree: TreePlan; people: PersonPlan[] } {
	const rng = createRng(SEED);
	const tree = planTree(rng);
	const people = planPeople(rng, tree, today);
	assignDemoLogins(people, tree);
	planHistory(rng, people, tree.cells, today);
	return { rng, tree, people };
}

/** Parents before children, level by level, so the path trigger finds each parent's path. */
async function insertUnits(trx: Db, units: UnitPlan[]): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	let pending = units;
	while (pending.length > 0) {
		const ready = pending.filter((u) => u.parentCode === null || ids.has(u.parentCode));
		if (ready.length === 0) throw new Error('the demo tree has a unit whose parent is missing');
		const rows = ready.map((u) => ({
			kind: u.kind,
			code: u.code,
			name: u.name,
			parent_id: u.parentCode === null ? null : lookup(ids, u.parentCode)
		}));
		await insertChunks(rows, async (chunk) => {
			const inserted = await trx
				.insertInto('org_units')
				.values(chunk)
				.returning(['id', 'code'])
				.execute();
			for (const row of inserted) ids.set(row.code, row.id);
		});
		pending = pending.filter((u) => !ids.has(u.code));
	}
	return ids;
}

async function insertMembers(trx: Db, people: PersonPlan[]): Promise<Map<string, number>> {
	const ids = new Map<string, number>();
	const rows = people.map((p) => ({
		card_no: p.card_no,
		full_name: p.full_name,
		gender: p.gender,
		birth_date: p.birth_date,
		joined_on: p.joined_on,
		full_member_on: p.full_member_on,
		party_position: p.party_position,
		government_position: p.government_position,
		mass_org_position: p.mass_org_position,
		workplace: p.workplace,
		phone: p.phone,
		email: p.email
	}));
	await insertChunks(rows, async (chunk) => {
		const inserted = await trx
			.insertInto('members')
			.values(chunk)
			.returning(['id', 'card_no'])
			.execute();
		for (const row of inserted) ids.set(row.card_no, row.id);
	});
	return ids;
}

function membershipRows(p: PersonPlan, member_id: number, unitIds: Map<string, number>) {
	const current = {
		member_id,
		unit_id: lookup(unitIds, p.cell.code),
		started_on: p.since,
		ended_on: null as string | null,
		end_reason: null as string | null
	};
	if (p.previousCellCode === null) return [current];
	const previous = {
		member_id,
		unit_id: lookup(unitIds, p.previousCellCode),
		started_on: p.joined_on,
		ended_on: p.since,
		end_reason: 'transfer'
	};
	return [previous, current];
}

/** Accounts keyed by card number (members) or login (the administrator). */
async function insertAccounts(
	trx: Db,
	people: PersonPlan[],
	memberId: (p: PersonPlan) => number,
	passwordHash: string
): Promise<Map<string, number>> {
	const common = { password_hash: passwordHash, must_change_password: false, locale: 'vi' };
	const rows: Insertable<Accounts>[] = people.map((p) => ({
		...common,
		member_id: memberId(p),
		login: p.login ?? p.card_no,
		display_name: p.full_name
	}));
	rows.push({ ...common, member_id: null, login: ADMIN_LOGIN, display_name: ADMIN_DISPLAY_NAME });
	const cardByMember = new Map(people.map((p) => [memberId(p), p.card_no]));
	const ids = new Map<string, number>();
	await insertChunks(rows, async (chunk) => {
		const inserted = await trx
			.insertInto('accounts')
			.values(chunk)
			.returning(['id', 'member_id', 'login'])
			.execute();
		for (const row of inserted) {
			const key = row.member_id === null ? row.login : cardByMember.get(row.member_id);
			if (key === undefined) throw new Error(`account ${row.login} has an unknown member`);
			ids.set(key, row.id);
		}
	});
	return ids;
}

function roleRows(
	people: PersonPlan[],
	accountIds: Map<string, number>,
	unitIds: Map<string, number>,
	today: string
): Insertable<RoleAssignments>[] {
	const rows: Insertable<RoleAssignments>[] = people.flatMap((p) =>
		p.roles.map((r) => ({
			account_id: lookup(accountIds, p.card_no),
			role: r.role,
			unit_id: lookup(unitIds, r.unitCode),
			started_on: r.started_on
		}))
	);
	rows.push({
		account_id: lookup(accountIds, ADMIN_LOGIN),
		role: 'system_admin',
		unit_id: null,
		// The administrator set the installation up two years before the demo's today.
		started_on: addYears(today, -2)
	});
	return rows;
}

/** The login page lists these accounts when the 'demo' setting exists. */
async function saveDemoLogins(trx: Db): Promise<void> {
	// Sent as JSON text for PostgreSQL to parse, whatever the driver does with JS objects.
	const value = JSON.stringify({ logins: DEMO_LOGINS });
	await trx
		.insertInto('app_settings')
		.values({ key: 'demo', value })
		.onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql`now()` }))
		.execute();
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
	for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK));
}

function lookup(ids: Map<string, number>, key: string): number {
	const id = ids.get(key);
	if (id === undefined) throw new Error(`the demo plan refers to an unknown key ${key}`);
	return id;
}

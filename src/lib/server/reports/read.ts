// A member's periodic reports for one year as stored: every version of every period with its
// evidence files, newest version first, in one statement; and what the member reports on (the
// actions of the registration in force and the cell's tasks).
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import {
	taskLineKey,
	type Reportable,
	type ReportContent,
	type SelfRating
} from '$lib/domain/report/content';
import type { MemberHandle } from '../access/guard';
import type { Db } from '../db/connect';
import type { RegistrationChain } from '../registrations/chain';
import type { AssignedTask } from '../registrations/tasks';

export interface ReportFile {
	id: number;
	line_key: string;
	name: string;
	media_type: string;
	size_bytes: number;
}

export interface ReportVersion {
	id: number;
	period: number;
	version: number;
	registration_id: number | null;
	content: ReportContent;
	self_rating: SelfRating | null;
	late: boolean;
	on_behalf: boolean;
	submitted_at: Date;
	submitted_by: string | null;
	files: ReportFile[];
}

/** Every report of the member's year, by period ascending and version descending. */
export async function loadReports(
	db: Db,
	member: MemberHandle,
	yearId: number
): Promise<ReportVersion[]> {
	const rows = await db
		.selectFrom('period_reports as r')
		.leftJoin('accounts as s', 's.id', 'r.submitted_by_account_id')
		.select((eb) => [
			'r.id',
			'r.period',
			'r.version',
			'r.registration_id',
			'r.content',
			'r.self_rating',
			'r.late',
			'r.on_behalf',
			'r.submitted_at',
			's.display_name as submitted_by',
			jsonArrayFrom(
				eb
					.selectFrom('period_report_evidence as e')
					.innerJoin('evidence_files as f', 'f.id', 'e.file_id')
					.select(['f.id', 'e.line_key', 'f.name', 'f.media_type', 'f.size_bytes'])
					.whereRef('e.report_id', '=', 'r.id')
					.orderBy('f.id')
			).as('files')
		])
		.where('r.member_id', '=', member.id)
		.where('r.year_id', '=', yearId)
		.orderBy('r.period')
		.orderBy('r.version', 'desc')
		.execute();
	return rows.map((r) => ({
		...r,
		content: r.content as unknown as ReportContent,
		self_rating: r.self_rating as unknown as SelfRating | null
	}));
}

/** The newest version of each period's report. */
export function latestByPeriod(reports: ReportVersion[]): Map<number, ReportVersion> {
	const out = new Map<number, ReportVersion>();
	for (const r of reports) if (!out.has(r.period)) out.set(r.period, r);
	return out;
}

/** What the member reports on: the registration in force's actions, then the cell's tasks. */
export function reportablesOf(chain: RegistrationChain, tasks: AssignedTask[]): Reportable[] {
	const actions = (chain.inForce?.content.actions ?? []).map((a) => ({
		key: a.key,
		title: a.title,
		target: a.target,
		task: false
	}));
	return [
		...actions,
		...tasks.map((t) => ({
			key: taskLineKey(t.id),
			title: t.task.title,
			target: t.task.target,
			task: true
		}))
	];
}

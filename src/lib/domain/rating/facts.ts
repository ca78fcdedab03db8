// The facts of a member's year the rules weigh, as the deciding level recorded them, and the check
// that they add up before the engine applies a rule set to them (engine.ts).
import { refuse, type Refused } from '$lib/domain/result';
import { SUBJECT_TYPES, type SubjectType } from './rule-set';

/** Party discipline, lightest first; khiển trách is already "khiển trách or heavier". */
export const DISCIPLINE_FORMS = ['reprimand', 'warning', 'dismissal', 'expulsion'] as const;
export type DisciplineForm = (typeof DISCIPLINE_FORMS)[number];

export interface Discipline {
	form: DisciplineForm;
	date: string;
	dutyRelated: boolean;
	selfFoundAndRemedied: boolean;
}

/** completed = onTime + late; total = completed + notCompleted; beyond ≤ completed. */
export interface TaskCounts {
	total: number;
	completed: number;
	onTime: number;
	late: number;
	beyondRequirements: number;
	notCompleted: number;
}

/** The units a leader directly leads. Shares are fractions, 0–1. */
export interface LeadershipFacts {
	unitsLed: number;
	unitsLedNotFulfilled: number;
	lowConfidenceVoteShare: number;
	tasksCompletedShare: number;
	tasksBeyondRequirementsShare: number;
}

export interface MemberFacts {
	subjectType: SubjectType;
	admittedOn: string;
	reviewOn: string;
	exempted: boolean;
	suspended: boolean;
	sickLeaveMonths: number;
	maternityLeave: boolean;
	/** Rated at the official cell with a comment from the temporary one; carried to the output. */
	temporaryActivity: boolean;
	/** Decided in the review year, at this unit or a previous one: violations there count too. */
	disciplines: Discipline[];
	concludedDecline: boolean;
	concludedProhibitedBreach: boolean;
	tasks: TaskCounts;
	shortcomings: { total: number; remedied: number };
	/** Required for leaders, ignored for everyone else. */
	leadership: LeadershipFacts | null;
}

/** The facts as the committee recorded them; the tasks come from the member's self-review annex. */
export type RecordedFacts = Omit<MemberFacts, 'tasks'>;

export type FactsProblemCode =
	| 'subject_type_invalid'
	| 'date_invalid'
	| 'count_invalid'
	| 'tasks_inconsistent'
	| 'shortcomings_inconsistent'
	| 'units_inconsistent'
	| 'share_invalid'
	| 'months_invalid'
	| 'leadership_missing'
	| 'discipline_invalid';

type FactsCheck = Refused<FactsProblemCode> | null;

const isCount = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;
const isShare = (n: unknown): boolean => typeof n === 'number' && n >= 0 && n <= 1;

function isDate(s: unknown): boolean {
	if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
	const d = new Date(`${s}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const TASK_KEYS = ['total', 'completed', 'onTime', 'late', 'beyondRequirements', 'notCompleted'];

function tasksProblem(t: TaskCounts): FactsCheck {
	const bad = TASK_KEYS.find((k) => !isCount(t[k as keyof TaskCounts]));
	if (bad) return refuse('count_invalid', { field: `tasks.${bad}` });
	const consistent =
		t.completed + t.notCompleted === t.total &&
		t.onTime + t.late === t.completed &&
		t.beyondRequirements <= t.completed;
	return consistent ? null : refuse('tasks_inconsistent', { field: 'tasks' });
}

function leadershipProblem(f: MemberFacts): FactsCheck {
	if (f.subjectType !== 'leader') return null;
	const l = f.leadership;
	if (!l) return refuse('leadership_missing', { field: 'leadership' });
	if (!isCount(l.unitsLed)) return refuse('count_invalid', { field: 'leadership.unitsLed' });
	if (!isCount(l.unitsLedNotFulfilled) || l.unitsLedNotFulfilled > l.unitsLed)
		return refuse('units_inconsistent', { field: 'leadership.unitsLedNotFulfilled' });
	const shares = ['lowConfidenceVoteShare', 'tasksCompletedShare', 'tasksBeyondRequirementsShare'];
	const bad = shares.find((k) => !isShare(l[k as keyof LeadershipFacts]));
	return bad ? refuse('share_invalid', { field: `leadership.${bad}` }) : null;
}

function personProblem(f: MemberFacts): FactsCheck {
	if (!SUBJECT_TYPES.includes(f.subjectType))
		return refuse('subject_type_invalid', { field: 'subjectType' });
	if (!isDate(f.admittedOn)) return refuse('date_invalid', { field: 'admittedOn' });
	if (!isDate(f.reviewOn)) return refuse('date_invalid', { field: 'reviewOn' });
	const months = f.sickLeaveMonths;
	if (!(typeof months === 'number' && months >= 0 && months <= 12))
		return refuse('months_invalid', { field: 'sickLeaveMonths' });
	const i = f.disciplines.findIndex((d) => !DISCIPLINE_FORMS.includes(d.form) || !isDate(d.date));
	return i === -1 ? null : refuse('discipline_invalid', { field: `disciplines.${i}` });
}

/** The first thing in the facts that does not add up, or null. */
export function factsProblem(f: MemberFacts): FactsCheck {
	const s = f.shortcomings;
	const shortcomings =
		!isCount(s.total) || !isCount(s.remedied) || s.remedied > s.total
			? refuse('shortcomings_inconsistent', { field: 'shortcomings' })
			: null;
	return personProblem(f) ?? tasksProblem(f.tasks) ?? shortcomings ?? leadershipProblem(f);
}

/** The same day `months` later; the 31st falls on the month's last day. */
export function addMonths(iso: string, months: number): string {
	const [y, m, d] = iso.split('-').map(Number);
	const index = y * 12 + (m - 1) + months;
	const year = Math.floor(index / 12);
	const month = (index % 12) + 1;
	const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
	const pad = (n: number, w: number) => String(n).padStart(w, '0');
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(Math.min(d, last), 2)}`;
}

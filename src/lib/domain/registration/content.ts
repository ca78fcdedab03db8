// A registration's content (Chỉ thị 05-CT/TW): what the member will study, the concrete actions
// they will take, and their self-training plan. Stored as JSON in each version; an action keeps
// its `key` from version to version, so the year's reports and the diff follow it through edits.

/** The five areas of following Hồ Chí Minh's example an action belongs to. */
export const ACTION_AREAS = ['thinking', 'ethics', 'style', 'duties', 'example'] as const;
export type ActionArea = (typeof ACTION_AREAS)[number];

export const FREQUENCIES = ['weekly', 'monthly', 'quarterly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export type Target =
	/** A number reached by year end: "100 % hồ sơ", "4 bài thu hoạch". */
	| { kind: 'number'; value: number; unit: string }
	/** Done or not: "không vi phạm quy định về nồng độ cồn". */
	| { kind: 'yes_no' };

export type Due = { kind: 'deadline'; on: string } | { kind: 'frequency'; every: Frequency };

export interface StudyItem {
	content: string;
	/** When, in the member's words: "quý I", "tháng 3". */
	when: string;
}

export interface ActionItem {
	key: string;
	title: string;
	area: ActionArea;
	target: Target;
	due: Due;
	/** How it will be shown: "biên bản", "số liệu phần mềm một cửa". */
	evidence: string;
}

export interface SelfTrainingPlan {
	content: string;
	measures: string;
	timeline: string;
}

export interface RegistrationContent {
	studies: StudyItem[];
	actions: ActionItem[];
	plan: SelfTrainingPlan;
}

export const MAX_STUDIES = 20;
export const MAX_ACTIONS = 20;

export const EMPTY_CONTENT: RegistrationContent = {
	studies: [],
	actions: [],
	plan: { content: '', measures: '', timeline: '' }
};

/** A fresh action key: 10 characters of [a-z0-9], unique within a registration. */
export function newActionKey(random: () => number = Math.random): string {
	let key = '';
	for (let i = 0; i < 10; i++)
		key += '0123456789abcdefghijklmnopqrstuvwxyz'[Math.floor(random() * 36)];
	return key;
}

export const ACTION_KEY = /^[a-z0-9]{10}$/;

/** Something to submit: at least one concrete action (the point of the registration). */
export function isSubmittable(c: RegistrationContent): boolean {
	return c.actions.length > 0;
}

/** The first and last day of the review year, between which every deadline falls. */
export function yearBounds(year: number): { from: string; to: string } {
	return { from: `${year}-01-01`, to: `${year}-12-31` };
}

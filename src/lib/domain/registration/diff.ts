// What changed from one registration version to the next, for the member's version list and the
// secretary who approves the new one. Actions are matched by their key, so an edited action shows
// as changed (field by field), not as one removed and one added.
import { sameJson } from '../json';
import type { ActionItem, RegistrationContent, SelfTrainingPlan, StudyItem } from './content';

export type ActionField = 'title' | 'area' | 'target' | 'due' | 'evidence';

export interface RegistrationDiff {
	actionsAdded: ActionItem[];
	actionsRemoved: ActionItem[];
	actionsChanged: { before: ActionItem; after: ActionItem; fields: ActionField[] }[];
	studiesAdded: StudyItem[];
	studiesRemoved: StudyItem[];
	planChanged: (keyof SelfTrainingPlan)[];
}

const ACTION_FIELDS: ActionField[] = ['title', 'area', 'target', 'due', 'evidence'];
const PLAN_FIELDS: (keyof SelfTrainingPlan)[] = ['content', 'measures', 'timeline'];

/** The same content, whatever order its objects' keys come in. */
export const sameContent = (a: RegistrationContent, b: RegistrationContent): boolean =>
	sameJson(a, b);
const studyKey = (s: StudyItem) => JSON.stringify([s.content, s.when]);

export function diffRegistrations(
	a: RegistrationContent,
	b: RegistrationContent
): RegistrationDiff {
	const before = new Map(a.actions.map((x) => [x.key, x]));
	const after = new Map(b.actions.map((x) => [x.key, x]));
	const studiesA = new Set(a.studies.map(studyKey));
	const studiesB = new Set(b.studies.map(studyKey));
	return {
		actionsAdded: b.actions.filter((x) => !before.has(x.key)),
		actionsRemoved: a.actions.filter((x) => !after.has(x.key)),
		actionsChanged: b.actions.flatMap((x) => {
			const old = before.get(x.key);
			if (!old) return [];
			const fields = ACTION_FIELDS.filter((f) => !sameJson(old[f], x[f]));
			return fields.length ? [{ before: old, after: x, fields }] : [];
		}),
		studiesAdded: b.studies.filter((s) => !studiesA.has(studyKey(s))),
		studiesRemoved: a.studies.filter((s) => !studiesB.has(studyKey(s))),
		planChanged: PLAN_FIELDS.filter((f) => a.plan[f] !== b.plan[f])
	};
}

export function isEmptyDiff(d: RegistrationDiff): boolean {
	return (
		d.actionsAdded.length +
			d.actionsRemoved.length +
			d.actionsChanged.length +
			d.studiesAdded.length +
			d.studiesRemoved.length +
			d.planChanged.length ===
		0
	);
}

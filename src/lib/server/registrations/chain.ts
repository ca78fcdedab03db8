// A member's registration for one year as stored: the draft (if any), every submitted version
// with the cell's decision on it, and the state derived from them (domain/registration/states).
import type { RegistrationContent } from '$lib/domain/registration/content';
import { deriveState, type RegistrationState } from '$lib/domain/registration/states';
import { contentOf } from '$lib/schemas/registration';
import type { MemberHandle } from '../access/guard';
import type { Db } from '../db/connect';

export interface SubmittedVersion {
	id: number;
	version: number;
	unit_id: number;
	submitted_at: Date;
	on_behalf: boolean;
	submitted_by: string | null;
	/** When the member confirmed a version entered on their behalf. */
	acknowledged_at: Date | null;
	content: RegistrationContent;
	decision: 'approved' | 'returned' | null;
	comment: string | null;
	reviewed_at: Date | null;
	reviewer_name: string | null;
}

export interface RegistrationChain {
	draft: { content: RegistrationContent; updated_at: Date; on_behalf: boolean } | null;
	/** Newest first. */
	versions: SubmittedVersion[];
	latest: SubmittedVersion | null;
	/** The version the year's reports follow: the newest approved one. */
	inForce: SubmittedVersion | null;
	state: RegistrationState;
}

export async function loadRegistration(
	db: Db,
	member: MemberHandle,
	yearId: number
): Promise<RegistrationChain> {
	const [draft, versions] = await Promise.all([
		db
			.selectFrom('registration_drafts')
			.select(['content', 'updated_at', 'entered_by_account_id'])
			.where('member_id', '=', member.id)
			.where('year_id', '=', yearId)
			.executeTakeFirst(),
		db
			.selectFrom('registrations as g')
			.leftJoin('registration_reviews as r', 'r.registration_id', 'g.id')
			.leftJoin('accounts as a', 'a.id', 'r.reviewer_account_id')
			.leftJoin('accounts as s', 's.id', 'g.submitted_by_account_id')
			.leftJoin('registration_acknowledgements as k', 'k.registration_id', 'g.id')
			.select([
				'g.id',
				'g.version',
				'g.unit_id',
				'g.submitted_at',
				'g.on_behalf',
				's.display_name as submitted_by',
				'k.acknowledged_at',
				'g.content',
				'r.decision',
				'r.comment',
				'r.reviewed_at',
				'a.display_name as reviewer_name'
			])
			.where('g.member_id', '=', member.id)
			.where('g.year_id', '=', yearId)
			.orderBy('g.version', 'desc')
			.execute()
	]);
	const typed: SubmittedVersion[] = versions.map((v) => ({
		...v,
		content: contentOf(v.content)
	}));
	const latest = typed[0] ?? null;
	return {
		draft: draft
			? {
					content: contentOf(draft.content),
					updated_at: draft.updated_at,
					on_behalf: draft.entered_by_account_id !== null
				}
			: null,
		versions: typed,
		latest,
		inForce: typed.find((v) => v.decision === 'approved') ?? null,
		// Submitting deletes the draft: one that exists is newer than every version.
		state: deriveState({ hasDraft: !!draft, latest: latest && { decision: latest.decision } })
	};
}

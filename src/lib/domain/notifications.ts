// What the app tells a person in their notification list, by kind, with what each kind carries.
// A new kind is added here first: the label map (components/notice-labels.ts) then fails to
// compile until it has words for it.
export interface NotificationPayloads {
	/** The cell returned a signed commitment; the comment is read from the review. */
	'commitment.returned': { commitment_id: number; year_id: number };
	/** The cell reminded a member who has not signed yet. */
	'commitment.reminder': { year_id: number };
	/** The cell returned a submitted registration; the comment is read from the review. */
	'registration.returned': { registration_id: number; year_id: number };
	/** The cell commented on the member's report or action; the text is read from the comment. */
	'report.comment': { comment_id: number; year_id: number };
	/** A period's report is due in a few days and not sent yet (reports/reminders.ts). */
	'report.due_soon': { year_id: number; period: number };
	/** A period's report is overdue. */
	'report.overdue': { year_id: number; period: number };
	/** The committee approved the cell's proposal of the member as an exemplary example. */
	'exemplary.approved': { proposal_id: number; year_id: number };
	/** The grassroots organization approved its members' ratings: the member's level is out. */
	'rating.published': { year_id: number };
	/** The bloc re-rated or cancelled the member's published rating; the reason is on the page. */
	'rating.changed': { year_id: number };
	/** A system administrator reset the account's password (the holder should know). */
	'account.password_reset': Record<string, never>;
}

export type NotificationKind = keyof NotificationPayloads;

// Words and link for each kind of notification. A Record over every kind: a kind added in
// domain/notifications.ts without words here does not compile.
import type { NotificationKind } from '$lib/domain/notifications';
import { m } from '$lib/paraglide/messages';

interface NoticeView {
	text: (year: string) => string;
	/** Where the notification leads, from the year it is about; null for one that only informs. */
	href: ((year: number) => string) | null;
	/** The words of that link. */
	open?: () => string;
}

export const NOTICES: Record<NotificationKind, NoticeView> = {
	'commitment.reminder': {
		text: (year) => m.progress_notice_reminder({ year }),
		href: (year) => `/commitments/${year}`
	},
	'commitment.returned': {
		text: (year) => m.progress_notice_returned({ year }),
		href: (year) => `/commitments/${year}`
	},
	'registration.returned': {
		text: (year) => m.registration_notice_returned({ year }),
		href: (year) => `/registrations/${year}`,
		open: m.registration_notice_open
	},
	'report.comment': {
		text: (year) => m.report_notice_comment({ year }),
		href: (year) => `/registrations/${year}/reports`,
		open: m.report_notice_open
	},
	'report.due_soon': {
		text: (year) => m.report_notice_due_soon({ year }),
		href: (year) => `/registrations/${year}/reports`,
		open: m.report_notice_report
	},
	'report.overdue': {
		text: (year) => m.report_notice_overdue({ year }),
		href: (year) => `/registrations/${year}/reports`,
		open: m.report_notice_report
	},
	'exemplary.approved': {
		text: (year) => m.exemplary_notice_approved({ year }),
		href: null
	},
	'rating.published': {
		text: (year) => m.ratings_notice_published({ year }),
		href: (year) => `/assessments/${year}`,
		open: m.ratings_result_title
	},
	'rating.changed': {
		text: (year) => m.ratings_notice_changed({ year }),
		href: (year) => `/assessments/${year}`,
		open: m.ratings_result_title
	},
	'account.password_reset': {
		text: () => m.admin_notice_password_reset(),
		href: null
	}
};

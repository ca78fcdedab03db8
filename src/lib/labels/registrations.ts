// The registrations' words: states, areas, targets and due dates, and the registration window.
import type { ActionArea, ActionItem, Frequency } from '$lib/domain/registration/content';
import type { RegistrationState } from '$lib/domain/registration/states';
import type { PhaseStatus } from '$lib/domain/years/phases';
import { m } from '$lib/paraglide/messages';
import { formatDate } from './format';
import { lookup } from './lookup';

const states: Record<RegistrationState, () => string> = {
	not_started: m.registration_state_not_started,
	draft: m.registration_state_draft,
	submitted: m.registration_state_submitted,
	returned: m.registration_state_returned,
	approved: m.registration_state_approved
};
export const registrationStateLabel = (s: string): string => lookup(states, s);

const areas: Record<ActionArea, () => string> = {
	thinking: m.registration_area_thinking,
	ethics: m.registration_area_ethics,
	style: m.registration_area_style,
	duties: m.registration_area_duties,
	example: m.registration_area_example
};
export const actionAreaLabel = (a: string): string => lookup(areas, a);

const frequencies: Record<Frequency, () => string> = {
	weekly: m.registration_every_weekly,
	monthly: m.registration_every_monthly,
	quarterly: m.registration_every_quarterly
};
export const frequencyLabel = (f: string): string => lookup(frequencies, f);

const number = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

export function targetText(a: Pick<ActionItem, 'target'>): string {
	if (a.target.kind !== 'number') return m.registration_target_yes_no();
	// "100% hồ sơ", as Vietnamese writes a percentage; "4 bài" otherwise.
	const gap = a.target.unit.startsWith('%') ? '' : ' ';
	return `${number.format(a.target.value)}${gap}${a.target.unit}`;
}

export function dueText(a: ActionItem): string {
	return a.due.kind === 'deadline'
		? m.registration_due_by({ date: formatDate(a.due.on) })
		: frequencyLabel(a.due.every);
}

/** When registering opens, until when it is open, or that it closed. */
export function registrationPhaseText(phase: PhaseStatus): string {
	switch (phase.state) {
		case 'open':
			return m.registration_phase_open({ date: formatDate(phase.closesOn) });
		case 'not_yet':
			return m.registration_phase_not_yet({ date: formatDate(phase.opensOn) });
		case 'ended':
			return m.registration_phase_ended({ date: formatDate(phase.closedOn) });
		case 'year_closed':
			return m.registration_phase_year_closed();
		case 'year_draft':
			return m.registration_phase_year_draft();
	}
}

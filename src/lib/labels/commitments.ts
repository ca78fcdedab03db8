// The commitments' words: states and the signing window, for the follow-up pages, the member's
// pages and the home page.
import type { CommitmentState } from '$lib/domain/commitment/states';
import type { PhaseStatus } from '$lib/domain/years/phases';
import { m } from '$lib/paraglide/messages';
import { formatDate } from './format';
import { lookup } from './lookup';

const states: Record<CommitmentState, () => string> = {
	not_started: m.commitment_state_not_started,
	draft: m.commitment_state_draft,
	signed: m.commitment_state_signed,
	returned: m.commitment_state_returned,
	confirmed: m.commitment_state_confirmed
};

/** Also the cell's decisions (confirmed, returned), which share the states' words. */
export const commitmentStateLabel = (s: string): string => lookup(states, s);

/** When signing opens, until when it is open, or that it closed. */
export function phaseText(phase: PhaseStatus): string {
	switch (phase.state) {
		case 'open':
			return m.commitment_phase_open({ date: formatDate(phase.closesOn) });
		case 'not_yet':
			return m.commitment_phase_not_yet({ date: formatDate(phase.opensOn) });
		case 'ended':
			return m.commitment_phase_ended({ date: formatDate(phase.closedOn) });
		case 'year_closed':
			return m.commitment_phase_year_closed();
		case 'year_draft':
			return m.commitment_phase_year_draft();
	}
}

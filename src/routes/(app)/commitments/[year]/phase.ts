import type { PhaseStatus } from '$lib/domain/commitment/phases';
import { formatDate } from '$lib/labels';
import { m } from '$lib/paraglide/messages';

/** Says when signing opens, until when it is open, or that it closed. */
export function phaseMessage(phase: PhaseStatus): string {
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

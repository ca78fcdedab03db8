// Proposing a member as an exemplary example (the reasons, the member's files it points to) and
// the committee's answer (declining says why). Plain forms: they work without JavaScript.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { optionalText, text } from './fields';

const MAX_FILES = 20;

export const proposalSchema = z.object({
	member_id: z.coerce.number().int().positive(),
	reasons: text(20, 4000, { multiline: true }),
	files: z.array(z.coerce.number().int().positive()).max(MAX_FILES)
});
export type ProposalInput = z.infer<typeof proposalSchema>;

export const decisionSchema = z
	.object({
		proposal_id: z.coerce.number().int().positive(),
		decision: z.enum(['approved', 'declined'], { error: () => m.v_invalid_choice() }),
		note: optionalText(2000, { multiline: true })
	})
	.refine((d) => d.decision === 'approved' || d.note !== null, {
		path: ['note'],
		error: () => m.exemplary_err_note_required()
	});
export type DecisionInput = z.infer<typeof decisionSchema>;

const str = (form: FormData, k: string) => {
	const v = form.get(k);
	return typeof v === 'string' ? v : '';
};

export function readProposalForm(form: FormData) {
	return {
		member_id: str(form, 'member_id'),
		reasons: str(form, 'reasons'),
		files: form.getAll('files').filter((v): v is string => typeof v === 'string')
	};
}

export function readDecisionForm(form: FormData) {
	return {
		proposal_id: str(form, 'proposal_id'),
		decision: str(form, 'decision'),
		note: str(form, 'note')
	};
}

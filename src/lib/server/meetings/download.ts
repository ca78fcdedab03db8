// The minutes of a meeting as a file: DOCX to edit and print, PDF to file. Whoever may read the
// cell's members may download them; each download is in the access trail.
import { error, type RequestEvent } from '@sveltejs/kit';
import { auditCtx, idParam, requireActor } from '../access/guard';
import * as audit from '../audit/log';
import { downloadResponse } from '../http/download';
import { openCell } from './cell';
import { minutesDocument } from './minutes';
import { renderMinutesDocx } from './minutes-docx';
import { renderMinutesPdf } from './minutes-pdf';
import { findMeeting } from './read';

const TYPES = {
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	pdf: 'application/pdf'
} as const;

export async function minutesDownload(
	event: RequestEvent<{ id: string; meetingId: string }>,
	format: keyof typeof TYPES
): Promise<Response> {
	const ctx = requireActor(event);
	const { unit } = await openCell(ctx, idParam(event.params.id), null);
	const meeting = await findMeeting(ctx.db, unit, idParam(event.params.meetingId));
	if (!meeting) error(404);
	const doc = await minutesDocument(ctx.db, unit, meeting);
	const body = format === 'docx' ? await renderMinutesDocx(doc) : await renderMinutesPdf(doc);
	await audit.record(ctx.db, auditCtx(ctx), {
		action: 'meeting.minutes_downloaded',
		entityType: 'cell_meeting',
		entityId: meeting.id,
		unitPath: unit.path,
		changes: { format }
	});
	return downloadResponse(
		body,
		TYPES[format],
		`bien-ban-sinh-hoat-chi-bo-${meeting.held_on}.${format}`
	);
}

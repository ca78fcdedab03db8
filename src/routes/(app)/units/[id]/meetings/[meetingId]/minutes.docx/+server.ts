import { minutesDownload } from '$lib/server/meetings/download';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = (event) => minutesDownload(event, 'docx');

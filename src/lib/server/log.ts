// Structured JSON lines on stdout through pino, written asynchronously: a request's log line costs
// no blocking write (pino flushes what is buffered when the process exits). Only ids and technical
// facts go here: never names, card numbers, passwords, tokens or form contents (the data is
// sensitive personal data under Vietnamese law); the redaction below is a second line of defence.
import pino, { type DestinationStream } from 'pino';
import { readConfig, type Config } from './config';

type Fields = Record<string, string | number | boolean | null | undefined>;

/** Keys whose values never reach the log, even when a caller passes them by mistake. */
const SECRET_KEYS = [
	'password',
	'token',
	'secret',
	'cookie',
	'authorization',
	'email',
	'phone',
	'full_name',
	'fullName',
	'card_no',
	'cardNo',
	'login'
];

export function createLog(level: Config['logLevel'], destination: DestinationStream) {
	const logger = pino(
		{
			level,
			base: undefined,
			timestamp: pino.stdTimeFunctions.isoTime,
			formatters: { level: (label) => ({ level: label }) },
			redact: { paths: SECRET_KEYS, censor: '[redacted]' }
		},
		destination
	);
	return {
		debug: (msg: string, fields: Fields = {}) => logger.debug(fields, msg),
		info: (msg: string, fields: Fields = {}) => logger.info(fields, msg),
		warn: (msg: string, fields: Fields = {}) => logger.warn(fields, msg),
		error: (msg: string, fields: Fields = {}) => logger.error(fields, msg)
	};
}

export const log = createLog(readConfig().logLevel, pino.destination({ dest: 1, sync: false }));

/** The error's class and code only: messages from drivers can quote row values. */
export function errorFields(err: unknown): Fields {
	if (err instanceof Error) {
		const code = (err as { code?: unknown }).code;
		return { error: err.name, code: typeof code === 'string' ? code : undefined };
	}
	return { error: typeof err };
}

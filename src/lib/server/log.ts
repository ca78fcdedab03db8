// Structured JSON lines on stdout. Only ids and technical facts go here: never names, card numbers,
// passwords, tokens or form contents (the data is sensitive personal data under Vietnamese law).
import { readConfig } from './config';

type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, string | number | boolean | null | undefined>;

const order: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = order[readConfig().logLevel];

function write(level: Level, msg: string, fields: Fields = {}): void {
	if (order[level] < threshold) return;
	const line = JSON.stringify({ time: new Date().toISOString(), level, msg, ...fields });
	if (level === 'error' || level === 'warn') console.error(line);
	else console.log(line);
}

export const log = {
	debug: (msg: string, fields?: Fields) => write('debug', msg, fields),
	info: (msg: string, fields?: Fields) => write('info', msg, fields),
	warn: (msg: string, fields?: Fields) => write('warn', msg, fields),
	error: (msg: string, fields?: Fields) => write('error', msg, fields)
};

/** The error's class and code only: messages from drivers can quote row values. */
export function errorFields(err: unknown): Fields {
	if (err instanceof Error) {
		const code = (err as { code?: unknown }).code;
		return { error: err.name, code: typeof code === 'string' ? code : undefined };
	}
	return { error: typeof err };
}

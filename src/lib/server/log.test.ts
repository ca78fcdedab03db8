import { describe, expect, it } from 'vitest';
import { createLog, errorFields } from './log';

function capture(level: 'debug' | 'info' | 'warn' | 'error') {
	const lines: Record<string, unknown>[] = [];
	const log = createLog(level, { write: (s: string) => void lines.push(JSON.parse(s)) });
	return { log, lines };
}

describe('log', () => {
	it('writes one JSON line per call: time, level, message and the fields given', () => {
		const { log, lines } = capture('info');
		log.info('request', { requestId: 'r1', status: 200, accountId: undefined });
		expect(lines).toHaveLength(1);
		const [line] = lines;
		expect(line).toEqual({
			level: 'info',
			time: expect.any(String),
			msg: 'request',
			requestId: 'r1',
			status: 200
		});
		expect(new Date(line.time as string).toISOString()).toBe(line.time);
	});

	it('drops lines below LOG_LEVEL', () => {
		const { log, lines } = capture('warn');
		log.debug('d');
		log.info('i');
		log.warn('w');
		log.error('e', errorFields(Object.assign(new Error('row value'), { code: '23505' })));
		expect(lines.map((l) => l.level)).toEqual(['warn', 'error']);
		expect(lines[1]).toMatchObject({ error: 'Error', code: '23505' });
		expect(JSON.stringify(lines)).not.toContain('row value');
	});

	it('redacts personal data and secrets passed by mistake', () => {
		const { log, lines } = capture('info');
		log.info('oops', { password: 'hunter2', card_no: '10000001', login: 'bithu', unitId: 7 });
		expect(lines[0]).toMatchObject({
			password: '[redacted]',
			card_no: '[redacted]',
			login: '[redacted]',
			unitId: 7
		});
		expect(JSON.stringify(lines)).not.toMatch(/hunter2|10000001|bithu/);
	});
});

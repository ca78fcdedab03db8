import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionLabel } from './labels';

/** Every `action: '…'` literal the server code writes to the audit trail. */
function writtenActions(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true, recursive: true })
		.filter((f) => f.isFile() && f.name.endsWith('.ts') && !f.name.endsWith('.test.ts'))
		.flatMap((f) =>
			[
				...readFileSync(join(f.parentPath, f.name), 'utf8').matchAll(
					/action: '([a-z_]+\.[a-z_]+)'/g
				)
			].map((x) => x[1])
		);
}

describe('audit action labels', () => {
	it('name every action the code writes, in words', () => {
		const actions = [
			...new Set([...writtenActions('src/lib/server'), ...writtenActions('src/routes')])
		];
		expect(actions.length).toBeGreaterThan(20);
		expect(actions.filter((a) => actionLabel(a) === a)).toEqual([]);
	});
});

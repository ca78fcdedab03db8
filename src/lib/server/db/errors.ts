// Database errors that forms turn into field messages: matched by constraint name, never by text.

export function pgCode(err: unknown): string | undefined {
	const code = (err as { code?: unknown } | null)?.code;
	return typeof code === 'string' ? code : undefined;
}

/** The violated constraint of a unique / check / foreign-key / trigger error, if any. */
export function constraintOf(err: unknown): string | undefined {
	const code = pgCode(err);
	if (!code || !['23505', '23514', '23503', '23P01', '42501'].includes(code)) return undefined;
	const constraint = (err as { constraint?: unknown }).constraint;
	return typeof constraint === 'string' ? constraint : undefined;
}

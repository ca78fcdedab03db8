// Outgoing e-mail through SMTP (nodemailer). Configured by the environment only: SMTP_URL
// (smtp://user:pass@host:587, or smtps:// for implicit TLS) and MAIL_FROM. Without SMTP_URL no
// mail is sent and callers fall back to in-app notifications. Addresses, names and message text
// are personal data: only counts reach the log.
import nodemailer from 'nodemailer';
import { errorFields, log } from './log';

export interface MailConfig {
	url: string;
	from: string;
}

export interface OutgoingMail {
	to: string;
	subject: string;
	text: string;
}

/** Read at each use, not once at start, so a changed environment (tests) takes effect. */
export function readMailConfig(env: NodeJS.ProcessEnv = process.env): MailConfig | undefined {
	const url = env.SMTP_URL?.trim();
	if (!url) return undefined;
	return { url, from: env.MAIL_FROM?.trim() || 'camket <no-reply@localhost>' };
}

export function mailConfigured(): boolean {
	return readMailConfig() !== undefined;
}

/**
 * Sends each mail separately (one recipient each, so nobody sees another's address) over a small
 * connection pool. Returns undefined when SMTP is not configured. A failed mail does not stop the
 * others; it is counted.
 */
export async function sendMails(
	mails: OutgoingMail[],
	config: MailConfig | undefined = readMailConfig()
): Promise<{ sent: number; failed: number } | undefined> {
	if (!config) return undefined;
	if (mails.length === 0) return { sent: 0, failed: 0 };
	const transport = nodemailer.createTransport({
		url: config.url,
		pool: true,
		maxConnections: 3,
		// A slow or unreachable server must not hold the request for minutes.
		connectionTimeout: 10_000,
		greetingTimeout: 10_000,
		socketTimeout: 30_000
	});
	try {
		const results = await Promise.allSettled(
			mails.map((mail) =>
				transport.sendMail({
					from: config.from,
					to: mail.to,
					subject: mail.subject,
					text: mail.text
				})
			)
		);
		const failed = results.filter((r) => r.status === 'rejected');
		if (failed.length)
			log.warn('mail not sent', {
				failed: failed.length,
				total: mails.length,
				...errorFields((failed[0] as PromiseRejectedResult).reason)
			});
		return { sent: mails.length - failed.length, failed: failed.length };
	} finally {
		transport.close();
	}
}

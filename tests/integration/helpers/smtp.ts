// Reading the e-mails an SMTP catcher (smtp-server) received: headers decoded (RFC 2047), the body
// decoded from its transfer encoding, as a person's mail program would show them.
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** RFC 2047 encoded words (adjacent ones joined) → text. */
function decodeHeader(value: string): string {
	const words = /=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g;
	let out = '';
	let pending: Buffer[] = [];
	let last = 0;
	const flush = () => {
		out += Buffer.concat(pending).toString('utf8');
		pending = [];
	};
	for (const w of value.matchAll(words)) {
		const between = value.slice(last, w.index);
		if (!(pending.length && /^\s*$/.test(between))) {
			flush();
			out += between;
		}
		pending.push(
			w[2].toUpperCase() === 'B'
				? Buffer.from(w[3], 'base64')
				: Buffer.from(
						w[3]
							.replace(/_/g, ' ')
							.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
						'latin1'
					)
		);
		last = w.index + w[0].length;
	}
	flush();
	return out + value.slice(last);
}

export function parseMail(raw: Buffer) {
	const text = raw.toString('latin1');
	const split = text.indexOf('\r\n\r\n');
	const head = text.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
	const body = text.slice(split + 4);
	const header = (name: string) =>
		new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1].trim() ?? '';
	const encoding = header('Content-Transfer-Encoding').toLowerCase();
	const bytes =
		encoding === 'base64'
			? Buffer.from(body, 'base64')
			: encoding === 'quoted-printable'
				? Buffer.from(
						body
							.replace(/=\r\n/g, '')
							.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))),
						'latin1'
					)
				: Buffer.from(body, 'latin1');
	return {
		subject: decodeHeader(header('Subject')),
		contentType: header('Content-Type'),
		from: header('From'),
		text: bytes.toString('utf8')
	};
}

export interface Received {
	to: string[];
	raw: Buffer;
}

/** A local SMTP server that keeps every mail it is sent; `url` is for SMTP_URL. */
export async function startCatcher(): Promise<{
	received: Received[];
	url: string;
	close(): Promise<void>;
}> {
	const received: Received[] = [];
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				received.push({
					to: session.envelope.rcptTo.map((r) => r.address),
					raw: Buffer.concat(chunks)
				});
				callback();
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		received,
		url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	};
}

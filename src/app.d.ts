import type { Actor } from '$lib/server/access/actor';
import type { SessionAccount } from '$lib/server/auth/session';
import type { Db } from '$lib/server/db/connect';

declare global {
	namespace App {
		interface Error {
			message: string;
			/** The request id, shown to the user so support can find the log line. */
			id?: string;
		}
		interface Locals {
			requestId: string;
			db: Db;
			session: SessionAccount | null;
			actor: Actor | null;
		}
	}
}

export {};

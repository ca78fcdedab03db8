-- A keyed seal on every signed commitment (issue 7, item 2). The SHA-256 shows that a snapshot
-- was changed, unless whoever changed it also rewrote the hash and the code, which anyone who can
-- write the table can do. The seal is an HMAC-SHA-256 of the hash, the code and the row's own
-- columns under a key kept outside the database (commitments/seal.ts), so a rewrite made through
-- SQL no longer verifies. seal_key_id names the key, so keys can be rotated and old ones kept to
-- verify what they sealed.

alter table commitments
	add column seal text constraint commitments_seal_check check (seal ~ '^[0-9a-f]{64}$'),
	add column seal_key_id text constraint commitments_seal_key_id_check check (seal_key_id ~ '^[A-Za-z0-9_-]{1,32}$');

-- Every row is sealed. NOT VALID: enforced for every row written from now on, while the rows
-- signed before this migration are sealed by the step that runs right after this file, in the
-- same transaction and with the key (db/migrate.ts), which then validates the constraint.
alter table commitments add constraint commitments_sealed_check
	check (seal is not null and seal_key_id is not null) not valid;

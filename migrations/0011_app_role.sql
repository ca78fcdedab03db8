-- The app's own database role (issue 7, item 1). Migrations run as the role that owns the schema
-- (MIGRATION_DATABASE_URL); the app connects as a login role that is a member of camket_app,
-- owns nothing and holds only the privileges below. Only an owner may switch a trigger off,
-- replace refuse_change() or change a table, so the app's credentials alone cannot rewrite a
-- signed commitment, a review or the audit trail.
--
-- A migration cannot know the name of the deployer's login role, hence this group role: the
-- deployer makes their login role a member of it (README, "Production on PostgreSQL"). In a
-- one-role setup (and on the embedded database) the app is the owner and these grants change
-- nothing.

-- Roles belong to the whole cluster, and test databases are migrated side by side: another
-- session may create the role between the check and the create.
do $$
begin
	if not exists (select from pg_roles where rolname = 'camket_app') then
		create role camket_app nologin;
	end if;
exception
	when duplicate_object or unique_violation then null;
	when insufficient_privilege then
		raise exception 'the role camket_app does not exist and % may not create roles', current_user
			using hint = 'As a superuser: create role camket_app nologin; then migrate again (README, Production on PostgreSQL).';
end;
$$;

-- No DDL: nobody but the owner creates objects in the schema (PostgreSQL 15 already revokes
-- this from PUBLIC in new databases; older clusters carry the grant over).
revoke create on schema public from public;
grant usage on schema public to camket_app;

-- Reading and writing rows, never TRUNCATE, REFERENCES or TRIGGER.
grant select, insert, update, delete on all tables in schema public to camket_app;
-- Signed means final (0004, 0008): rows are added, never changed or removed.
revoke update, delete on audit_log, commitments, commitment_reviews from camket_app;
-- The migrator's bookkeeping: the app may see that nothing is pending, and no more.
revoke insert, update, delete on kysely_migration, kysely_migration_lock from camket_app;

-- Tables created by later migrations get the same row privileges. A later migration that adds
-- a table whose rows are final must revoke update and delete on it, as above (the privileges
-- test in tests/integration/app-role.test.ts fails until it does).
alter default privileges in schema public grant select, insert, update, delete on tables to camket_app;

-- A row lock needs UPDATE privilege, which the app has no longer on commitments: the checks
-- that lock a commitment (0009) run as their owner. Trigger functions cannot be called any
-- other way, and the fixed search_path keeps them from resolving a name the caller planted.
alter function commitments_chain_check() security definer set search_path = public, pg_temp;
alter function commitment_reviews_check() security definer set search_path = public, pg_temp;

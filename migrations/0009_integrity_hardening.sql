-- Closing gaps in the database's own guarantees (0004, 0005, 0007, 0008): TRUNCATE, a race between
-- signing a new version and reviewing the old one, and years that were not fully read-only.

-- Row triggers do not fire for TRUNCATE: without these, one statement empties what no UPDATE or
-- DELETE may touch (a TRUNCATE … CASCADE from accounts or org_units reaches all of them).
create trigger audit_log_no_truncate before truncate on audit_log
	for each statement execute function refuse_change();
create trigger catalog_versions_no_truncate before truncate on catalog_versions
	for each statement execute function refuse_change();
create trigger catalog_items_no_truncate before truncate on catalog_items
	for each statement execute function refuse_change();
create trigger commitments_no_truncate before truncate on commitments
	for each statement execute function refuse_change();
create trigger commitment_reviews_no_truncate before truncate on commitment_reviews
	for each statement execute function refuse_change();

-- The year row, share-locked for the rest of the transaction when it is open: closing it (which
-- updates the row) waits for a signature or review in flight, and one that comes after a close
-- finds the year closed. review_year_open() cannot lock: it is STABLE.
create function lock_open_review_year(p_year_id integer) returns boolean
language plpgsql as $$
begin
	perform 1 from review_years y where y.id = p_year_id and y.status = 'open' for share;
	return found;
end;
$$;

-- Signing a new version and reviewing the one it supersedes both lock that version's row first.
-- Under READ COMMITTED a plain EXISTS does not see the other transaction's uncommitted row, so
-- both could pass and a confirmed version end up superseded. With the lock the second waits for
-- the first to commit, and its next statement (a new snapshot) sees the first one's row.
-- FOR UPDATE takes a row lock only: commitments_immutable does not fire.
create or replace function commitments_chain_check() returns trigger
language plpgsql as $$
declare
	prev commitments%rowtype;
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'commitments_year_open_check';
	end if;
	if new.supersedes_id is not null then
		select * into prev from commitments where id = new.supersedes_id for update;
		if prev.member_id <> new.member_id or prev.year_id <> new.year_id or new.version <> prev.version + 1 then
			raise exception 'a new version must follow the previous one of the same member and year'
				using errcode = 'check_violation', constraint = 'commitments_version_chain_check';
		end if;
		if exists (select 1 from commitment_reviews r where r.commitment_id = prev.id and r.decision = 'confirmed') then
			raise exception 'a confirmed commitment is final'
				using errcode = 'check_violation', constraint = 'commitments_confirmed_final_check';
		end if;
	end if;
	return new;
end;
$$;

create or replace function commitment_reviews_check() returns trigger
language plpgsql as $$
declare
	reviewed commitments%rowtype;
begin
	select * into reviewed from commitments c where c.id = new.commitment_id for update;
	if not lock_open_review_year(reviewed.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'commitment_reviews_year_open_check';
	end if;
	if exists (select 1 from commitments c where c.supersedes_id = new.commitment_id) then
		raise exception 'this version was superseded'
			using errcode = 'check_violation', constraint = 'commitment_reviews_latest_check';
	end if;
	return new;
end;
$$;

-- The year's life as years/manage.ts allows it: draft → open → closed, and closed → open again
-- (reopening). A closed year is read-only: reopening changes the status and clears closed_at, and
-- nothing else may change in the same statement (updated_at is stamped by its own trigger).
create or replace function review_years_closed_check() returns trigger
language plpgsql as $$
begin
	if new.status <> old.status
		and (old.status, new.status) not in (('draft', 'open'), ('open', 'closed'), ('closed', 'open')) then
		raise exception 'a review year cannot go from % to %', old.status, new.status
			using errcode = 'check_violation', constraint = 'review_years_status_transition_check';
	end if;
	if old.status = 'closed' and (new.status = 'closed'
		or to_jsonb(new) - array['status', 'closed_at', 'updated_at']
			<> to_jsonb(old) - array['status', 'closed_at', 'updated_at']) then
		raise exception 'the review year is closed'
			using errcode = 'check_violation', constraint = 'review_years_closed_check';
	end if;
	return new;
end;
$$;

-- A draft is work towards a signature: like the signature, only in an open year (nor moved out
-- of one that is not).
create function commitment_drafts_year_open_check() returns trigger
language plpgsql as $$
begin
	if not review_year_open(new.year_id) or (tg_op = 'UPDATE' and not review_year_open(old.year_id)) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'commitment_drafts_year_open_check';
	end if;
	return new;
end;
$$;

create trigger commitment_drafts_year_open_check before insert or update on commitment_drafts
	for each row execute function commitment_drafts_year_open_check();

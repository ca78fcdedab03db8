-- Yearly commitments (bản cam kết tu dưỡng, rèn luyện, phấn đấu).
-- A draft is the member's work in progress. Signing writes an immutable row holding the canonical
-- snapshot of everything the member saw and its SHA-256; an amendment is a new signed version that
-- supersedes the previous one. The cell's confirmation or return is a separate immutable row.

create table commitment_drafts (
	id integer generated always as identity primary key,
	member_id integer not null constraint commitment_drafts_member_id_fkey references members (id),
	year_id integer not null constraint commitment_drafts_year_id_fkey references review_years (id),
	personal_items jsonb not null default '{}',
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint commitment_drafts_member_year_key unique (member_id, year_id),
	constraint commitment_drafts_items_check check (jsonb_typeof(personal_items) = 'object')
);

create trigger commitment_drafts_updated_at before update on commitment_drafts
	for each row execute function set_updated_at();

create table commitments (
	id integer generated always as identity primary key,
	member_id integer not null constraint commitments_member_id_fkey references members (id),
	year_id integer not null constraint commitments_year_id_fkey references review_years (id),
	unit_id integer not null constraint commitments_unit_id_fkey references org_units (id),
	version integer not null constraint commitments_version_check check (version > 0),
	supersedes_id integer constraint commitments_supersedes_id_fkey references commitments (id),
	snapshot jsonb not null,
	snapshot_sha256 text not null constraint commitments_sha256_check check (snapshot_sha256 ~ '^[0-9a-f]{64}$'),
	verification_code text not null constraint commitments_code_check check (verification_code ~ '^[A-Z2-7]{12}$'),
	signer_account_id integer not null constraint commitments_signer_account_id_fkey references accounts (id),
	signed_at timestamptz not null default now(),
	client_ip text,
	user_agent text constraint commitments_user_agent_check check (length(user_agent) <= 500),
	constraint commitments_member_year_version_key unique (member_id, year_id, version),
	constraint commitments_supersedes_key unique (supersedes_id),
	constraint commitments_sha256_key unique (snapshot_sha256),
	constraint commitments_code_key unique (verification_code),
	constraint commitments_version_chain_check check ((version = 1) = (supersedes_id is null))
);

create index commitments_year_unit_idx on commitments (year_id, unit_id);
create index commitments_member_idx on commitments (member_id, year_id, version desc);

-- Signed means final: no role, administrators included, may change or remove one.
create trigger commitments_immutable before update or delete on commitments
	for each row execute function refuse_change();

-- Nothing is signed or reviewed in a year that is not open.
create function review_year_open(p_year_id integer) returns boolean
language sql stable
return exists (select 1 from review_years y where y.id = p_year_id and y.status = 'open');

-- A new version continues its own chain (same member and year, next number) and never
-- supersedes a confirmed commitment.
create function commitments_chain_check() returns trigger
language plpgsql as $$
declare
	prev commitments%rowtype;
begin
	if not review_year_open(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'commitments_year_open_check';
	end if;
	if new.supersedes_id is not null then
		select * into prev from commitments where id = new.supersedes_id;
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

create trigger commitments_chain_check before insert on commitments
	for each row execute function commitments_chain_check();

-- The cell's decision on one signed version: confirm (xác nhận) or return with a comment.
create table commitment_reviews (
	id integer generated always as identity primary key,
	commitment_id integer not null constraint commitment_reviews_commitment_id_fkey references commitments (id),
	decision text not null constraint commitment_reviews_decision_check check (decision in ('confirmed', 'returned')),
	comment text constraint commitment_reviews_comment_check check (length(comment) <= 2000),
	reviewer_account_id integer not null constraint commitment_reviews_reviewer_fkey references accounts (id),
	reviewed_at timestamptz not null default now(),
	constraint commitment_reviews_commitment_key unique (commitment_id),
	constraint commitment_reviews_comment_required check (decision = 'confirmed' or length(btrim(comment)) > 0)
);

create trigger commitment_reviews_immutable before update or delete on commitment_reviews
	for each row execute function refuse_change();

-- Only the latest version of a chain can be reviewed, and only while its year is open.
create function commitment_reviews_check() returns trigger
language plpgsql as $$
declare
	review_year integer;
begin
	select c.year_id into review_year from commitments c where c.id = new.commitment_id;
	if not review_year_open(review_year) then
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

create trigger commitment_reviews_check before insert on commitment_reviews
	for each row execute function commitment_reviews_check();

-- In-app notifications (reminders to sign, a returned commitment, …); e-mail is sent besides
-- when SMTP is configured.
create table notifications (
	id bigint generated always as identity primary key,
	account_id integer not null constraint notifications_account_id_fkey references accounts (id),
	kind text not null,
	payload jsonb not null default '{}',
	created_at timestamptz not null default now(),
	read_at timestamptz
);

create index notifications_account_idx on notifications (account_id, created_at desc);

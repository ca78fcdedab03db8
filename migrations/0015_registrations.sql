-- Registrations (bản đăng ký học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh,
-- Chỉ thị 05-CT/TW): what a member will study, the concrete actions they will take and their
-- self-training plan, for one review year. Shaped as the commitments are (0008): a draft is the
-- work in progress; submitting writes an immutable version; a change after that is a new version
-- superseding the previous one; the cell's approval or return is a separate immutable row. Unlike
-- a confirmed commitment an approved registration can still change: the new version needs approval
-- again, and the approved one stays what the year is reported against until then.

-- The year's theme (chuyên đề năm), set by the bloc: what members' registrations follow this year.
alter table review_years add column theme text
	constraint review_years_theme_check check (length(theme) <= 300);

create table registration_drafts (
	id integer generated always as identity primary key,
	member_id integer not null constraint registration_drafts_member_id_fkey references members (id),
	year_id integer not null constraint registration_drafts_year_id_fkey references review_years (id),
	content jsonb not null,
	-- Who saved it last when that was not the member (a secretary entering it on their behalf).
	entered_by_account_id integer
		constraint registration_drafts_entered_by_fkey references accounts (id),
	created_at timestamptz not null default now(),
	updated_at timestamptz not null default now(),
	constraint registration_drafts_member_year_key unique (member_id, year_id),
	constraint registration_drafts_content_check check (jsonb_typeof(content) = 'object')
);

create trigger registration_drafts_updated_at before update on registration_drafts
	for each row execute function set_updated_at();

-- A draft is work towards a submission: like it, only in an open year (nor moved out of one).
create function registration_drafts_year_open_check() returns trigger
language plpgsql as $$
begin
	if not review_year_open(new.year_id) or (tg_op = 'UPDATE' and not review_year_open(old.year_id)) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'registration_drafts_year_open_check';
	end if;
	return new;
end;
$$;

create trigger registration_drafts_year_open_check before insert or update on registration_drafts
	for each row execute function registration_drafts_year_open_check();

create table registrations (
	id integer generated always as identity primary key,
	member_id integer not null constraint registrations_member_id_fkey references members (id),
	year_id integer not null constraint registrations_year_id_fkey references review_years (id),
	-- The member's cell when the version was submitted.
	unit_id integer not null constraint registrations_unit_id_fkey references org_units (id),
	version integer not null constraint registrations_version_check check (version > 0),
	supersedes_id integer constraint registrations_supersedes_id_fkey references registrations (id),
	content jsonb not null constraint registrations_content_check check (jsonb_typeof(content) = 'object'),
	submitted_by_account_id integer not null
		constraint registrations_submitted_by_fkey references accounts (id),
	-- Entered by the cell for a member who cannot use the app; the member confirms it later.
	on_behalf boolean not null default false,
	submitted_at timestamptz not null default now(),
	constraint registrations_member_year_version_key unique (member_id, year_id, version),
	constraint registrations_supersedes_key unique (supersedes_id),
	constraint registrations_version_chain_check check ((version = 1) = (supersedes_id is null))
);

create index registrations_year_unit_idx on registrations (year_id, unit_id);
create index registrations_member_idx on registrations (member_id, year_id, version desc);

-- Submitted means kept as it was: no role may change or remove a version.
create trigger registrations_immutable before update or delete on registrations
	for each row execute function refuse_change();
create trigger registrations_no_truncate before truncate on registrations
	for each statement execute function refuse_change();

-- A new version continues its own chain, in an open year. The previous version's row is locked
-- first, as a review of it locks it: of a review and a new version racing, the second to commit
-- sees the first (0009 explains the lock).
create function registrations_chain_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
	prev registrations%rowtype;
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'registrations_year_open_check';
	end if;
	if new.supersedes_id is not null then
		select * into prev from registrations where id = new.supersedes_id for update;
		if prev.member_id <> new.member_id or prev.year_id <> new.year_id or new.version <> prev.version + 1 then
			raise exception 'a new version must follow the previous one of the same member and year'
				using errcode = 'check_violation', constraint = 'registrations_version_chain_check';
		end if;
	end if;
	return new;
end;
$$;

create trigger registrations_chain_check before insert on registrations
	for each row execute function registrations_chain_check();

-- The cell's decision on one submitted version: approve (duyệt) or return with a comment.
create table registration_reviews (
	id integer generated always as identity primary key,
	registration_id integer not null
		constraint registration_reviews_registration_id_fkey references registrations (id),
	decision text not null constraint registration_reviews_decision_check
		check (decision in ('approved', 'returned')),
	comment text constraint registration_reviews_comment_check check (length(comment) <= 2000),
	reviewer_account_id integer not null
		constraint registration_reviews_reviewer_fkey references accounts (id),
	reviewed_at timestamptz not null default now(),
	constraint registration_reviews_registration_key unique (registration_id),
	-- A NULL comment must fail too: `null > 0` is NULL, which a CHECK lets through.
	constraint registration_reviews_comment_required
		check (decision = 'approved' or coalesce(length(btrim(comment)), 0) > 0)
);

create trigger registration_reviews_immutable before update or delete on registration_reviews
	for each row execute function refuse_change();
create trigger registration_reviews_no_truncate before truncate on registration_reviews
	for each statement execute function refuse_change();

-- Only the latest version is reviewed, only while its year is open.
create function registration_reviews_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
	reviewed registrations%rowtype;
begin
	select * into reviewed from registrations r where r.id = new.registration_id for update;
	if not lock_open_review_year(reviewed.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'registration_reviews_year_open_check';
	end if;
	if exists (select 1 from registrations r where r.supersedes_id = new.registration_id) then
		raise exception 'this version was superseded'
			using errcode = 'check_violation', constraint = 'registration_reviews_latest_check';
	end if;
	return new;
end;
$$;

create trigger registration_reviews_check before insert on registration_reviews
	for each row execute function registration_reviews_check();

-- A version the cell entered on a member's behalf, confirmed by the member when they can.
create table registration_acknowledgements (
	registration_id integer primary key
		constraint registration_acknowledgements_registration_id_fkey references registrations (id),
	account_id integer not null
		constraint registration_acknowledgements_account_id_fkey references accounts (id),
	acknowledged_at timestamptz not null default now()
);

create trigger registration_acknowledgements_immutable
	before update or delete on registration_acknowledgements
	for each row execute function refuse_change();
create trigger registration_acknowledgements_no_truncate before truncate on registration_acknowledgements
	for each statement execute function refuse_change();

-- Common actions a cell's secretary (or a committee) proposes to its members for the year: each
-- member adopts one into their own registration and adapts it there. Not a record anyone signs:
-- withdrawing one hides it from members and leaves what they adopted alone.
create table action_templates (
	id integer generated always as identity primary key,
	unit_id integer not null constraint action_templates_unit_id_fkey references org_units (id),
	year_id integer not null constraint action_templates_year_id_fkey references review_years (id),
	action jsonb not null constraint action_templates_action_check check (jsonb_typeof(action) = 'object'),
	created_by_account_id integer not null
		constraint action_templates_created_by_fkey references accounts (id),
	created_at timestamptz not null default now(),
	withdrawn_at timestamptz
);

create index action_templates_unit_year_idx on action_templates (unit_id, year_id)
	where withdrawn_at is null;

-- Tasks the cell assigns to a member (nhiệm vụ chi bộ giao), beside the actions the member
-- registers: the same shape (title, area, target, deadline or frequency, evidence), reported on and
-- evaluated the same way. Withdrawn rather than deleted, so reports made on one keep their task.
create table assigned_tasks (
	id integer generated always as identity primary key,
	member_id integer not null constraint assigned_tasks_member_id_fkey references members (id),
	year_id integer not null constraint assigned_tasks_year_id_fkey references review_years (id),
	-- The member's cell when the task was given.
	unit_id integer not null constraint assigned_tasks_unit_id_fkey references org_units (id),
	task jsonb not null constraint assigned_tasks_task_check check (jsonb_typeof(task) = 'object'),
	assigned_by_account_id integer not null
		constraint assigned_tasks_assigned_by_fkey references accounts (id),
	assigned_at timestamptz not null default now(),
	withdrawn_at timestamptz
);

create index assigned_tasks_member_year_idx on assigned_tasks (member_id, year_id);

-- Given and withdrawn only while the year is open, as every record of the year.
create function assigned_tasks_year_open_check() returns trigger
language plpgsql as $$
begin
	if not review_year_open(new.year_id) or (tg_op = 'UPDATE' and not review_year_open(old.year_id)) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'assigned_tasks_year_open_check';
	end if;
	return new;
end;
$$;

create trigger assigned_tasks_year_open_check before insert or update on assigned_tasks
	for each row execute function assigned_tasks_year_open_check();

-- Final records: rows are added, never changed or removed (0011).
revoke update, delete on registrations, registration_reviews, registration_acknowledgements
	from camket_app;

-- The same hole in the commitments' check (0008): a return with no comment at all passed it.
alter table commitment_reviews drop constraint commitment_reviews_comment_required;
alter table commitment_reviews add constraint commitment_reviews_comment_required
	check (decision = 'confirmed' or coalesce(length(btrim(comment)), 0) > 0);

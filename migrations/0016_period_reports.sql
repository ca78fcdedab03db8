-- Periodic reports (báo cáo định kỳ): for each reporting period of the year (a month or a quarter,
-- as the year says) a member reports on each action of their approved registration and each task
-- the cell gave them: a status, the value reached, a short narrative and evidence files. Reports are
-- append-only per period: a correction is a new version that supersedes the previous one, as
-- registrations are (0015). Late reports are accepted and marked late by the database.

-- A period's report is due this many days after the period ends (the year's setting).
alter table review_years add column report_due_days integer not null default 10
	constraint review_years_report_due_days_check check (report_due_days between 0 and 60);

-- The first and last day of a reporting period and the day its report is due. Mirrored by
-- domain/years/periods.ts for display; a test holds the two equal.
create function report_period_bounds(
	p_year integer, p_kind text, p_period integer, p_due_days integer,
	out starts_on date, out ends_on date, out due_on date
)
language sql immutable as $$
	select b.s, b.e, b.e + p_due_days
	from (
		select s, (s + m - interval '1 day')::date as e
		from (
			select make_date(p_year, case when p_kind = 'quarterly' then (p_period - 1) * 3 + 1 else p_period end, 1) as s,
				case when p_kind = 'quarterly' then interval '3 months' else interval '1 month' end as m
		) a
	) b
$$;

-- Vietnam's calendar day of a moment (UTC+7 all year: no daylight saving), as todayInVietnam().
create function vietnam_date(p_at timestamptz) returns date
language sql immutable as $$ select ((p_at at time zone 'UTC') + interval '7 hours')::date $$;

create table period_reports (
	id integer generated always as identity primary key,
	member_id integer not null constraint period_reports_member_id_fkey references members (id),
	year_id integer not null constraint period_reports_year_id_fkey references review_years (id),
	-- The member's cell when the report was made.
	unit_id integer not null constraint period_reports_unit_id_fkey references org_units (id),
	period integer not null constraint period_reports_period_range_check check (period between 1 and 12),
	version integer not null constraint period_reports_version_check check (version > 0),
	supersedes_id integer constraint period_reports_supersedes_id_fkey references period_reports (id),
	-- The approved registration version reported on; none when the member reports only the cell's tasks.
	registration_id integer constraint period_reports_registration_id_fkey references registrations (id),
	content jsonb not null constraint period_reports_content_check check (jsonb_typeof(content) = 'object'),
	-- The quarterly self-rating (QĐ 366, Mẫu 05), which the year-end review sums up.
	self_rating jsonb constraint period_reports_self_rating_check
		check (self_rating is null or jsonb_typeof(self_rating) = 'object'),
	-- Set by period_reports_check from the period's due day; a correction keeps its first version's.
	late boolean not null default false,
	submitted_by_account_id integer not null
		constraint period_reports_submitted_by_fkey references accounts (id),
	on_behalf boolean not null default false,
	submitted_at timestamptz not null default now(),
	constraint period_reports_member_period_version_key unique (member_id, year_id, period, version),
	constraint period_reports_supersedes_key unique (supersedes_id),
	constraint period_reports_version_chain_check check ((version = 1) = (supersedes_id is null))
);

create index period_reports_year_unit_idx on period_reports (year_id, unit_id, period);
create index period_reports_member_idx on period_reports (member_id, year_id, period, version desc);

create trigger period_reports_immutable before update or delete on period_reports
	for each row execute function refuse_change();
create trigger period_reports_no_truncate before truncate on period_reports
	for each statement execute function refuse_change();

-- In an open year, for a period of the year that has started, continuing its own chain, on the
-- member's own registration; marks the report late when it comes after the due day.
create function period_reports_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
declare
	y review_years%rowtype;
	prev period_reports%rowtype;
	bounds record;
	periods integer;
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'period_reports_year_open_check';
	end if;
	select * into y from review_years where id = new.year_id;
	-- (A CASE inside IF … THEN would end the condition at its own THEN.)
	periods := 12;
	if y.reporting_period = 'quarterly' then
		periods := 4;
	end if;
	if new.period > periods then
		raise exception 'the year has no such reporting period'
			using errcode = 'check_violation', constraint = 'period_reports_period_check';
	end if;
	select * into bounds from report_period_bounds(y.year, y.reporting_period, new.period, y.report_due_days);
	if vietnam_date(new.submitted_at) < bounds.starts_on then
		raise exception 'the reporting period has not started'
			using errcode = 'check_violation', constraint = 'period_reports_started_check';
	end if;
	if new.registration_id is not null and not exists (
		select 1 from registrations g
		where g.id = new.registration_id and g.member_id = new.member_id and g.year_id = new.year_id
	) then
		raise exception 'a report follows the member''s own registration of that year'
			using errcode = 'check_violation', constraint = 'period_reports_registration_check';
	end if;
	if new.supersedes_id is null then
		new.late := vietnam_date(new.submitted_at) > bounds.due_on;
	else
		-- Locked as registrations lock theirs (0015): of two corrections racing, the second waits.
		select * into prev from period_reports where id = new.supersedes_id for update;
		if prev.member_id <> new.member_id or prev.year_id <> new.year_id
				or prev.period <> new.period or new.version <> prev.version + 1 then
			raise exception 'a correction must follow the previous report of the same member and period'
				using errcode = 'check_violation', constraint = 'period_reports_version_chain_check';
		end if;
		new.late := prev.late;
	end if;
	return new;
end;
$$;

create trigger period_reports_check before insert on period_reports
	for each row execute function period_reports_check();

-- Evidence files: the bytes live in the blob store (server/evidence/storage.ts) under storage_key,
-- checked by content and stripped of metadata before they were stored. A file is kept as long as
-- the reports that show it: never changed, never removed.
create table evidence_files (
	id integer generated always as identity primary key,
	member_id integer not null constraint evidence_files_member_id_fkey references members (id),
	year_id integer not null constraint evidence_files_year_id_fkey references review_years (id),
	storage_key text not null constraint evidence_files_storage_key_check check (storage_key ~ '^[0-9a-f]{32}$'),
	name text not null constraint evidence_files_name_check check (length(name) between 1 and 200),
	media_type text not null constraint evidence_files_media_type_check check (length(media_type) between 3 and 100),
	size_bytes integer not null constraint evidence_files_size_check check (size_bytes > 0),
	sha256 text not null constraint evidence_files_sha256_check check (sha256 ~ '^[0-9a-f]{64}$'),
	uploaded_by_account_id integer not null
		constraint evidence_files_uploaded_by_fkey references accounts (id),
	uploaded_at timestamptz not null default now(),
	constraint evidence_files_storage_key_key unique (storage_key)
);

create index evidence_files_member_idx on evidence_files (member_id);

create trigger evidence_files_immutable before update or delete on evidence_files
	for each row execute function refuse_change();
create trigger evidence_files_no_truncate before truncate on evidence_files
	for each statement execute function refuse_change();

-- Which files a report shows, per line (an action's key, or `task-<id>` for a task the cell gave).
create table period_report_evidence (
	report_id integer not null constraint period_report_evidence_report_id_fkey references period_reports (id),
	file_id integer not null constraint period_report_evidence_file_id_fkey references evidence_files (id),
	line_key text not null constraint period_report_evidence_line_key_check
		check (line_key ~ '^([a-z0-9]{10}|task-[0-9]{1,9})$'),
	constraint period_report_evidence_pkey primary key (report_id, file_id)
);

create index period_report_evidence_file_idx on period_report_evidence (file_id);

create trigger period_report_evidence_immutable before update or delete on period_report_evidence
	for each row execute function refuse_change();
create trigger period_report_evidence_no_truncate before truncate on period_report_evidence
	for each statement execute function refuse_change();

-- A report shows only its own member's files.
create function period_report_evidence_member_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not exists (
		select 1 from period_reports r join evidence_files f on f.member_id = r.member_id
		where r.id = new.report_id and f.id = new.file_id
	) then
		raise exception 'a report shows only its own member''s files'
			using errcode = 'check_violation', constraint = 'period_report_evidence_member_check';
	end if;
	return new;
end;
$$;

create trigger period_report_evidence_member_check before insert on period_report_evidence
	for each row execute function period_report_evidence_member_check();

-- The cell's comments (nhận xét) on a member's report, or on one action of their registration.
create table member_comments (
	id integer generated always as identity primary key,
	member_id integer not null constraint member_comments_member_id_fkey references members (id),
	year_id integer not null constraint member_comments_year_id_fkey references review_years (id),
	report_id integer constraint member_comments_report_id_fkey references period_reports (id),
	action_key text constraint member_comments_action_key_check
		check (action_key ~ '^([a-z0-9]{10}|task-[0-9]{1,9})$'),
	body text not null constraint member_comments_body_check check (length(btrim(body)) between 1 and 2000),
	author_account_id integer not null
		constraint member_comments_author_fkey references accounts (id),
	created_at timestamptz not null default now()
);

create index member_comments_member_year_idx on member_comments (member_id, year_id, created_at desc);

create trigger member_comments_immutable before update or delete on member_comments
	for each row execute function refuse_change();
create trigger member_comments_no_truncate before truncate on member_comments
	for each statement execute function refuse_change();

-- Given while the year is open; a comment on a report is about that member's report.
create function member_comments_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'member_comments_year_open_check';
	end if;
	if new.report_id is not null and not exists (
		select 1 from period_reports r
		where r.id = new.report_id and r.member_id = new.member_id and r.year_id = new.year_id
	) then
		raise exception 'a comment on a report belongs to that report''s member and year'
			using errcode = 'check_violation', constraint = 'member_comments_report_check';
	end if;
	return new;
end;
$$;

create trigger member_comments_check before insert on member_comments
	for each row execute function member_comments_check();

-- Reminders the scheduled job sent (reports/reminders.ts): one per member, period and kind, so a
-- job run twice, or by two processes at once, reminds nobody twice.
create table report_reminders (
	member_id integer not null constraint report_reminders_member_id_fkey references members (id),
	year_id integer not null constraint report_reminders_year_id_fkey references review_years (id),
	period integer not null,
	kind text not null constraint report_reminders_kind_check check (kind in ('due_soon', 'overdue')),
	sent_at timestamptz not null default now(),
	constraint report_reminders_pkey primary key (member_id, year_id, period, kind)
);

-- Final records: rows are added, never changed or removed (0011).
revoke update, delete on period_reports, evidence_files, period_report_evidence, member_comments
	from camket_app;

-- Cell meetings (sinh hoạt chi bộ): when and where, regular or on a theme, who chaired and who
-- kept the minutes, attendance from the roster (absent with a reason), the agenda, what was said
-- and concluded. The comments (góp ý) the meeting gave a member are member_comments rows carrying
-- the meeting, so they join the member's year record beside the comments on their reports.

create table cell_meetings (
	id integer generated always as identity primary key,
	unit_id integer not null constraint cell_meetings_unit_id_fkey references org_units (id),
	year_id integer not null constraint cell_meetings_year_id_fkey references review_years (id),
	held_on date not null,
	kind text not null constraint cell_meetings_kind_check check (kind in ('regular', 'thematic')),
	topic text constraint cell_meetings_topic_check check (length(btrim(topic)) between 1 and 300),
	venue text not null constraint cell_meetings_venue_check check (length(btrim(venue)) between 1 and 200),
	chair_member_id integer not null constraint cell_meetings_chair_fkey references members (id),
	clerk_member_id integer not null constraint cell_meetings_clerk_fkey references members (id),
	agenda text not null constraint cell_meetings_agenda_check check (length(agenda) <= 4000),
	proceedings text not null constraint cell_meetings_proceedings_check check (length(proceedings) <= 20000),
	conclusion text not null constraint cell_meetings_conclusion_check check (length(conclusion) <= 4000),
	recorded_by_account_id integer not null
		constraint cell_meetings_recorded_by_fkey references accounts (id),
	created_at timestamptz not null default now(),
	-- A thematic meeting is on a theme.
	constraint cell_meetings_topic_required check (kind = 'regular' or topic is not null)
);

create index cell_meetings_unit_idx on cell_meetings (unit_id, held_on desc);

-- Recorded in an open year, on a day of that year.
create function cell_meetings_check() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
	if not lock_open_review_year(new.year_id) then
		raise exception 'the review year is not open'
			using errcode = 'check_violation', constraint = 'cell_meetings_year_open_check';
	end if;
	if extract(year from new.held_on) <> (select year from review_years where id = new.year_id) then
		raise exception 'a meeting of the year is held in that year'
			using errcode = 'check_violation', constraint = 'cell_meetings_held_on_check';
	end if;
	return new;
end;
$$;

create trigger cell_meetings_check before insert on cell_meetings
	for each row execute function cell_meetings_check();

-- The minutes, once recorded, are what the cell approved at the meeting: kept as they were.
create trigger cell_meetings_immutable before update or delete on cell_meetings
	for each row execute function refuse_change();
create trigger cell_meetings_no_truncate before truncate on cell_meetings
	for each statement execute function refuse_change();

create table meeting_attendance (
	meeting_id integer not null constraint meeting_attendance_meeting_id_fkey references cell_meetings (id),
	member_id integer not null constraint meeting_attendance_member_id_fkey references members (id),
	present boolean not null,
	absence_reason text constraint meeting_attendance_reason_check check (length(absence_reason) <= 200),
	constraint meeting_attendance_pkey primary key (meeting_id, member_id),
	-- Absent with a reason ("ốm", "đi công tác", or "không có lý do"); present with none.
	constraint meeting_attendance_reason_required check (
		present = (absence_reason is null) and (present or length(btrim(absence_reason)) > 0))
);

create trigger meeting_attendance_immutable before update or delete on meeting_attendance
	for each row execute function refuse_change();
create trigger meeting_attendance_no_truncate before truncate on meeting_attendance
	for each statement execute function refuse_change();

alter table member_comments add column meeting_id integer
	constraint member_comments_meeting_id_fkey references cell_meetings (id);

create index member_comments_meeting_idx on member_comments (meeting_id) where meeting_id is not null;

revoke update, delete on cell_meetings, meeting_attendance from camket_app;

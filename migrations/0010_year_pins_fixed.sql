-- What a year applies to is settled before it opens: the unit, the year and the catalog versions
-- members sign are fixed from then on (years/manage.ts allows changing them in a draft year
-- only; this holds it for every other writer too). Deadlines may still move while it is open.
create function review_years_pins_check() returns trigger
language plpgsql as $$
begin
	if old.status <> 'draft' and (
		new.unit_id <> old.unit_id or new.year <> old.year
		or new.manifestations_version_id <> old.manifestations_version_id
		or new.prohibitions_version_id <> old.prohibitions_version_id
		or new.standards_version_id <> old.standards_version_id) then
		raise exception 'the unit, year and catalog versions of an opened year are fixed'
			using errcode = 'check_violation', constraint = 'review_years_pins_check';
	end if;
	return new;
end;
$$;

create trigger review_years_pins_check before update on review_years
	for each row execute function review_years_pins_check();

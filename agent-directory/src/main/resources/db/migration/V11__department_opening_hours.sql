-- Opening hours of a department (issue 24 item 4): its time zone, weekly intervals and whole-day closures, as one JSON
-- document validated and replaced as a whole by the admin API (DepartmentService). Null: always open.
alter table department add column opening_hours text;

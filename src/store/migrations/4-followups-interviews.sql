-- tracker schema, migration 4: interviews as scheduled events, and the follow-ups beyond a rejection.
--
-- An interview is a status event to `interviewing` (the first round changes the status; later rounds record
-- `interviewing` again). It gains when it takes place (`at`, which may be after the day it was recorded), who
-- leads it (`with_names`), and the local day it takes place (`interview_day`, fixed when it is recorded so a
-- later change of time zone does not move it): thank-you notes and `upcoming` read it through an index.
-- Follow-up events may now be check-ins and thank-you notes. SQLite cannot change a CHECK constraint in
-- place, so the events table is rebuilt with every row and id kept: copied aside in the connection's private
-- temporary schema, then back. No ALTER TABLE RENAME: it makes SQLite re-read the whole schema, and every
-- open builds this schema in memory to check a database against it.
CREATE TEMP TABLE events_v3 AS SELECT * FROM events;
DROP TABLE events;

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    app_id        INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind          TEXT    NOT NULL CHECK (
        kind = 'status' OR kind = 'note' OR kind = 'followup' OR kind = 'dismiss'
        OR kind = 'snooze' OR kind = 'reply'),
    on_date       TEXT    NOT NULL,                   -- YYYY-MM-DD, the day it happened (was recorded)
    from_status   TEXT    CHECK (
        from_status = 'saved' OR from_status = 'applied' OR from_status = 'interviewing'
        OR from_status = 'offer' OR from_status = 'accepted' OR from_status = 'rejected'
        OR from_status = 'withdrawn' OR from_status = 'ghosted'),
    status        TEXT    CHECK (
        status = 'saved' OR status = 'applied' OR status = 'interviewing' OR status = 'offer'
        OR status = 'accepted' OR status = 'rejected' OR status = 'withdrawn'
        OR status = 'ghosted'),
    note          TEXT,
    until_date    TEXT,                               -- snooze: hidden from `due` until this day
    template      TEXT    CHECK (template = 'feedback' OR template = 'network' OR template = 'combined'
                                 OR template = 'checkin' OR template = 'thanks'),  -- followup
    recorded_at   TEXT    NOT NULL,                   -- RFC 3339, UTC: when tracker wrote it
    proposal_id   INTEGER REFERENCES proposals (id),
    at            TEXT,                               -- interview: RFC 3339, UTC, when a time was given
    with_names    TEXT    CHECK (with_names IS NULL OR (json_valid(with_names) AND json_type(with_names) = 'array')),
    interview_day TEXT,                               -- interview: YYYY-MM-DD, local day it takes place
    CHECK ((kind = 'status') = (status IS NOT NULL)),
    CHECK ((kind = 'snooze') = (until_date IS NOT NULL)),
    CHECK ((coalesce(status, '') = 'interviewing') = (interview_day IS NOT NULL)),
    CHECK (interview_day IS NOT NULL OR (at IS NULL AND with_names IS NULL))
);

INSERT INTO events (id, app_id, kind, on_date, from_status, status, note, until_date, template, recorded_at,
                       proposal_id, interview_day)
SELECT id, app_id, kind, on_date, from_status, status, note, until_date, template, recorded_at, proposal_id,
       CASE WHEN status = 'interviewing' THEN on_date END
FROM temp.events_v3 ORDER BY id;

DROP TABLE temp.events_v3;

CREATE INDEX events_by_app ON events (app_id, kind, id);
-- Thank-you notes and `upcoming`: interviews by the day they take place. Not a partial index (`WHERE
-- interview_day IS NOT NULL`): SQLite would then prepare every query on events that binds a value again on
-- each new value, to see whether the partial index could serve it.
CREATE INDEX events_by_interview_day ON events (interview_day, app_id);
-- Check-ins: open applications by how long they have been silent. On an expression that only `due` writes,
-- so that it never competes with applications_by_status for the queries of `list` (nor, being no partial
-- index, makes SQLite prepare those again for each bound status).
CREATE INDEX applications_by_quiet ON applications (
    (CASE WHEN status = 'applied' OR status = 'interviewing' THEN status END), last_event_on, id);

-- A draft edited with `followup --edit`, kept (until the follow-up is sent) for `--format eml` and `mailto`.
CREATE TABLE edited_drafts (
    draft_id INTEGER PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
    subject  TEXT    NOT NULL,
    body     TEXT    NOT NULL
);

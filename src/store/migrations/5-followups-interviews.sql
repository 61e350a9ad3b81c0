-- tracker schema, migration 5: interviews as scheduled events, and the follow-ups beyond a rejection.
--
-- Only new tables and indexes: nothing existing is rebuilt or altered (an older schema's rows stay as they
-- are, and this migration stays cheap: every open builds the schema of each migration in memory to check a
-- database against it).
--
-- An interview is a status event to `interviewing` (the first round changes the status; later rounds record
-- `interviewing` again). Each has a row here: the local day it takes place (fixed when it is recorded, so a
-- later change of time zone does not move it), when (`at`, which may be after the day it was recorded) and
-- with whom. Thank-you notes and `upcoming` read interviews by day.
CREATE TABLE interviews (
    event_id   INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    app_id     INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    day        TEXT    NOT NULL,                      -- YYYY-MM-DD, local
    at         TEXT,                                  -- RFC 3339, UTC, when a time was given
    with_names TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(with_names) AND json_type(with_names) = 'array')
);

CREATE INDEX interviews_by_day ON interviews (day, app_id);

INSERT INTO interviews (event_id, app_id, day)
SELECT id, app_id, on_date FROM events WHERE kind = 'status' AND status = 'interviewing';

-- The email a `followup` event sent when it is one that `events.template`'s CHECK does not know (a check-in,
-- a thank-you note): checked by the program, like drafts.kind, so later kinds need no table rebuild.
CREATE TABLE followup_kinds (
    event_id INTEGER PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL
);

-- Check-ins: open applications by how long they have been silent. On an expression only `due` writes, so that
-- it never competes with applications_by_status for the queries of `list`.
CREATE INDEX applications_by_quiet ON applications (
    (CASE WHEN status = 'applied' OR status = 'interviewing' THEN status END), last_event_on, id);

-- A draft edited with `followup --edit`, kept (until the follow-up is sent) for `--format eml` and `mailto`.
CREATE TABLE edited_drafts (
    draft_id INTEGER PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE,
    subject  TEXT    NOT NULL,
    body     TEXT    NOT NULL
);

-- tracker schema, migration 1.
--
-- This file is the single source of the schema. It is embedded in the binary and applied once, inside a
-- transaction, to a database whose `PRAGMA user_version` is 0. Later changes are new migrations appended in
-- src/store/migrate.rs; this file is never edited after a release.

-- Allowed values are checked with chains of `=` rather than `IN (...)`: SQLite builds a temporary table for an
-- IN list on every row it checks, which made bulk imports several times slower. Emptiness is tested with
-- `<> ''` rather than `length()`, which stops counting at a NUL character.

-- One row per job application. The columns after `created_at` are a cache of the event history, kept up to
-- date by the store whenever it appends an event, so that `list` and `due` read one indexed table.
CREATE TABLE applications (
    id                 INTEGER PRIMARY KEY,
    company            TEXT    NOT NULL CHECK (trim(company) <> ''),
    position           TEXT    NOT NULL CHECK (trim(position) <> ''),
    url                TEXT,
    location           TEXT,
    source             TEXT,
    salary             TEXT,
    notes              TEXT,
    tags               TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
    contact_name       TEXT,
    contact_email      TEXT,
    contact_salutation TEXT,
    created_at         TEXT    NOT NULL,              -- RFC 3339, UTC
    -- lower-cased, trimmed company and position: finds an open application for the same job
    dup_key            TEXT    NOT NULL,
    -- cache of the newest status event
    status             TEXT    NOT NULL CHECK (
        status = 'saved' OR status = 'applied' OR status = 'interviewing' OR status = 'offer'
        OR status = 'accepted' OR status = 'rejected' OR status = 'withdrawn'
        OR status = 'ghosted'),
    status_on          TEXT    NOT NULL,              -- YYYY-MM-DD
    last_event_on      TEXT    NOT NULL               -- YYYY-MM-DD of the newest event of any kind
);

-- `list`: newest status change first, optionally for some statuses; `due`: rejected, by rejection date.
CREATE INDEX applications_by_status_on ON applications (status_on, id);
CREATE INDEX applications_by_status ON applications (status, status_on, id);
CREATE INDEX applications_by_dup_key ON applications (dup_key);

-- The history of an application: appended, never rewritten. Event ids grow with time, and an event's date
-- is never before the date of the event before it.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    app_id      INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL CHECK (
        kind = 'status' OR kind = 'note' OR kind = 'followup' OR kind = 'dismiss'
        OR kind = 'snooze' OR kind = 'reply'),
    on_date     TEXT    NOT NULL,                     -- YYYY-MM-DD, the day it happened
    from_status TEXT    CHECK (
        from_status = 'saved' OR from_status = 'applied' OR from_status = 'interviewing'
        OR from_status = 'offer' OR from_status = 'accepted' OR from_status = 'rejected'
        OR from_status = 'withdrawn' OR from_status = 'ghosted'),
    status      TEXT    CHECK (
        status = 'saved' OR status = 'applied' OR status = 'interviewing' OR status = 'offer'
        OR status = 'accepted' OR status = 'rejected' OR status = 'withdrawn'
        OR status = 'ghosted'),
    note        TEXT,
    until_date  TEXT,                                 -- snooze: hidden from `due` until this day
    template    TEXT    CHECK (template = 'feedback' OR template = 'network' OR template = 'combined'),  -- followup
    recorded_at TEXT    NOT NULL,                     -- RFC 3339, UTC: when tracker wrote it
    CHECK ((kind = 'status') = (status IS NOT NULL)),
    CHECK ((kind = 'snooze') = (until_date IS NOT NULL))
);

CREATE INDEX events_by_app ON events (app_id, kind, id);

-- Desktop notifications already shown: at most one per application per calendar day.
CREATE TABLE notifications (
    app_id   INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    on_date  TEXT    NOT NULL,                        -- YYYY-MM-DD
    PRIMARY KEY (app_id, on_date)
) WITHOUT ROWID;

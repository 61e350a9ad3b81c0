-- tracker schema, migration 2: the follow-up drafts `tracker followup` printed.
--
-- `followup --sent` records the kind of the newest draft printed since the rejection, so the timeline says
-- which email went out. A draft belongs to the rejection that was the application's newest status event when
-- it was printed (`status_event`). The kind is checked by the program, not here, so that later kinds need no
-- table rebuild.
CREATE TABLE drafts (
    id           INTEGER PRIMARY KEY,
    app_id       INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    status_event INTEGER NOT NULL,                    -- events.id of the status the draft followed up on
    kind         TEXT    NOT NULL,
    printed_at   TEXT    NOT NULL                     -- RFC 3339, UTC
);

CREATE INDEX drafts_by_app ON drafts (app_id, status_event, id);

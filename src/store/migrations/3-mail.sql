-- tracker schema, migration 3: what `tracker mail scan` read and proposed.
--
-- A message is recognised once: its key (the Message-ID, or a hash of its date, sender, subject and the start
-- of its text when it has none) goes into `messages` whatever came of it, so a second scan skips it. A
-- message that means a change also gets a proposal, which the user accepts or drops. No message body is
-- kept: only the fields below, the evidence (at most 200 characters), and for a reply the start of its text.
CREATE TABLE messages (
    key     TEXT PRIMARY KEY,
    seen_at TEXT NOT NULL                             -- RFC 3339, UTC
) WITHOUT ROWID;

CREATE TABLE proposals (
    id          INTEGER PRIMARY KEY,
    message_key TEXT    NOT NULL UNIQUE REFERENCES messages (key),
    state       TEXT    NOT NULL DEFAULT 'pending'
                CHECK (state = 'pending' OR state = 'accepted' OR state = 'dropped'),
    kind        TEXT    NOT NULL,                     -- checked by the program, like drafts.kind
    app_id      INTEGER REFERENCES applications (id) ON DELETE SET NULL,
    candidates  TEXT    NOT NULL DEFAULT '[]' CHECK (json_valid(candidates)),
    company     TEXT,
    position    TEXT,
    url         TEXT,
    on_date     TEXT    NOT NULL,                     -- YYYY-MM-DD: the message's Date, local day
    sender      TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    message_id  TEXT,
    confidence  REAL    NOT NULL,
    evidence    TEXT    NOT NULL,
    source      TEXT    NOT NULL,                     -- maildir:PATH or mbox:PATH
    detail      TEXT,                                 -- an interview's proposed time; a reply's first 500 characters
    created_at  TEXT    NOT NULL,                     -- RFC 3339, UTC
    decided_at  TEXT
);

CREATE INDEX proposals_by_state ON proposals (state, on_date, id);

-- The proposal an event came from, when it came from mail.
ALTER TABLE events ADD COLUMN proposal_id INTEGER REFERENCES proposals (id);

-- Notices shown at most once a day that belong to no application ("3 mail updates to review").
CREATE TABLE daily_notices (
    name    TEXT NOT NULL,
    on_date TEXT NOT NULL,                            -- YYYY-MM-DD
    PRIMARY KEY (name, on_date)
) WITHOUT ROWID;

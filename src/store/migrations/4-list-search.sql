-- tracker schema, migration 4: what a long list and `tracker stats` need.
--
-- A cache of what `list` and `stats` read from each history, recomputed by the store from the events whenever
-- one is added or undone (store::apps::refresh_history_cache), and filled for existing rows by the step
-- after this file:
ALTER TABLE applications ADD COLUMN applied_on TEXT;      -- day of the first status past saved, other than withdrawn
ALTER TABLE applications ADD COLUMN answered_on TEXT;     -- day of the first answer: interviewing, offer, accepted, rejected
ALTER TABLE applications ADD COLUMN furthest TEXT;        -- the furthest stage reached (saved ... accepted)
ALTER TABLE applications ADD COLUMN followed_up_on TEXT;  -- day of a follow-up after the newest status change
ALTER TABLE applications ADD COLUMN replied INTEGER NOT NULL DEFAULT 0;    -- a reply after that follow-up
ALTER TABLE applications ADD COLUMN dismissed INTEGER NOT NULL DEFAULT 0;  -- reminders dismissed since that change

CREATE INDEX applications_by_applied_on ON applications (applied_on, id);

-- One row per tag of each application, kept in step with `applications.tags` by triggers, so that
-- `list --tag T` is an index lookup instead of parsing every row's JSON. Tags compare without ASCII case.
CREATE TABLE application_tags (
    tag    TEXT    NOT NULL COLLATE NOCASE,
    app_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    PRIMARY KEY (tag, app_id)
) WITHOUT ROWID;

CREATE INDEX application_tags_by_app ON application_tags (app_id);

CREATE TRIGGER application_tags_after_insert AFTER INSERT ON applications BEGIN
    INSERT OR IGNORE INTO application_tags (tag, app_id) SELECT value, NEW.id FROM json_each(NEW.tags);
END;

CREATE TRIGGER application_tags_after_update AFTER UPDATE OF tags ON applications BEGIN
    DELETE FROM application_tags WHERE app_id = OLD.id;
    INSERT OR IGNORE INTO application_tags (tag, app_id) SELECT value, NEW.id FROM json_each(NEW.tags);
END;

INSERT OR IGNORE INTO application_tags (tag, app_id)
    SELECT j.value, a.id FROM applications a, json_each(a.tags) j;

-- `list --search TEXT`: a full-text index of the searched fields over the applications table itself
-- (external content, so no text is stored twice). Words are matched by their beginning, without case or
-- accents (`cafe` finds "Café", `eng` finds "Engineer").
CREATE VIRTUAL TABLE applications_search USING fts5 (
    company, position, notes, contact_name, location,
    content = 'applications', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER applications_search_after_insert AFTER INSERT ON applications BEGIN
    INSERT INTO applications_search (rowid, company, position, notes, contact_name, location)
    VALUES (NEW.id, NEW.company, NEW.position, NEW.notes, NEW.contact_name, NEW.location);
END;

CREATE TRIGGER applications_search_after_delete AFTER DELETE ON applications BEGIN
    INSERT INTO applications_search (applications_search, rowid, company, position, notes, contact_name, location)
    VALUES ('delete', OLD.id, OLD.company, OLD.position, OLD.notes, OLD.contact_name, OLD.location);
END;

CREATE TRIGGER applications_search_after_update
AFTER UPDATE OF company, position, notes, contact_name, location ON applications BEGIN
    INSERT INTO applications_search (applications_search, rowid, company, position, notes, contact_name, location)
    VALUES ('delete', OLD.id, OLD.company, OLD.position, OLD.notes, OLD.contact_name, OLD.location);
    INSERT INTO applications_search (rowid, company, position, notes, contact_name, location)
    VALUES (NEW.id, NEW.company, NEW.position, NEW.notes, NEW.contact_name, NEW.location);
END;

INSERT INTO applications_search (applications_search) VALUES ('rebuild');

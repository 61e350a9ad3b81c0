-- tracker schema, migration 4: what a long list and `tracker stats` need.
--
-- `applied_on` caches the day an application was sent (its first status event past `saved`, other than a
-- withdrawal); the store recomputes it from the history whenever a status event is added or undone
-- (store::apps::refresh_applied_on), and the step after this file fills it for existing rows.
ALTER TABLE applications ADD COLUMN applied_on TEXT;   -- YYYY-MM-DD, NULL while only saved

CREATE INDEX applications_by_applied_on ON applications (applied_on, id);

-- `stats` reads every status, follow-up and reply event per application from this index alone.
CREATE INDEX events_for_stats ON events (app_id, kind, id, status, on_date);

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
-- (external content, so no text is stored twice). The trigram tokenizer finds any part of a word, without
-- case or accents.
CREATE VIRTUAL TABLE applications_search USING fts5 (
    company, position, notes, contact_name, location,
    content = 'applications', content_rowid = 'id',
    tokenize = 'trigram remove_diacritics 1'
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

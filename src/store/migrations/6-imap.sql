-- tracker schema, migration 6: reading mail over IMAP.
--
-- Per account and folder, the UIDVALIDITY and the highest UID read, so a scan fetches only new messages; a
-- changed UIDVALIDITY means the folder is read again from the start (messages already seen still propose
-- nothing). A folder's row changes only in the transaction that stores the proposals read from it.
CREATE TABLE imap_folders (
    account     TEXT    NOT NULL,                     -- user@host:port
    folder      TEXT    NOT NULL,
    uidvalidity INTEGER NOT NULL CHECK (uidvalidity >= 0),
    highest_uid INTEGER NOT NULL CHECK (highest_uid >= 0),
    scanned_at  TEXT    NOT NULL,                     -- RFC 3339, UTC
    PRIMARY KEY (account, folder)
) WITHOUT ROWID;

-- The Message-ID of a draft `followup --to-drafts` put in the Drafts folder, so its sent copy is recognised.
ALTER TABLE drafts ADD COLUMN message_id TEXT;
CREATE INDEX drafts_by_message_id ON drafts (message_id) WHERE message_id IS NOT NULL;

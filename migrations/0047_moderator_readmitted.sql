-- When an operator last re-admitted a Signal moderator (heads-up
-- signal-readmit, ms since the epoch): what she sent before it, held by
-- signal-cli while her changed identity was untrusted and handed over at the
-- re-admission, acts on nothing. readmit_noted: she has been told so, once
-- per re-admission.
ALTER TABLE moderator_identities ADD COLUMN readmitted_at INTEGER;
ALTER TABLE moderator_identities ADD COLUMN readmit_noted INTEGER NOT NULL DEFAULT 0;

-- Which moderator was shown a pending report's text other than by a notice
-- (her SHOW, her EDIT, an APPROVE answered with the text): APPROVE sends only
-- a text its moderator read (one held in a digest past the notice cap, listed
-- by PENDING as a reference only, is not). Erased when the report is decided
-- or edited, and with the moderator's member row.
CREATE TABLE report_views (
  report_id INTEGER NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL REFERENCES members (id) ON DELETE CASCADE,
  PRIMARY KEY (report_id, member_id)
) WITHOUT ROWID;

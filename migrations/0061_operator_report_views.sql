-- The pending reports the operator was shown at the console as they read
-- now (her SHOW, her EDIT, an APPROVE answered with the text): the console has
-- no member row for report_views. Her APPROVE of a report another moderator
-- edited since is refused, quoting the new text, until she has read it.
-- Erased when the report is decided or edited, as report_views are.
-- (0061, not 0060: another branch may be taking 0060.)
CREATE TABLE operator_report_views (
  report_id INTEGER PRIMARY KEY REFERENCES reports (id) ON DELETE CASCADE
);

"""How large what users send may be, and how long a request may spend rendering (issue 18;
benchmarks/limits.py measures them). Imported by base.py; each can be set in the environment."""

import os

# Largest workbook a browser may upload (bytes); a progress workbook is a few dozen KB.
SPREADSHEET_MAX_UPLOAD = int(os.environ.get("SPREADSHEET_MAX_UPLOAD", str(5 * 1024 * 1024)))
# Most rows a sheet imported in the admin may have: its import takes about 9 ms a row, so 1,000
# stay well inside an app server's 30 s timeout (benchmarks/limits.py); the portal's own largest
# export has a few hundred. import_sheets, the operator's restore, has larger bounds of its own.
SPREADSHEET_MAX_ROWS = int(os.environ.get("SPREADSHEET_MAX_ROWS", "1000"))

# Evidence files (reporting/models/evidence.py).
EVIDENCE_MAX_UPLOAD = int(os.environ.get("EVIDENCE_MAX_UPLOAD", str(10 * 1024 * 1024)))
# Files and links per activity or output in one report: enough to show the work, not an archive.
EVIDENCE_PER_ITEM = 10

# A reader's request never renders a document larger than this (characters of its HTML; about
# 10 s of WeasyPrint, inside an app server's 30 s timeout): it is rendered in the background and
# the reader told to come back. Nor does it wait longer than PDF_READER_WAIT_SECONDS for a render
# another request or worker is doing. The worker's render is stopped at PDF_RENDER_LOCK_SECONDS.
PDF_INLINE_MAX_CHARS = int(os.environ.get("PDF_INLINE_MAX_CHARS", "400000"))
PDF_READER_WAIT_SECONDS = int(os.environ.get("PDF_READER_WAIT_SECONDS", "15"))
# How long a PDF's render holds its lock in the cache (reports/delivery.py): longer than a
# render takes, so that readers wait for it rather than render it again.
PDF_RENDER_LOCK_SECONDS = int(os.environ.get("PDF_RENDER_LOCK_SECONDS", "120"))

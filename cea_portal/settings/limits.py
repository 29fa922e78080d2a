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
# the reader told to come back. Nor does it wait for a render another request or worker is doing:
# it is told at once (reports/live.py).
PDF_INLINE_MAX_CHARS = int(os.environ.get("PDF_INLINE_MAX_CHARS", "400000"))
# The longest a render may take in the worker (its time limit; the broker's visibility timeout,
# settings/tasks.py, is longer), and the longest the command line waits for another's render.
PDF_RENDER_MAX_SECONDS = int(os.environ.get("PDF_RENDER_MAX_SECONDS", "120"))
# A render's lock, and the mark of a render queued or running for a document, lapse this long
# after their holder stops renewing them (every third of it while it works): a render killed
# with its worker blocks the next one no longer than that (reports/render_lock.py).
PDF_RENDER_LOCK_SECONDS = int(os.environ.get("PDF_RENDER_LOCK_SECONDS", "15"))

"""The texts of a document, a working group or a reporting round, exchanged with the translators
as XLIFF 1.2, the version every computer-assisted translation tool reads (SDL Trados, memoQ,
Wordfast, Phrase, MateCat; OmegaT through its Okapi filter), where XLIFF 2.0 is still read by
few. translate-toolkit writes and reads the files.

`scope.py` says which records and texts belong to what is exported, `files.py` writes and reads
the XLIFF, `importing.py` compares a translated file with the database (the preview) and hands
what it would change to reporting.services.texts_translate, `admin.py` gives the admin's pages."""

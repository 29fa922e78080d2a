"""Documents read from their Word originals (issue 29): a .docx in one or both languages turned
into the rows of the sheets the fixtures and `import_sheets` use (spreadsheets/sheets.py), then
checked and written as those are, all or nothing. The portal's own .docx are read by own.py; a
report written by a person in Word in the Conference's conventions by typed.py."""

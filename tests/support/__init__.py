"""Helpers of the tests that are not tests: factories, clients, servers, readers of PDFs and workbooks."""

"""Warehouse: rows in, the DuckDB store and its answers out.

In: a batch of rows (reports, sections, targets, outcomes, evidence, quarantine) from ingest and extract.
Out: the warehouse file, kept as the tables and views of `sql/` say, and what users read from it.

`gate` validates a batch with the Great Expectations suites of `expectations/` before anything is written;
`store` migrates the schema and loads a batch in one transaction (all or nothing); `queries`, `status`,
`export` and `review` read it back; `official` loads results published elsewhere (statistical bulletins).
The verdicts themselves are SQL (`sql/`), not Python.
"""

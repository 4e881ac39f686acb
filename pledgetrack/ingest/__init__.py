"""Ingest: files in, parsed reports out.

In: the inbox folders (and, with `fetch`, the URLs of published reports, downloaded into an inbox).
Out: for each new or changed file, a `ParsedReport` (its canonical text, region and year, sections) or a
`Rejection` with a code and a reason.

The text goes down this package once: `inbox` lists the files, `readers` turns bytes into text by format
(plain text, HTML, Markdown, PDF; `html` takes a page's main text), `normalize` gives it one canonical
form, `detect` reads the region and year (or a `manifest` names them), `sections` finds the review and the
plan, and `completeness` says whether the text is whole. `parse.parse_file` is the one entry a worker calls.
"""

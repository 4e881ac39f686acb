"""Ingest: files in, parsed reports out.

In: the inbox folders (and, with `fetch`, the URLs of published reports, downloaded into an inbox).
Out: for each new or changed file, a `ParsedReport` (its canonical text, region and year, sections) or a
`Rejection` with a code and a reason.

The text goes down this package once, in this order:
- `inbox` lists the files (and what it passes over, and why); `fetch/` downloads published reports into one;
- `readers` tells what a file is and turns its bytes into text: `decode` (encodings), `html` (a page's main
  text, its site chrome left out), `markdown`, `pdf`;
- `normalize` gives the text one canonical form (`chrome` drops a page's leftovers, `paragraphs` joins
  lines into paragraphs);
- `detect` reads the region and year (or a `manifest` names them);
- `sections` finds the review, the plan and the targets (`headings`, `leans`, `headline`);
- `completeness` says whether the text is whole.
`parse.parse_file` is the one entry a worker calls.
"""

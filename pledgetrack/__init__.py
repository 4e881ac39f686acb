"""pledgetrack's domain: pure functions over plain data, no Prefect (the flows in `flows/` call these).

The packages are the pipeline's stages, in the order a report goes through them:
- `ingest`: files → parsed reports (text, region, year, sections) or rejections;
- `extract`: a parsed report → its targets and results; a target and next year's report → evidence;
- `warehouse`: rows → the DuckDB store (gated by Great Expectations), and the queries users run on it;
- `publish`: the warehouse → accountability pages.
`batch` runs the first two on a pool of worker processes and shapes their rows into one load per batch.

Beside them, what every stage shares: `model` (the data passed between stages), `grammar` and `numbers`
(the register of the reports: sentences, headings, quantities), `indicators` and `regions` (the catalogues),
`labels`, `evidence` (quoting a sentence), `config` (settings), `paths`, `lifetime`; `scoring` measures
extraction against hand-checked gold.
"""

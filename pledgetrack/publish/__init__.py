"""Publish: the warehouse in, accountability pages out.

In: the warehouse's verdicts, evidence and completeness. Out: static HTML pages (Jinja2 templates in
`templates/`), one per region and year, an index and an operations page, each pledge with the sentence that
proves its verdict. Pages are written for the years a load touched (`store.pages_owed`).
"""

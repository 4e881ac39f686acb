"""Download report pages and PDFs into an inbox folder, safely enough to run unattended.

The URLs come from a sources file that the scheduled flow fetches every day, from government web servers
that are slow, flaky or misconfigured, and whatever they send lands in a folder the ingest stage trusts.
So a download must never hang a run (a timeout per connect and read, plus one overall deadline per URL
that covers redirects, body, retries and the waits between them), never fill the disk (a size cap enforced
while streaming, on the decompressed bytes too), never leave a half-written file for the ingest stage to
read (bytes go to `inbox/.partial/` and are renamed into place only when complete), never write outside
the inbox whatever name the server suggests, never overwrite a file, and never add the same report twice
(sha256 index in `inbox/.fetched.json`). Only transient failures are retried; permanent ones are reported
at once so the run moves on to the next URL.

Nor may a URL reach into the machine's own networks (SSRF): a sources file, a manifest or a redirect
naming `http://169.254.169.254/` or `http://10.0.0.5/admin` is refused unless the operator allows that
network (`allow_networks`; the `fetch_allow` setting). Every address a host name resolves to must be
public, and the connection is then made to those checked addresses only, so DNS answering differently
between the check and the connection (rebinding) cannot slip a private address in. Every redirect hop
is checked the same way, before anything is sent to it.

No Prefect here: `flows/` calls `fetch_all` and `read_sources`. HTTP is httpx over a transport of our own.
One concept a module, each importing only those above it:
- `errors`: FetchError, and the internal Failure of an attempt (retry or not, permanent or not);
- `urls`: which URLs are fetched, as sent on the wire; the URLs of a sources file;
- `guard`: the SSRF guard, public addresses only (DNS looked up here, within the deadline);
- `transport`: the httpx transport that connects only to checked addresses, within the deadline, and
  through the environment's proxies;
- `headers`: response headers read (Content-Disposition, Retry-After, raw bytes decoded);
- `attempt`: one attempt, redirects followed and checked, the body streamed into a partial file;
- `names`: the name a download is saved under;
- `index`: `inbox/.fetched.json`, what was fetched (by sha256, and which URL each file came from);
- `store`: a complete download moved into the inbox, never over a file nor outside it;
- `download`: `fetch` and `fetch_all`, with retries, backoff and the deadline.
"""

from pledgetrack.ingest.fetch.download import (
    DEADLINE_FACTOR,
    DEFAULT_USER_AGENT,
    MAX_RETRY_AFTER,
    fetch,
    fetch_all,
)
from pledgetrack.ingest.fetch.errors import FetchError
from pledgetrack.ingest.fetch.index import INDEX_NAME, fetched_files, fetched_sources
from pledgetrack.ingest.fetch.names import safe_filename
from pledgetrack.ingest.fetch.store import PARTIAL_DIR, FetchResult
from pledgetrack.ingest.fetch.urls import ALLOWED_SCHEMES, read_sources

__all__ = [
    "ALLOWED_SCHEMES",
    "DEADLINE_FACTOR",
    "DEFAULT_USER_AGENT",
    "INDEX_NAME",
    "MAX_RETRY_AFTER",
    "PARTIAL_DIR",
    "FetchError",
    "FetchResult",
    "fetch",
    "fetch_all",
    "fetched_files",
    "fetched_sources",
    "read_sources",
    "safe_filename",
]

"""Get a council's papers from its ModernGov site: committees, meetings, packs, item documents.

The room where councilpapers goes on the network (the only one: nothing else touches it, and
`councilpapers fetch` is the only command that calls it). The flow:

    site.Site           one polite HTTP client per run: robots.txt, a delay per host, an honest
                        User-Agent, timeouts, retries with backoff honouring Retry-After, a size cap
    routes              which way the site answers: its web service (mgWebService.asmx, parsed in
                        webservice) or, where that is switched off, its pages (parsed in pages)
    plan                which files a meeting gives and where each goes on disk
    download + sidecar  conditional GET into a temporary name, %PDF check, rename; a JSON sidecar
                        beside each file saying what it is (read back by the batch on ingest)
    run.fetch_papers    the one entry point: committees -> meetings in range -> files

Nothing here imports the pipeline stages; the CLI hands the downloaded files to the batch.
"""

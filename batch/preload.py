"""What every worker needs, loaded once in the forkserver before any worker is forked.

The batch's workers are forked from a forkserver (workers.py) that imports this module when it
starts: the reading, extraction and tagging modules and the tagger's models (the spaCy pipeline
and the theme model) are loaded here, once, and `gc.freeze()` then moves every object made so far
out of the collector's reach, so a worker's collections never touch (and copy) the pages it shares
with the forkserver. A worker forked from it starts with all of it in place: its start-up is a
fork, not seconds of imports and model loading. The forkserver starts only when a batch has a
file to read, so an ingest that changes nothing loads none of this.
"""

from __future__ import annotations

import contextlib
import gc

import councilpapers.batch.jobs
import councilpapers.extract.extraction
import councilpapers.ingest.pdf  # noqa: F401
from councilpapers.nlp.table_tags import shared_tagger

with contextlib.suppress(Exception):  # a failure shows again in the worker, as a file's refusal
    shared_tagger()
gc.freeze()

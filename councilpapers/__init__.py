"""councilpapers: turn UK council papers into traceable data.

The package is a pipeline of stages, each a subpackage mapped from a top-level folder:
ingest (files -> Document), extract (Document -> Table, Row, Cell), nlp (rows -> tags),
corpus (the store), tracking (recommendations across plan versions), outputs (exports, reports,
the web view). Records shared by every stage live in `councilpapers.records`, their vocabularies
in `councilpapers.vocabularies`, the settings pattern in `councilpapers.settings`; errors in
`councilpapers.errors`; the Typer app in `councilpapers.cli`.
"""

__version__ = "0.3.0"

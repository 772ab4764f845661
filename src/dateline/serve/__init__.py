"""``dateline serve``: the HTTP API over the read model (:mod:`dateline.query`).

:func:`~dateline.serve.app.create_app` builds the application; :mod:`.command` is the CLI
command that runs it with uvicorn.
"""

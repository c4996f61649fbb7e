"""The reviewers' web page: FastAPI + Jinja2, server-rendered.

``create_app(settings, out_dir)`` builds the app; ``tenets review serve`` runs
it.  Records come from a run's ``out/`` folder and corrections go to the
append-only logs of :mod:`pipeline.review`; the app never writes records.
"""

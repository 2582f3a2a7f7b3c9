"""The analyst's workbench: a local web app and REST API over a store (``eventwatch serve``).

* :func:`create_app` — the ASGI app for one store, opened read-only
* :func:`serve` — run it with uvicorn

Pages (:mod:`eventwatch.web.pages`) and the JSON API under ``/api/``
(:mod:`eventwatch.web.api`) are thin shells over :mod:`eventwatch.queries`.
Every response carries a strict Content-Security-Policy; the JavaScript the
pages use (Vega, Vega-Lite, vega-embed, vega-interpreter) and the world map
(world-atlas) are vendored under ``static/vendor/``, so nothing is loaded from
the internet.
"""

from eventwatch.web.app import create_app, serve

__all__ = ["create_app", "serve"]

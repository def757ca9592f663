"""Where the pages live: URL paths, notebook names and the link participants open.

Kept free of widget and server imports, so the CLI, the server and the pages
can all name a page without loading each other.
"""

from __future__ import annotations

from samskaping.core.models import Workshop

__all__ = [
    "PARTICIPANT_URL_PATH", "FACILITATOR_URL_PATH", "STAKEHOLDER_URL_PATH", "JOURNEY_URL_PATH",
    "IDEAS_URL_PATH", "WALL_URL_PATH", "PROJECT_URL_PATH", "join_url", "PARTICIPANT_NOTEBOOK", "FACILITATOR_NOTEBOOK",
]

PARTICIPANT_URL_PATH = "/voila/render/deltaker.ipynb"
FACILITATOR_URL_PATH = "/voila/render/fasilitator.ipynb"
STAKEHOLDER_URL_PATH = "/voila/render/interessenter.ipynb"
JOURNEY_URL_PATH = "/voila/render/tjenestereise.ipynb"
IDEAS_URL_PATH = "/voila/render/ideer.ipynb"
#: The coordinator's project page (``?prosjekt=`` a project's id, or a workshop's id or join code).
PROJECT_URL_PATH = "/voila/render/prosjekt.ipynb"
#: The wall for the projector (a staff page: it shows every idea, so it needs the secret).
WALL_URL_PATH = "/voila/render/vegg.ipynb"


def join_url(base_url: str, workshop: Workshop) -> str:
    """The link participants open (also what the QR code holds).

    A workshop in another language than bokmål says so in the link, so the
    server's own pages a phone may see first ("Et øyeblikk …") speak it too.

    >>> w = Workshop("Fravær", join_code="ABC234")
    >>> join_url("http://127.0.0.1:8866", w)
    'http://127.0.0.1:8866/voila/render/deltaker.ipynb?kode=ABC234'
    >>> join_url("http://127.0.0.1:8866", Workshop("Fråvær", join_code="ABC234", lang="nn"))[-19:]
    'kode=ABC234&lang=nn'
    """
    lang = "" if workshop.lang == "nb" else f"&lang={workshop.lang}"
    return f"{base_url.rstrip('/')}{PARTICIPANT_URL_PATH}?kode={workshop.join_code}{lang}"


PARTICIPANT_NOTEBOOK = "deltaker.ipynb"
FACILITATOR_NOTEBOOK = "fasilitator.ipynb"

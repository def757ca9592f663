"""Small builders the tests of several packages share (imported as ``helpers``: tests/ is on the path)."""

import contextlib
import io
from collections.abc import Iterable, Mapping

import openpyxl

from samskaping.server.app import STAFF_COOKIE
from security.raw_http import wait_for


def workbook(rows: list[list[object]], *, title: str = "Ark1") -> bytes:
    """An .xlsx file with ``rows`` from A1 on its first sheet (``None`` leaves a cell empty).

    A second sheet holds a note, as real registers often do: readers must use only the first.
    """
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                sheet.cell(row=r, column=c, value=value)
    book.create_sheet("Notater").append(["Ikke les dette arket"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def overlapping(boxes: Mapping[object, object] | Iterable[object]) -> list[tuple[object, object]]:
    """Every pair of boxes (matplotlib ``Bbox``, or ``{key: Bbox}``, reporting keys) that overlap. O(n²)."""
    items = list(boxes.items()) if isinstance(boxes, Mapping) else list(enumerate(boxes))
    return [
        (a, b) if isinstance(boxes, Mapping) else (box_a, box_b)
        for i, (a, box_a) in enumerate(items)
        for b, box_b in items[i + 1:]
        if box_a.x0 < box_b.x1 and box_b.x0 < box_a.x1 and box_a.y0 < box_b.y1 and box_b.y0 < box_a.y1
    ]


def html_of(widget) -> str:
    """Every HTML value shown inside ``widget`` and its children, in order: what a reader of the page sees."""
    own = getattr(widget, "value", "") if type(widget).__name__ in {"HTML", "HTMLMath", "Label"} else ""
    return own + "".join(html_of(child) for child in getattr(widget, "children", ()))


def _close(context) -> None:
    """Close pages as a person would (so Voilà shuts their kernels down), then the context."""
    from playwright.sync_api import Error as PlaywrightError

    for page in context.pages:
        with contextlib.suppress(PlaywrightError):  # already closing: run_before_unload does not wait
            page.close(run_before_unload=True)
    context.close()


def login(context, server) -> None:
    """Enter the facilitator secret once in ``context``, as a facilitator does on the login form.

    Only the staff cookie is wanted: the facilitator page the form sends the
    browser on to is not loaded (closing a page in the middle of loading it
    sometimes never finished in chromium 156, and the load would start a kernel
    for nothing).
    """
    page = context.new_page()
    page.goto(server.login_url)
    page.route("**/voila/render/**", lambda route: route.abort())
    page.locator("input[name=nokkel]").fill(server.secret)
    page.locator("button[type=submit]").click()
    assert wait_for(lambda: STAFF_COOKIE in {cookie["name"] for cookie in context.cookies()}, 30), (
        "the login form set no staff cookie"
    )
    page.close(run_before_unload=True)  # as _close does: chromium 156 sometimes never confirms a waited-for close


def stored_bytes(store) -> bytes:
    """Everything the store holds, to search for text that must not be there.

    SQLite: the file and its write-ahead log, byte for byte, after a checkpoint (deleted
    rows are overwritten: ``secure_delete``). PostgreSQL: every row of every table (its
    files keep dead rows until a vacuum reuses the space; docs/security.md says so).
    """
    from samskaping.store.pg import PgDatabase

    if isinstance(store.db, PgDatabase):
        with store.db.read() as db:
            tables = [row[0] for row in db.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'").fetchall()]
            return b"".join(repr(tuple(row)).encode("utf-8") for table in tables
                            for row in db.execute(f'SELECT * FROM "{table}"').fetchall())
    store.db.checkpoint()
    files = [store.path, store.path.with_name(store.path.name + "-wal")]
    return b"".join(path.read_bytes() for path in files if path.exists())


def send_idea(context, url: str, room, group: str, text: str, *, timeout_ms: int = 60_000):
    """A phone in ``context`` opens the join link ``url``, registers as ``group`` and sends ``text``; its page."""
    page = context.new_page()
    page.goto(url)
    page.get_by_text(room.question).wait_for(timeout=timeout_ms)
    page.get_by_role("button", name=group).click()
    page.locator("textarea").fill(text)
    page.get_by_role("button", name="Send idé").click()
    page.get_by_text("Takk! Idéen din er sendt.").wait_for(timeout=15_000)
    return page

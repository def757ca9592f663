"""``samskaping secret --reset`` ends every staff session at once (issue 17, item 10).

A staff cookie used to hold just "1", signed with the server's cookie secret:
after a reset it stayed valid until it expired a day later, so a laptop left
logged in (or a stolen cookie) kept the staff pages. Here a raw client logs
in, reaches the staff gate, the secret is reset while the server runs, and
the same cookie must be sent back to the login form.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest
from raw_http import cookie, request

from samskaping.server.access import reset_secret

pytestmark = [pytest.mark.slow]

LOGIN = "/samskaping/logg-inn"
# A staff notebook that does not exist: past the staff gate it fails without starting a kernel.
STAFF_PROBE = "/voila/render/ingen-slik-side.ipynb"


def _log_in(server, secret: str) -> str:
    """Type ``secret`` into the login form as a browser does; the staff cookie it sets."""
    status, headers, body = request(server, "GET", LOGIN)
    xsrf = cookie(headers, "_xsrf")
    form_xsrf = re.search(r'name="_xsrf" value="([^"]+)"', body).group(1)
    assert status == 200 and xsrf
    status, headers, _ = request(
        server, "POST", LOGIN, body=urlencode({"_xsrf": form_xsrf, "nokkel": secret}).encode(),
        headers={"Cookie": f"_xsrf={xsrf}", "Content-Type": "application/x-www-form-urlencoded"},
    )
    staff = cookie(headers, "samskaping_staff")
    assert status == 302 and staff, "the right secret should set the staff cookie"
    return staff


def _passes_the_staff_gate(server, staff: str) -> bool:
    status, headers, _ = request(server, "GET", STAFF_PROBE, headers={"Cookie": f"samskaping_staff={staff}"})
    location = dict((k.lower(), v) for k, v in headers).get("location", "")
    return not (status == 302 and LOGIN in location)


def test_a_reset_secret_ends_the_staff_sessions_that_are_open(make_voila_server):
    server = make_voila_server(pool_size=0)
    staff = _log_in(server, server.secret)
    assert _passes_the_staff_gate(server, staff)

    new_secret = reset_secret(server.data_dir)  # samskaping secret --reset, while the server runs
    assert not _passes_the_staff_gate(server, staff), "the old staff cookie must stop working at once"

    fresh = _log_in(server, new_secret)
    assert fresh != staff and _passes_the_staff_gate(server, fresh)
    assert not _passes_the_staff_gate(server, "1"), "a forged value is refused (unsigned)"

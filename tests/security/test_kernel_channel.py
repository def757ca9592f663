"""No code from the page: what a participant's browser can send its kernel, tried for real.

Each page has a kernel, reachable at ``/api/kernels/<id>/channels`` with the
id the page itself holds. These tests open a real participant page in
chromium and send hand-made messages on the page's own websocket (the v1
binary format the page uses) and on a second socket in the JSON format:
code, introspection and new widgets must not get through, and the page must
still work afterwards.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from samskaping.core.models import Workshop
from samskaping.server.routes import join_url
from samskaping.server.security import WIDGET_CONTROL_TARGET, allowed_message

_JS = (Path(__file__).parent / "kernel_socket.js").read_text(encoding="utf-8")
RECORD_SOCKETS = _JS.split("// @@RECORD_SOCKETS")[1].split("// @@SEND_ON_PAGE_SOCKET")[0]
SEND_ON_PAGE_SOCKET = _JS.split("// @@SEND_ON_PAGE_SOCKET")[1]

PAGE_TIMEOUT_MS = 60_000
REPLY_WAIT_MS = 3_000
WIDGET_PROTOCOL = {"version": "2.1.0"}
CONTROL_PROTOCOL = {"version": "1.0.0"}


def _execute(code: str) -> dict:
    return {"code": code, "silent": False, "store_history": False, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True}


def _forged_widget(comm_id: str) -> dict:
    """A comm_open that would build a new Button inside the kernel (ipywidgets accepts it)."""
    return {
        "comm_id": comm_id,
        "target_name": "jupyter.widget",
        "data": {"state": {"_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
                           "_model_name": "ButtonModel", "_view_module": "@jupyter-widgets/controls",
                           "_view_module_version": "2.0.0", "_view_name": "ButtonView",
                           "description": "forged"},
                 "buffer_paths": []},
    }


def _open_page(context, url: str):
    page = context.new_page()
    page.add_init_script(RECORD_SOCKETS)
    page.goto(url)
    return page


def _send(page, messages: list[dict], *, fresh: bool = False) -> tuple[str, list[list[dict]]]:
    """Send ``messages`` on the page's kernel socket; the protocol and each message's replies."""
    result = page.evaluate(SEND_ON_PAGE_SOCKET, {"messages": messages, "waitMs": REPLY_WAIT_MS, "fresh": fresh})
    return result["protocol"], [result["replies"][msg_id] for msg_id in result["ids"]]


def test_the_channel_rules_allow_only_widget_traffic():
    assert allowed_message("shell", "kernel_info_request")
    assert allowed_message("shell", "comm_info_request")
    assert allowed_message("shell", "comm_msg") and allowed_message("shell", "comm_close")
    assert allowed_message("shell", "comm_open", WIDGET_CONTROL_TARGET)
    for target in ("jupyter.widget", "matplotlib", None, ""):
        assert not allowed_message("shell", "comm_open", target)
    for msg_type in ("execute_request", "inspect_request", "complete_request", "history_request",
                     "is_complete_request", "shutdown_request", "interrupt_request", "debug_request",
                     "input_reply", "apply_request", None, ["comm_msg"], 7):
        assert not allowed_message("shell", msg_type), msg_type
    for channel in ("control", "stdin", "iopub", None, "Shell"):
        assert not allowed_message(channel, "comm_msg"), channel


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("fresh", [False, True], ids=["page-socket-v1", "new-socket-json"])
def test_a_page_cannot_run_code_or_build_widgets_over_its_kernel_socket(
    voila_server, server_store, phone, tmp_path, fresh
):
    workshop = server_store.workshops.create(Workshop(title="Kanaltest", question="Hva trenger ungdommen?"))
    page = _open_page(phone, join_url(voila_server.url, workshop))
    page.get_by_text("Hva trenger ungdommen?").wait_for(timeout=PAGE_TIMEOUT_MS)

    marker = tmp_path / f"pwned-{uuid.uuid4().hex}"
    code = f"open({str(marker)!r}, 'w').write('pwned')"
    forged_comm = f"forged-{uuid.uuid4().hex}"
    messages = [
        {"channel": "shell", "msg_type": "kernel_info_request", "content": {}},  # allowed: proves replies arrive
        {"channel": "shell", "msg_type": "execute_request", "content": _execute(code)},
        {"channel": "control", "msg_type": "execute_request", "content": _execute(code)},
        {"channel": None, "msg_type": "execute_request", "content": _execute(code)},
        {"channel": "shell", "msg_type": "inspect_request",
         "content": {"code": "open", "cursor_pos": 4, "detail_level": 1}},
        {"channel": "shell", "msg_type": "complete_request", "content": {"code": "import o", "cursor_pos": 8}},
        {"channel": "shell", "msg_type": "history_request",
         "content": {"hist_access_type": "tail", "n": 5, "output": False, "raw": True}},
        {"channel": "shell", "msg_type": "is_complete_request", "content": {"code": "x = ("}},
        {"channel": "control", "msg_type": "shutdown_request", "content": {"restart": False}},
        {"channel": "shell", "msg_type": "comm_open",
         "content": _forged_widget(forged_comm), "metadata": WIDGET_PROTOCOL},
        {"channel": "shell", "msg_type": "comm_open",
         "content": {"comm_id": forged_comm + "-2", "target_name": "no.such.target", "data": {}}},
        {"channel": "shell", "msg_type": "comm_info_request", "content": {}},
    ]
    protocol, replies = _send(page, messages, fresh=fresh)

    assert protocol == ("" if fresh else "v1.kernel.websocket.jupyter.org")
    assert "kernel_info_reply" in [r["msg_type"] for r in replies[0]]
    for message, answer in zip(messages[1:-1], replies[1:-1], strict=True):
        assert answer == [], f"{message['msg_type']} on {message['channel']} reached the kernel: {answer}"
    [comm_info] = [r for r in replies[-1] if r["msg_type"] == "comm_info_reply"]
    comms = comm_info["content"]["comms"]
    assert comms, "the page's own widget comms should be listed"
    assert not [comm for comm in comms if comm.startswith(forged_comm)]
    assert not marker.exists()

    # The page's own widget traffic still flows: the idea form submits and the kernel is alive.
    page.locator("textarea").fill("Idé etter forsøk på innbrudd")
    page.get_by_role("button", name="Send idé").click()
    page.get_by_text("Takk! Idéen din er sendt.").wait_for(timeout=15_000)
    assert [idea.text for idea in server_store.ideas.list(workshop.id)] == ["Idé etter forsøk på innbrudd"]
    assert not marker.exists()


def _widget_states(page) -> dict[str, dict]:
    """Every widget's state in the page's kernel, by comm id, the way the widget manager asks for it."""
    control = f"control-{uuid.uuid4().hex}"
    _, replies = _send(page, [
        {"channel": "shell", "msg_type": "comm_open", "metadata": CONTROL_PROTOCOL,
         "content": {"comm_id": control, "target_name": WIDGET_CONTROL_TARGET, "data": {}}},
        {"channel": "shell", "msg_type": "comm_msg",
         "content": {"comm_id": control, "data": {"method": "request_states"}}},
    ])
    [update] = [r for r in replies[1] if r["msg_type"] == "comm_msg"]
    return update["content"]["data"]["states"]


@pytest.mark.slow
@pytest.mark.browser
def test_widgets_the_page_has_not_shown_do_nothing(voila_server, server_store, phone):
    """Before joining, the idea form is in the kernel but hidden; filling and pressing it by hand stores nothing."""
    before = {w.id: server_store.ideas.count(w.id) for w in server_store.workshops.list()}
    page = _open_page(phone, voila_server.participant_url)
    page.locator("input[type='text']").wait_for(timeout=PAGE_TIMEOUT_MS)

    states = _widget_states(page)
    [textarea] = [cid for cid, s in states.items() if s["state"]["_model_name"] == "TextareaModel"]
    [send] = [cid for cid, s in states.items()
              if s["state"]["_model_name"] == "ButtonModel" and s["state"]["description"] == "Send idé"]
    _send(page, [
        {"channel": "shell", "msg_type": "comm_msg",
         "content": {"comm_id": textarea,
                     "data": {"method": "update", "state": {"value": "Skjult idé"}, "buffer_paths": []}}},
        {"channel": "shell", "msg_type": "comm_msg",
         "content": {"comm_id": send, "data": {"method": "custom", "content": {"event": "click"}}}},
    ])

    assert _widget_states(page)[textarea]["state"]["value"] == "Skjult idé"  # the messages did reach the kernel
    assert {w.id: server_store.ideas.count(w.id) for w in server_store.workshops.list()} == {
        w.id: before.get(w.id, 0) for w in server_store.workshops.list()
    }
    assert page.locator("textarea").is_hidden()
    assert page.locator("input[type='text']").is_visible()  # still asking for the code

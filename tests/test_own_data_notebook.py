"""The "your own data" notebook in a real kernel, on real exports, driven as a browser drives it.

The notebook runs top to bottom (nbclient) with the path of a real X Analytics export typed in its
``my_file``; then a second client speaks to the same kernel as JupyterLab does: a comm ``update``
message carrying a file in a binary buffer (what the FileUpload button sends) and comm ``click``
events on the dashboard buttons. Nothing may be written beside the course's data, the real exports
or the notebook, and the upload's temporary copy must be gone.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from real_exports import REAL_EXPORTS
from test_own_data import fingerprint

from socialkit.notebooks import read_notebook

KIT = Path(__file__).resolve().parents[1]
NOTEBOOK = KIT / "course" / "own_data" / "own_data.ipynb"
BY_PATH = "x_analytics_tweet_activity_2021.csv"
UPLOADED = "hootsuite_facebook_inbound_messages_2018.csv"


class Browser:
    """A second client of the kernel that sends what JupyterLab sends for widgets (comm messages)."""

    def __init__(self, connection: dict):
        from jupyter_client import BlockingKernelClient

        self.client = BlockingKernelClient()
        self.client.load_connection_info(connection)
        self.client.start_channels()
        self.sent: list[str] = []

    def comm(self, model_id: str, data: dict, buffers=()) -> None:
        """A comm message to a widget's model, as the widget manager of the page sends it."""
        msg = self.client.session.msg("comm_msg", {"comm_id": model_id, "data": data})
        self.client.session.send(self.client.shell_channel.socket, msg, buffers=list(buffers))
        self.sent.append(msg["header"]["msg_id"])

    def upload(self, model_id: str, path: Path, name: str) -> None:
        """What the FileUpload button sends when a file is chosen: the state update, the bytes in a buffer."""
        content = path.read_bytes()
        self.comm(model_id, {"method": "update", "buffer_paths": [["value", 0, "content"]],
                             "state": {"value": [{"name": name, "type": "text/csv", "size": len(content),
                                                  "last_modified": 1_700_000_000_000}]}}, [content])

    def click(self, model_id: str) -> None:
        """What a Button sends when it is clicked."""
        self.comm(model_id, {"method": "custom", "content": {"event": "click"}})

    def run(self, code: str) -> dict:
        """Run code after the messages sent so far (same socket, so in order); the JSON it prints, and
        every stderr text or error the kernel sent for these messages."""
        msg_id = self.client.execute(code)
        parents = {*self.sent, msg_id}
        stdout, problems = [], []
        while True:
            msg = self.client.get_iopub_msg(timeout=60)
            if msg["parent_header"].get("msg_id") not in parents:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                (stdout if content["name"] == "stdout" else problems).append(content["text"])
            elif kind == "error":
                problems.append("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle" and msg["parent_header"]["msg_id"] == msg_id:
                break
        self.sent.clear()
        assert not problems, problems
        return json.loads("".join(stdout))

    def close(self) -> None:
        self.client.stop_channels()


STATE = """
import json
print(json.dumps({
    "message": panel.message.value, "file": panel.loaded.report.file if panel.loaded is not None else None,
    "rows": len(panel.loaded.table) if panel.loaded is not None else None,
    "kind": panel.loaded.kind if panel.loaded is not None else None,
    "can_open": [n for n, b in panel.buttons.items() if not b.disabled],
    "buttons": {n: b.model_id for n, b in panel.buttons.items()}, "upload": panel.upload.model_id,
    "dashboard": type(panel.dashboard).__name__ if panel.dashboard is not None else None,
    "summary": panel.dashboard.summary.value if panel.dashboard is not None else "",
    "shown": [type(c).__name__ for c in panel.dashboard_box.children],
    "report": panel.report.value,
}))
"""


@pytest.mark.slow
def test_the_notebook_reads_a_real_export_by_path_and_by_upload_and_opens_its_dashboards(tmp_path):
    if not (REAL_EXPORTS / "SOURCES.md").is_file():
        pytest.skip(f"the real exports are not beside the clone ({REAL_EXPORTS}); see shared/real-exports/SOURCES.md")
    from nbclient import NotebookClient

    folder = tmp_path / "course" / "own_data"
    folder.mkdir(parents=True)
    shutil.copy(NOTEBOOK, folder)
    nb = read_notebook(folder / NOTEBOOK.name)
    setup = [cell for cell in nb.cells if 'my_file = ""' in cell.source]
    assert len(setup) == 1, "the notebook's cell with my_file = \"\" is where a learner types the path"
    setup[0].source = setup[0].source.replace('my_file = ""', f"my_file = {str(REAL_EXPORTS / BY_PATH)!r}")
    system_temp = tmp_path / "system-temp"
    system_temp.mkdir()
    watched = {"course": KIT / "course", "datasets": KIT / "datasets", "real exports": REAL_EXPORTS,
               "the learner's folder": tmp_path / "course"}
    before = {name: fingerprint(path) for name, path in watched.items()}

    client = NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}})
    env = {**os.environ, "MPLBACKEND": "Agg", "TMPDIR": str(system_temp)}
    with client.setup_kernel(env=env):
        for index, cell in enumerate(nb.cells):
            client.execute_cell(cell, index)
        browser = Browser(client.km.get_connection_info())
        try:
            # by path: the real X Analytics export, read when the cell ran
            state = browser.run(STATE)
            assert state["message"].startswith("✅") and state["file"] == str(REAL_EXPORTS / BY_PATH)
            assert state["rows"] == 200 and state["kind"] == "brand_posts" and state["can_open"] == ["engagement"]
            assert "X (Twitter) Analytics, tweet activity" in state["report"]
            browser.click(state["buttons"]["engagement"])
            state = browser.run(STATE)
            assert state["dashboard"] == "PostMixDashboard" and state["shown"] == ["PostMixDashboard"]
            assert "X (Twitter), 15–31 August 2021" in state["summary"]
            browser.click(state["buttons"]["listening"])  # disabled in the page; a click that gets through refuses
            state = browser.run(STATE)
            assert state["message"].startswith(f"❌ {BY_PATH} (X (Twitter) Analytics") and "listening" in state["message"]

            # by upload: a real Hootsuite export sent as the browser sends it
            browser.upload(state["upload"], REAL_EXPORTS / UPLOADED, UPLOADED)
            state = browser.run(STATE)
            assert state["file"] == UPLOADED and state["rows"] == 60 and state["kind"] == "mentions"
            assert state["can_open"] == ["listening"] and state["dashboard"] is None  # the old one is closed
            browser.click(state["buttons"]["listening"])
            state = browser.run(STATE)
            assert state["dashboard"] == "ListenDashboard" and "alert" in state["summary"]

            # a bad upload: refused in words, the data read before is let go, nothing kept
            browser.upload(state["upload"], KIT / "course" / "glossary.md", "posts.csv")
            state = browser.run(STATE)
            assert state["message"].startswith("❌ posts.csv") and state["file"] is None and state["can_open"] == []

            # the notebook's own cells about the numbers run on the learner's data
            browser.upload(state["upload"], REAL_EXPORTS / BY_PATH, BY_PATH)
            browser.click(browser.run(STATE)["buttons"]["engagement"])
            numbers = browser.run("import json; print(json.dumps({'n': int(panel.dashboard.counts.iloc[0, 0])}))")
            assert numbers == {"n": 200}
        finally:
            browser.close()

    for cell in nb.cells:
        for output in cell.get("outputs", []):
            assert output["output_type"] != "error" and output.get("name") != "stderr", output
    widget_views = [o for c in nb.cells for o in c.get("outputs", [])
                    if "application/vnd.jupyter.widget-view+json" in o.get("data", {})]
    assert len(widget_views) == 1  # the panel, shown by the setup cell
    assert {name: fingerprint(path) for name, path in watched.items()} == before
    assert list(system_temp.iterdir()) == []  # the uploads' temporary copies are gone


# the exports the notebook's table recommends (its words) -> the profile that reads each
RECOMMENDED = {
    "X Analytics → Tweets → Export data → **By Tweet**": "x_analytics_tweets",
    "Meta Business Suite → Insights → Content → Export data": "meta_business_suite_facebook_posts",
    "your LinkedIn page → Analytics → Content → Export": "linkedin_page_posts",
    "YouTube Studio → Analytics → Advanced mode → Export": "youtube_studio_table",
    "Hootsuite → Analytics → Inbound messages": "hootsuite_inbound_messages",
    "(Trustpilot": "trustpilot_reviews",
    ", Google Business Profile": "google_reviews_json",
    "Trustpilot's review export": "trustpilot_reviews",
    "Google Business Profile's `reviews.json`": "google_reviews_json",
}
NOT_CHECKED = " *(not yet checked)*"


def test_the_recommended_exports_not_yet_checked_on_a_real_file_are_marked_so():
    from socialkit.exports.profiles import BY_NAME

    table = next(c.source for c in read_notebook(NOTEBOOK).cells if "| you want to see |" in c.source)
    marked = 0
    for words, profile in RECOMMENDED.items():
        assert words in table, words
        after = table.split(words, 1)[1]
        checked = BY_NAME[profile].evidence == "real"
        assert after.startswith(NOT_CHECKED) != checked, (words, BY_NAME[profile].evidence)
        marked += not checked
    assert table.count(NOT_CHECKED) == marked == 6  # every mark belongs to one export above
    assert "has not yet been tried on a real\nfile. If yours is refused or looks wrong, tell your trainer" in table

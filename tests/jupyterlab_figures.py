"""Check in a real browser that every figure of every notebook renders as an image in JupyterLab.

    .venv/bin/python tests/jupyterlab_figures.py [--screenshots DIR] [--root DIR] [--timeout S] [NOTEBOOK ...]

Default: every ``notebooks/*.ipynb`` of the repository. Why: JupyterLab does not render an ``image/svg+xml``
output of an untrusted notebook (every notebook a student clones): it shows ``<IPython.core.display.SVG
object>`` instead. Only a browser shows that, so this script starts JupyterLab from this interpreter on a free
local port with fresh, temporary Jupyter config, data, runtime, settings and workspace folders (no signature
database, so every notebook is untrusted exactly as on a fresh clone; no news pop-up; autosave off), opens each
notebook in headless Chromium over the DevTools protocol (``websocket-client``, already pinned) and reads the page.

A figure is a stored output with an ``image/*`` entry (``analysis.figures.publish.publish`` writes ``image/png`` with
``{"figure": NAME, "alt": TEXT}`` as its metadata). A notebook passes when every figure output is shown as a
loaded ``<img>`` at least ``MIN_WIDTH`` CSS px wide, as many such images are rendered as the file has figures,
no output shows an object repr (``<IPython.core.display.``), and the status bar says the notebook is not
trusted (otherwise the check would not see what a student sees). Expected counts come from the files.

``--root DIR`` serves another folder (the notebooks must be inside it), e.g. an old notebook from git in a
temporary folder, to see the check fail. Nothing is written to the repository, nothing is downloaded, and
JupyterLab (with its kernels) and Chromium are stopped at the end, also on failure.

Exit codes: 0 every notebook passed; 1 a notebook failed (each failure is printed: notebook, figure, what was
shown instead); 2 JupyterLab or Chromium could not be started, or a bad argument; 3 Chromium is not installed
(one line: ``skipped: chromium not installed``), so a test runner can report a skip, not a pass.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

import websocket

from analysis.run_notebooks import joined_streams  # consecutive prints of one stream: one output

REPO = Path(__file__).resolve().parents[1]
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
MIN_WIDTH = 640  # CSS px: the notebooks' figures are 720 px PNGs; much narrower means squeezed or a thumbnail
REPR = "<IPython.core.display."
WINDOW = (1400, 1000)

# User settings in the temporary settings folder. windowingMode 'none' attaches every cell to the page
# (JupyterLab 4.6's default 'contentVisibility' skips laying out cells off screen, and 'full' does not attach
# them at all), so that every output can be counted without scrolling.
SETTINGS = {
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
}

# What the page shows: every cell of the open notebook, each output's renderer (JupyterLab puts the chosen MIME
# type on the output node), its text and its image, and the status bar's trust indicator.
READ_PAGE = """(() => {
  const panels = [...document.querySelectorAll('.jp-NotebookPanel')]
    .filter(p => !p.classList.contains('lm-mod-hidden'));
  if (panels.length !== 1) return null;
  const trust = document.querySelector('.jp-StatusItem-trust');  // hidden in the status bar, but it has a title
  const tab = document.querySelector('.lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel');
  return {
    name: tab ? tab.textContent : '',
    trust: trust ? trust.title : '',
    unrendered: panels[0].querySelectorAll('.jp-MarkdownCell:not(.jp-mod-rendered)').length,
    cells: [...panels[0].querySelectorAll('.jp-Cell')].map(cell =>
      [...cell.querySelectorAll('.jp-OutputArea-child > .jp-OutputArea-output')].map(out => {
        const img = out.querySelector('img');
        return {mime: out.dataset.mimeType || '', text: out.innerText.slice(0, 200),
                img: img && {complete: img.complete, natural: img.naturalWidth,
                             width: Math.round(img.getBoundingClientRect().width)}};
      })),
  };
})()"""

SCROLL_TO = """((i, j) => {
  const panel = [...document.querySelectorAll('.jp-NotebookPanel')].find(p => !p.classList.contains('lm-mod-hidden'));
  const cell = panel && panel.querySelectorAll('.jp-Cell')[i];
  const out = j < 0 ? cell : cell && cell.querySelectorAll('.jp-OutputArea-child > .jp-OutputArea-output')[j];
  if (!out) return null;
  out.scrollIntoView({block: 'start'});
  panel.querySelector('.jp-WindowedPanel-outer').scrollBy(0, -100);  // keep the end of the cell above in sight
  return new Promise(done => requestAnimationFrame(() => done(Math.round(out.getBoundingClientRect().top))));
})(%d, %d)"""


class SetupError(Exception):
    """JupyterLab or Chromium did not start (exit code 2)."""


def find_chromium() -> str | None:
    """The path of a Chromium or Chrome on PATH, or None."""
    for name in CHROMIUM_NAMES:
        if found := shutil.which(name):
            return found
    return None


def expected(notebook: Path) -> list[list[str | None]]:
    """Per cell, per shown output: the figure's name if that output is a figure (has ``image/*`` data), else None."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    result, number = [], 0
    for i, cell in enumerate(cells):
        row = []
        for j, out in enumerate(joined_streams(cell.get("outputs", []))):  # as JupyterLab shows them
            images = [mime for mime in out.get("data", {}) if mime.startswith("image/")]
            if not images:
                row.append(None)
                continue
            number += 1
            meta = out.get("metadata", {})
            named = [meta[m]["figure"] for m in images if isinstance(meta.get(m), dict) and "figure" in meta[m]]
            row.append(named[0] if named else f"figure {number} (cell {i + 1}, output {j + 1}, {'/'.join(images)})")
        result.append(row)
    return result


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop(proc: subprocess.Popen | None) -> None:
    """End a process started here in its own session (with its children in that session): TERM, then KILL."""
    if proc is None or proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 20), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
            proc.wait(wait)
            return
        except ProcessLookupError:
            return
        except subprocess.TimeoutExpired:
            continue


def not_started(what: str, proc: subprocess.Popen, timeout: float, log: Path) -> SetupError:
    """The error for a program that exited or timed out while starting, with the end of its log."""
    how = f"exited with code {proc.returncode}" if proc.poll() is not None else f"did not start within {timeout:.0f} s"
    text = log.read_text(errors="replace").splitlines() if log.exists() else []
    return SetupError(f"{what} {how}; its log ends:\n" + "\n".join("    " + line for line in text[-15:]))


class JupyterLab:
    """A JupyterLab server on 127.0.0.1 serving ``root``, with every Jupyter folder fresh in ``tmp``."""

    def __init__(self, root: Path, tmp: Path, timeout: float):
        self.port, self.token = free_port(), secrets.token_hex(16)
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "jupyterlab.log"
        env = dict(os.environ)
        for var, sub in (("JUPYTER_CONFIG_DIR", "config"), ("JUPYTER_DATA_DIR", "data"),
                         ("JUPYTER_RUNTIME_DIR", "runtime"), ("JUPYTERLAB_SETTINGS_DIR", "settings"),
                         ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"), ("IPYTHONDIR", "ipython")):
            env[var] = str(tmp / sub)
            (tmp / sub).mkdir()
        for plugin, values in SETTINGS.items():
            path = tmp / "settings" / f"{plugin}.jupyterlab-settings"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(values), encoding="utf-8")
        command = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ServerApp.ip=127.0.0.1",
                   f"--ServerApp.port={self.port}", "--ServerApp.port_retries=0", f"--ServerApp.root_dir={root}",
                   f"--IdentityProvider.token={self.token}"]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log, env=env,
                                         cwd=tmp, start_new_session=True)
        try:  # the caller holds no reference until __init__ returns: stop the server here if it never comes up
            self.wait_until_up(timeout)
        except BaseException:
            stop(self.proc)
            raise

    def wait_until_up(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.api("GET", "status")
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise not_started("JupyterLab", self.proc, timeout, self.log) from None
                time.sleep(0.3)

    def api(self, method: str, path: str):
        request = urllib.request.Request(f"{self.base}/api/{path}", method=method,
                                         headers={"Authorization": f"token {self.token}"})
        with urllib.request.urlopen(request, timeout=10) as response:
            body = response.read()
        return json.loads(body) if body else None

    def url(self, notebook: str) -> str:
        """The notebook's page, with ``reset`` so that the tabs of the previous notebook are not restored."""
        return f"{self.base}/lab/tree/{urllib.parse.quote(notebook)}?reset&token={self.token}"

    def close(self) -> None:
        """Shut the kernels down through the API (they run in sessions of their own), then stop the server."""
        try:
            for kernel in self.api("GET", "kernels"):
                self.api("DELETE", f"kernels/{kernel['id']}")
        except OSError:
            pass
        stop(self.proc)


class Chromium:
    """Headless Chromium with a fresh profile, driven over the DevTools protocol of one page."""

    def __init__(self, executable: str, tmp: Path, timeout: float):
        profile, self.log = tmp / "chromium-profile", tmp / "chromium.log"
        command = [executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update", "--disable-sync",
                   f"--user-data-dir={profile}", f"--window-size={WINDOW[0]},{WINDOW[1]}",
                   "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "about:blank"]
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log, stderr=log,
                                         start_new_session=True)
        try:  # the caller holds no reference until __init__ returns: stop the browser here if connecting fails
            self.connect(profile, timeout)
        except BaseException:
            stop(self.proc)
            raise

    def connect(self, profile: Path, timeout: float) -> None:
        port_file, deadline = profile / "DevToolsActivePort", time.monotonic() + timeout
        while not (port_file.exists() and port_file.read_text().strip()):  # Chromium writes its port here
            if self.proc.poll() is not None or time.monotonic() > deadline:
                raise not_started("Chromium", self.proc, timeout, self.log)
            time.sleep(0.2)
        port = int(port_file.read_text().split()[0])
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            pages = [t for t in json.load(response) if t["type"] == "page"]
        if not pages:
            raise SetupError("Chromium started without a page")
        # Chromium refuses DevTools connections that send an Origin header it was not told to allow.
        self.ws = websocket.create_connection(pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True)
        self.calls, self.external = 0, []
        self.call("Network.enable")  # to note every request the page makes off this machine

    def call(self, method: str, **params) -> dict:
        self.calls += 1
        self.ws.send(json.dumps({"id": self.calls, "method": method, "params": params}))
        while True:  # skip events until the answer to this call
            message = json.loads(self.ws.recv())
            if message.get("method") == "Network.requestWillBeSent":
                url = urllib.parse.urlsplit(message["params"]["request"]["url"])
                if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in ("127.0.0.1", "localhost"):
                    self.external.append(url.geturl())
            if message.get("id") == self.calls:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"script failed in the page: {result['exceptionDetails']}")
        return result["result"].get("value")

    def screenshot(self, path: Path) -> None:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))

    def close(self) -> None:
        try:
            self.ws.close()
        finally:
            stop(self.proc)


def describe(seen: dict | None) -> str:
    """What an output showed instead of a loaded image of full width."""
    if seen is None:
        return "no output rendered there"
    img = seen["img"]
    if img and not img["natural"]:
        return "an image that did not load"
    if img:
        return f"an image only {img['width']} px wide"
    text = " ".join(seen["text"].split())
    return f"{seen['mime'] or 'an output'} instead of an image: {text[:90]!r}"


def ready(page: dict | None, name: str, want: list[list[str | None]], untrusted_expected: bool) -> bool:
    """The notebook's tab is open with every cell, Markdown rendered, every output, images loaded, trust set."""
    if not page or page["name"] != name or len(page["cells"]) != len(want):
        return False
    if page["unrendered"] or (untrusted_expected and not page["trust"]):
        return False
    outs = [o for cell in page["cells"] for o in cell]
    return ([len(c) for c in page["cells"]] == [len(c) for c in want]
            and all(o["img"]["complete"] for o in outs if o["img"]))


def check_notebook(browser: Chromium, lab: JupyterLab, root: Path, notebook: Path, timeout: float,
                   screenshots: Path | None) -> tuple[bool, str, list[str]]:
    """Open one notebook and compare the page with the file: (passed, summary, problems)."""
    want = expected(notebook)
    figures = [(i, j, name) for i, row in enumerate(want) for j, name in enumerate(row) if name]
    has_outputs = any(row for row in want)  # a notebook without outputs has nothing to trust or distrust
    browser.external.clear()
    browser.call("Page.navigate", url=lab.url(notebook.relative_to(root).as_posix()))
    start, page, problems = time.monotonic(), None, []
    while True:
        time.sleep(0.5)
        last, page = page, browser.evaluate(READ_PAGE)
        if ready(page, notebook.name, want, has_outputs) and page == last:  # and unchanged for half a second
            break
        if time.monotonic() - start > timeout:
            got = "no notebook panel" if not page else \
                f"tab {page['name']!r}, {len(page['cells'])} cells, {sum(map(len, page['cells']))} outputs"
            problems.append(f"timed out after {timeout:.0f} s waiting for {len(want)} cells with "
                            f"{sum(map(len, want))} outputs to render (saw {got})")
            break
    cells = page["cells"] if page else []

    def seen(i: int, j: int) -> dict | None:
        return cells[i][j] if i < len(cells) and j < len(cells[i]) else None

    def good(out: dict | None) -> bool:
        img = out and out["img"]
        return bool(img and img["natural"] and img["width"] >= MIN_WIDTH)

    rendered = [(i, j) for i, j, _ in figures if good(seen(i, j))]
    for i, j, name in figures:
        if not good(seen(i, j)):
            problems.append(f"{name}: {describe(seen(i, j))}")
    images = sum(good(o) for cell in cells for o in cell)
    if images != len(figures):
        problems.append(f"{images} full-width images in output areas, but the file has {len(figures)} figures")
    for i, cell in enumerate(cells):  # an object repr anywhere else (a figure's own is reported above)
        for j, out in enumerate(cell):
            if REPR in out["text"] and not (i < len(want) and j < len(want[i]) and want[i][j]):
                problems.append(f"cell {i + 1}, output {j + 1} shows {' '.join(out['text'].split())[:90]!r}")
    trust = page["trust"] if page else ""
    if browser.external:
        problems.append(f"the page asked for {len(browser.external)} URLs off this machine, e.g. {browser.external[0]}")
    if has_outputs and not trust.startswith("Notebook not trusted"):
        problems.append(f"the notebook should be untrusted as on a fresh clone, the status bar says {trust!r}")

    if screenshots:
        failed = [(i, j) for i, j, _ in figures if (i, j) not in rendered]
        target = (failed or [(i, j) for i, j, _ in figures] or [(0, -1)])[0]
        tops = [None, browser.evaluate(SCROLL_TO % target)]
        while tops[-1] != tops[-2] and len(tops) < 12:  # cells above may still grow (fonts, tables): settle
            time.sleep(0.5)
            tops.append(browser.evaluate(SCROLL_TO % target))
        browser.screenshot(screenshots / f"{notebook.stem}.png")

    widths = sorted({seen(i, j)["img"]["width"] for i, j in rendered})
    size = f" ({widths[0]} px wide)" if len(widths) == 1 else f" ({widths[0]}–{widths[-1]} px wide)" if widths else ""
    state = "untrusted" if trust.startswith("Notebook not trusted") else "no outputs" if not has_outputs else "TRUSTED"
    summary = f"{len(rendered)} of {len(figures)} figures rendered as images{size}; {state}"
    return not problems, summary, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, metavar="NOTEBOOK",
                        help="notebooks to check (default: every notebooks/*.ipynb under the root)")
    parser.add_argument("--screenshots", type=Path, metavar="DIR",
                        help="save one screenshot per notebook here (its first failing, else first, figure)")
    parser.add_argument("--root", type=Path, default=REPO, help="folder JupyterLab serves (default: the repository)")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for each notebook (default 120)")
    args = parser.parse_args(argv)

    chromium = find_chromium()
    if chromium is None:
        print(f"skipped: chromium not installed (none of {', '.join(CHROMIUM_NAMES)} on PATH)")
        return 3
    root = args.root.resolve()
    notebooks = [n.resolve() for n in args.notebooks] or sorted((root / "notebooks").glob("*.ipynb"))
    outside = [str(n) for n in notebooks if not n.is_relative_to(root) or not n.is_file()]
    if outside or not notebooks:
        print(f"error: no notebooks, or not files inside the served root {root} (see --root): {', '.join(outside)}")
        return 2
    if args.screenshots:
        args.screenshots.mkdir(parents=True, exist_ok=True)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops JupyterLab and Chromium
    started = time.monotonic()
    failures: list[str] = []
    lab = browser = None
    with tempfile.TemporaryDirectory(prefix="jupyterlab_figures_", ignore_cleanup_errors=True) as tmp:
        try:
            lab = JupyterLab(root, Path(tmp), timeout=60)
            browser = Chromium(chromium, Path(tmp), timeout=60)
            print(f"JupyterLab and {Path(chromium).name} started in {time.monotonic() - started:.1f} s")
            for notebook in notebooks:
                t0 = time.monotonic()
                ok, summary, problems = check_notebook(browser, lab, root, notebook, args.timeout, args.screenshots)
                print(f"{notebook.name}: {summary}{'' if ok else ' -- FAILED'} ({time.monotonic() - t0:.1f} s)")
                for problem in problems:
                    print(f"    {problem}")
                if not ok:
                    failures.append(notebook.name)
        except SetupError as error:
            print(f"error: {error}")
            return 2
        except (RuntimeError, OSError, websocket.WebSocketException) as error:  # the browser or server went away
            print(f"error: {type(error).__name__}: {error}")
            return 2
        except KeyboardInterrupt:
            print("\ninterrupted: stopping JupyterLab and Chromium", file=sys.stderr)
            return 130
        finally:
            for part in (browser, lab):
                if part is not None:
                    part.close()
    print(f"{len(notebooks)} notebooks in {time.monotonic() - started:.1f} s"
          + (f"; failed: {', '.join(failures)}" if failures else "")
          + (f"; screenshots in {args.screenshots}" if args.screenshots else ""))
    print(f"jupyterlab_figures: {len(notebooks) - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

"""DAISY Ace on the demo's e-book and on one whole work: no serious or critical violation.

Run by ``make ace`` (which installs Ace with npm, using Debian's chromium) and by the test
suite when Ace is installed. Prints one line per violation; exits 1 if any is serious or
critical, 2 if Ace could not run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ACE = ROOT / "tools" / "ace" / "node_modules" / ".bin" / "ace-cli"
CHROMIUM = ("/usr/bin/chromium", "/usr/lib/chromium/chromium", "/usr/bin/chromium-browser")
BLOCKING = {"serious", "critical"}


def chromium() -> str | None:
    return next((path for path in CHROMIUM if Path(path).exists()), shutil.which("chromium"))


def violations(epub: Path) -> list[tuple[str, str, str]]:
    """(document, impact, rule) for each violation Ace reports on ``epub``."""
    browser = chromium()
    if browser is None or not ACE.exists():
        raise RuntimeError("Ace needs tools/ace/node_modules (make ace) and Debian's chromium")
    with tempfile.TemporaryDirectory() as folder:
        environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": browser, "PUPPETEER_SKIP_DOWNLOAD": "1"}
        command = [str(ACE), "-f", "-s", "-o", folder, str(epub.resolve())]
        subprocess.run(command, check=True, cwd=ACE.parent.parent.parent, env=environment, capture_output=True)
        report = json.loads((Path(folder) / "report.json").read_text(encoding="utf-8"))
    return [
        (
            assertion["earl:testSubject"]["url"],
            violation["earl:test"]["earl:impact"],
            violation["earl:test"]["dct:title"],
        )
        for assertion in report["assertions"]
        for violation in assertion.get("assertions", [])
    ]


def main(paths: list[str]) -> int:
    failed = False
    for path in paths:
        try:
            found = violations(Path(path))
        except (RuntimeError, subprocess.CalledProcessError) as error:
            print(f"ace: {path}: {error}", file=sys.stderr)
            return 2
        for document, impact, rule in found:
            print(f"{path}: {document}: {impact}: {rule}")
        blocking = [item for item in found if item[1] in BLOCKING]
        failed = failed or bool(blocking)
        print(f"{path}: {len(found)} violation(s), {len(blocking)} serious or critical")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Accessibility and validity checks for the browser tests: axe-core injected into the page,
the Nu HTML checker (vnu.jar, from npm, run with the system's Java) on the served HTML, and
the page's Content Security Policy violations.

Both checkers are installed by `npm ci` in tests/browser (see README, "Tests")."""

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

NODE_MODULES = Path(__file__).parent / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
SERIOUS = {"critical", "serious"}
EVERY_IMPACT = SERIOUS | {"moderate", "minor"}

# Listens before any of the page's own scripts run (an init script is not subject to the CSP).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(
  [e.violatedDirective, e.blockedURI || 'inline', e.sourceFile + ':' + e.lineNumber].join(' ')
));
"""


def missing_checkers():
    """Why the checkers cannot run here, or an empty string."""
    if not AXE.exists() or not VNU.exists():
        return "run `npm ci` in tests/browser to install axe-core and vnu-jar"
    if not shutil.which("java"):
        return "Java is missing (apt-get install default-jre-headless)"
    return ""


def listen_for_csp_violations(page):
    """Record the page's CSP violations, and the console's reports of them."""
    page.add_init_script(CSP_LISTENER)
    reports = []
    page.on(
        "console",
        lambda message: (
            reports.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return reports


def csp_violations(page, console_reports):
    return [*page.evaluate("window.__cspViolations || []"), *console_reports]


def axe_violations(page, impacts=SERIOUS, context=None):
    """axe-core's violations on the page as it stands, of the given impacts:
    {rule id: [selectors of the nodes in violation]}."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        # Evaluated through the DevTools protocol, which the page's CSP does not govern.
        page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    results = page.evaluate(
        "context => axe.run(context || document, {resultTypes: ['violations']})", context
    )
    return {
        violation["id"]: [", ".join(node["target"]) for node in violation["nodes"]]
        for violation in results["violations"]
        if violation["impact"] in impacts
    }


def nu_errors(documents):
    """The Nu HTML checker's errors for each {name: html}: {name: ["line: message", …]}."""
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for name, html in documents.items():
            path = Path(folder) / (name.replace("/", "_") + ".html")
            path.write_text(html, encoding="utf-8")
            paths[str(path)] = name
        run = subprocess.run(
            ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", *paths],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
    errors = {name: [] for name in documents}
    for message in json.loads(run.stderr)["messages"]:
        if message["type"] == "error" or message.get("subType") == "fatal":
            name = paths.get(message.get("url", "").removeprefix("file:"), "?")
            errors[name].append(f"{message.get('lastLine', '?')}: {message['message']}")
    return {name: found for name, found in errors.items() if found}

"""A partial vulnerability audit for machines that reach PyPI's project JSON API but
neither its per-release API nor OSV (what pip-audit needs).

PyPI's project page (/pypi/NAME/json) lists the known vulnerabilities of the project's
latest release. For every locked package pinned at that latest release this is the
full answer; the others are reported as not audited. Usage:
    python scripts/pypi_latest_audit.py requirements-test.lock [IGNORED-ID ...]
Prints one line per package that matters and a summary; exit 1 on a vulnerability,
2 when PyPI cannot be reached at all.
"""
import json
import re
import sys
import urllib.error
import urllib.request

PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)")


def pins(path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            match = PIN.match(line.strip())
            if match:
                yield match.group(1).lower(), match.group(2)


def project(name):
    url = f"https://pypi.org/pypi/{name}/json"
    with urllib.request.urlopen(url, timeout=20) as response:  # nosec B310 (fixed https URL)
        return json.load(response)


def main(path, ignored):
    audited, skipped, found, reached = 0, [], [], False
    for name, version in pins(path):
        try:
            data = project(name)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            skipped.append(f"{name} {version} (PyPI: {exc})")
            continue
        reached = True
        latest = data["info"]["version"]
        if latest != version:
            skipped.append(f"{name} {version} (latest is {latest})")
            continue
        audited += 1
        for vuln in data.get("vulnerabilities") or []:
            if vuln.get("withdrawn") or vuln["id"] in ignored:
                continue
            fixed = ", ".join(vuln.get("fixed_in") or []) or "no fix yet"
            found.append(f"VULNERABLE {name} {version}: {vuln['id']} (fixed in: {fixed})")
    if not reached:
        print("PyPI's project JSON API is unreachable too")
        return 2
    for line in found:
        print(line)
    for line in skipped:
        print("not audited:", line)
    total = audited + len(skipped)
    print(f"audited {audited} of {total} packages (those pinned at their latest release) "
          f"from PyPI's project pages: {len(found)} known vulnerabilities")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], set(sys.argv[2:])))

#!/usr/bin/env bash
# Security checks run by scripts/test.sh before the suite (README: "Keamanan / Security"):
#   bandit     static analysis of portal/, admin/, forms/ and wsgi.py at medium severity and above
#   pip-audit  known vulnerabilities in the locked dependencies (requirements-test.lock,
#              which contains everything requirements.lock does)
# A finding fails the run. Accepted advisories are listed, each with its reason, in
# .pip-audit-ignore. When no advisory service can be reached (an office machine
# offline, a registry mirror without the per-release JSON API) the audit says so in
# capitals and does not fail: it checks the world, not the code under test.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=${VENV:-.venv}/bin
status=0

echo "=== bandit -ll (portal, admin, forms, wsgi.py) ==="
if "$BIN/bandit" -q -ll -r portal admin forms wsgi.py 2> >(grep -v "nosec encountered" >&2); then
    echo "bandit: no medium or high severity finding"
else
    echo "bandit: FINDINGS above (fix them, or mark a false positive '# nosec BXXX' with"
    echo "        the reason on the line above and in the README's security section)"
    status=1
fi

echo "=== pip-audit (requirements-test.lock) ==="
ignores=()
while read -r id _; do
    [[ -n "$id" && "$id" != \#* ]] && ignores+=(--ignore-vuln "$id")
done < <(cat .pip-audit-ignore 2>/dev/null)
report=$(mktemp)
audited=0
for service in pypi osv; do
    "$BIN/pip-audit" --no-deps --disable-pip --require-hashes -r requirements-test.lock \
        --vulnerability-service "$service" --progress-spinner off --format json \
        --output "$report" "${ignores[@]}" 2>/dev/null
    rc=$?
    verdict=$("$BIN/python" - "$report" "$service" <<'PY'
import json, sys
try:
    data = json.load(open(sys.argv[1]))
except (OSError, ValueError):
    print("unreachable"); sys.exit()
deps = data.get("dependencies", [])
skipped = [d for d in deps if d.get("skip_reason")]
vulns = [(d["name"], d["version"], v["id"], ",".join(v.get("fix_versions", [])))
         for d in deps for v in d.get("vulns", [])]
if deps and len(skipped) == len(deps):
    print("unreachable"); sys.exit()
for name, version, vid, fix in vulns:
    print(f"VULNERABLE {name} {version}: {vid} (fixed in: {fix or 'no fix yet'})")
for d in skipped:
    print(f"not audited: {d['name']} {d['version']} ({d['skip_reason']})")
print(f"audited {len(deps) - len(skipped)} of {len(deps)} packages with {sys.argv[2]}: "
      f"{len(vulns)} known vulnerabilit{'y' if len(vulns) == 1 else 'ies'}")
PY
)
    if [[ "$verdict" != "unreachable" ]]; then
        echo "$verdict"
        audited=1
        if grep -q "^VULNERABLE" <<<"$verdict" || { [[ $rc -ne 0 ]] && ! grep -q "^audited" <<<"$verdict"; }; then
            status=1
        fi
        break
    fi
done
rm -f "$report"
if [[ $audited -eq 0 ]]; then
    echo "PIP-AUDIT: NO ADVISORY SERVICE REACHABLE (PyPI per-release JSON API and OSV)."
    echo "Falling back to PyPI's project pages (advisories of each project's latest release):"
    ids=()
    for ((i = 1; i < ${#ignores[@]}; i += 2)); do ids+=("${ignores[$i]}"); done
    "$BIN/python" scripts/pypi_latest_audit.py requirements-test.lock "${ids[@]}"
    case $? in
        0) ;;
        1) status=1 ;;
        *) echo "PIP-AUDIT: NOTHING REACHABLE: the dependencies were NOT checked for known"
           echo "PIP-AUDIT: vulnerabilities in this run. Run scripts/audit.sh with internet access." ;;
    esac
fi
exit $status

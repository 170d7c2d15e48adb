"""Screenshots of portal pages in both languages, at phone and desktop width.

    .venv/bin/python scripts/screenshots.py http://127.0.0.1:5000 / /login /admin/ \
        --user admin --password PW --out /tmp/shots

Pages under /admin are taken after signing in with --user/--password.
"""
import argparse
import os

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--out", default="screenshots")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        for lang in ("id", "en"):
            for label, (width, height) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": height})
                context.add_cookies([{"name": "lang", "value": lang, "url": args.base}])
                page = context.new_page()
                if args.user:
                    page.goto(args.base + "/login")
                    page.fill("#username", args.user)
                    page.fill("#password", args.password)
                    page.click("input[type=submit], button[type=submit].primary")
                for path in args.paths:
                    page.goto(args.base + path)
                    name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
                    target = os.path.join(args.out, f"{name}-{lang}-{label}.png")
                    page.screenshot(path=target, full_page=True)
                    print(target)
                context.close()
        browser.close()


if __name__ == "__main__":
    main()

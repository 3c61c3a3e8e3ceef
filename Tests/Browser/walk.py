"""Browser test: Debian's headless chromium (through Playwright) drives the real `landwatch serve` on
loopback through the office walk: sign in, filter the list, open a patch, verify it with a photo,
determine it, sign in as the city and approve it; another county's patch is refused.

Run by `make test` (scripts/browser-test.sh). Screenshots land in $SCREENSHOTS (default: a temporary
folder); a few are kept in docs/screenshots for the user guide.
"""
import json
import re
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parents[2]
LANDWATCH = os.environ.get("LANDWATCH_BIN", str(ROOT / ".build/debug/landwatch"))
PASSWORD = "browser-test-pw"


def run(*args, env=None):
    subprocess.run([LANDWATCH, *args], check=True, capture_output=True, env={**os.environ, **(env or {})})


def patches_geojson(path):
    """Three patches of 东岭县 (449901) and one of 青禾县 (449902), 0.001° squares near 113.9°E 23.2°N."""
    features = []
    for i, (code, region) in enumerate([("A1", "449901"), ("A2", "449901"), ("A3", "449901"), ("B1", "449902")]):
        x, y = 113.90 + 0.002 * i, 23.20
        ring = [[x, y], [x + 0.001, y], [x + 0.001, y + 0.001], [x, y + 0.001], [x, y]]
        features.append({"type": "Feature", "properties": {"JCBH": code, "XZQDM": region, "HSX": "2024-03-20"},
                         "geometry": {"type": "Polygon", "coordinates": [ring]}})
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))


def photo(path):
    """An 8×8 grey JPEG written by gdal_translate from an ASCII grid (no EXIF: it will be flagged)."""
    grid = path.with_suffix(".asc")
    grid.write_text("ncols 8\nnrows 8\nxllcorner 0\nyllcorner 0\ncellsize 1\n" + "\n".join(" ".join(["120"] * 8) for _ in range(8)) + "\n")
    subprocess.run(["gdal_translate", "-q", "-ot", "Byte", "-of", "JPEG", str(grid), str(path)], check=True)


def imagery(path, value):
    """A 100 × 100 grey GeoTIFF over the patches (EPSG:4490) written by gdal_translate from an ASCII grid."""
    grid = path.with_suffix(".asc")
    grid.write_text("ncols 100\nnrows 100\nxllcorner 0\nyllcorner 0\ncellsize 1\n" + "\n".join(" ".join([str(value)] * 100) for _ in range(100)) + "\n")
    subprocess.run(["gdal_translate", "-q", "-ot", "Byte", "-a_srs", "EPSG:4490", "-a_ullr", "113.899", "23.203", "113.909", "23.198",
                    str(grid), str(path)], check=True)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main():
    folder = Path(tempfile.mkdtemp(prefix="landwatch-browser-"))
    shots = Path(os.environ.get("SCREENSHOTS", folder / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    ws = str(folder / "ws")
    patches_geojson(folder / "patches.geojson")
    photo(folder / "site.jpg")
    run("init", ws)
    run("patches", "import", str(folder / "patches.geojson"), "--batch", "2024M05", "--code-field", "JCBH",
        "--region-field", "XZQDM", "-w", ws)
    run("assign", "--batch", "2024M05", "--due-days", "30", "--by", "省技术中心", "-w", ws)
    for phase, value in [("before", 90), ("after", 200)]:
        imagery(folder / f"{phase}.tif", value)
        run("imagery", "add", str(folder / f"{phase}.tif"), "--phase", phase, "--batch", "2024M05", "-w", ws)
    for user, role, region in [("dongling", "county-officer", "449901"), ("city", "city-reviewer", "449900")]:
        run("users", "add", user, "--role", role, "--jurisdiction", region, "-w", ws, env={"LANDWATCH_PASSWORD": PASSWORD})

    port = free_port()
    server = subprocess.Popen([LANDWATCH, "serve", "-w", ws, "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            walk(page, base, shots, folder / "site.jpg")
            assert not errors, f"JavaScript errors: {errors}"
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    print(f"browser walk passed; screenshots in {shots}")


def sign_in(page, base, user):
    page.goto(base + "/#/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("#who")).to_contain_text(user if user != "city" else "city")


def walk(page, base, shots, photo_path):
    page.goto(base + "/#/login")
    page.fill("input[name=username]", "dongling")
    page.fill("input[name=password]", "wrong-password")
    page.click("button[type=submit]")
    expect(page.locator("form.login .error")).to_contain_text("用户名或密码错误")
    page.screenshot(path=str(shots / "login-refused.png"))

    sign_in(page, base, "dongling")
    expect(page.locator(".tiles")).to_be_visible()
    page.screenshot(path=str(shots / "dashboard.png"), full_page=True)

    page.goto(base + "/#/patches")
    expect(page.locator("#count")).to_have_text("共 3 个图斑")
    page.select_option("select[name=status]", "assigned")
    expect(page.locator("#count")).to_have_text("共 3 个图斑")
    expect(page.locator(".leaflet-interactive")).to_have_count(3)
    expect(page.locator("#package")).to_be_hidden()
    page.select_option("select[name=batch]", "2024M05")
    expect(page.locator("#package")).to_have_attribute("href", "/api/offline-package?batch=2024M05")
    with page.expect_download() as download:
        page.click("#package")
    assert download.value.path().read_bytes()[:16] == b"SQLite format 3\x00", "the package is not a GeoPackage"
    page.screenshot(path=str(shots / "patch-list.png"))

    page.click("text=A1")
    expect(page.locator(".detail h1")).to_have_text("A1")
    expect(page.locator(".swipe-control")).to_be_visible()
    expect(page.locator(".leaflet-tile-loaded")).not_to_have_count(0)
    page.locator(".swipe-control input").fill("20")
    expect(page.locator(".swipe-divider")).to_have_attribute("style", re.compile(r"left: 1\d\d(\.\d+)?px"))
    page.select_option("select[name=constructionState]", "completed")
    page.fill("input[name=currentUse]", "厂房")
    page.set_input_files("input[name=photos]", str(photo_path))
    page.click("text=提交核查")
    expect(page.locator(".toolbar .status")).to_have_text("已核查")
    expect(page.locator(".photos img")).to_have_count(1)
    page.select_option("select[name=subtype]", "WF01")
    page.fill("textarea[name=note]", "未批先建")
    page.screenshot(path=str(shots / "patch-verified.png"), full_page=True)
    page.click("text=提交市级审核")
    expect(page.locator(".toolbar .status")).to_have_text("待审核")

    page.goto(base + "/#/patches/2024M05/B1")
    expect(page.locator("main .error")).to_contain_text("不在您的辖区内")

    page.click("#sign-out")
    sign_in(page, base, "city")
    page.goto(base + "/#/patches/2024M05/A1")
    expect(page.locator(".step h2")).to_have_text("市级审核")
    page.click("button[value=approve]")
    expect(page.locator(".toolbar .status")).to_have_text("已审核")
    expect(page.locator("ol.history li")).to_have_count(4)
    page.screenshot(path=str(shots / "patch-approved.png"), full_page=True)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"browser walk failed: {error}", file=sys.stderr)
        sys.exit(1)

"""Browser test of the 视频告警 pages: a tower camera of 东岭县 has watched a field for fifteen days and a
new structure stands there from day 9, so the fifteenth pass raised an alarm (persistence 7). The camera operator
opens the alarm queue, looks at the alarm beside the preset's reference with the place boxed,
confirms it as a patch handed to the county, follows the link to that patch and finds the camera
frames as its evidence.

Run by `make test` (scripts/browser-test.sh). The frames are generated here (value noise written as
ASCII grids and turned into PNG by gdal_translate), so the test needs no shared data.
"""
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from harness import PASSWORD, run, serving, workspace

WIDTH, HEIGHT = 320, 240


def ground(x, y, lattice):
    """Smooth value noise on an 8-pixel lattice: texture everywhere, nothing repeating."""
    u, v = x / 8, y / 8
    i, j = int(u), int(v)
    fu, fv = u - i, v - j
    top = lattice[j][i] * (1 - fu) + lattice[j][i + 1] * fu
    bottom = lattice[j + 1][i] * (1 - fu) + lattice[j + 1][i + 1] * fu
    return 60 + 120 * (top * (1 - fv) + bottom * fv)


def write_frame(path, day, lattice):
    """Day `day`'s view: the same ground with sensor noise, and from day 8 a checkerboard structure
    (a new roof) in the square x 120–192, y 96–168."""
    noise = random.Random(day)
    rows = []
    for y in range(HEIGHT):
        row = []
        for x in range(WIDTH):
            if day >= 8 and 120 <= x < 192 and 96 <= y < 168:
                value = 60 if (x // 6 + y // 6) % 2 == 0 else 180
            else:
                value = ground(x, y, lattice)
            row.append(str(max(0, min(255, round(value + noise.uniform(-2, 2))))))
        rows.append(" ".join(row))
    grid = path.with_suffix(".asc")
    grid.write_text(f"ncols {WIDTH}\nnrows {HEIGHT}\nxllcorner 0\nyllcorner 0\ncellsize 1\n" + "\n".join(rows) + "\n")
    subprocess.run(["gdal_translate", "-q", "-ot", "Byte", "-of", "PNG", str(grid), str(path)], check=True)
    grid.unlink()
    Path(str(path) + ".aux.xml").unlink(missing_ok=True)


def tower(folder, ws):
    """Camera TW-01 of 东岭县 with preset 1 calibrated over the patches' area, and fifteen daily passes."""
    control = folder / "cp.csv"
    control.write_text("x,y,lon,lat\n" + "\n".join(f"{x},{y},{113.9 + x * 1e-5:.6f},{23.2035 - y * 1e-5:.6f}"
                                                   for x, y in [(0, 0), (320, 0), (320, 240), (0, 240)]) + "\n")
    run("cameras", "add", "--id", "TW-01", "--name", "东岭南铁塔", "--lon", "113.9016", "--lat", "23.2005", "--height", "40",
        "--region", "449901", "-w", ws)
    run("cameras", "preset", "TW-01", "--preset", "1", "--control-points", str(control), "-w", ws)
    frames = folder / "frames"
    frames.mkdir()
    rng = random.Random(17)
    lattice = [[rng.random() for _ in range(WIDTH // 8 + 2)] for _ in range(HEIGHT // 8 + 2)]
    for day in range(15):
        write_frame(frames / f"202404{day + 1:02d}_100000.png", day, lattice)
    run("cameras", "ingest", "TW-01", "--preset", "1", *sorted(str(p) for p in frames.glob("*.png")), "-w", ws)


def main():
    folder = Path(tempfile.mkdtemp(prefix="landwatch-cameras-"))
    shots = Path(os.environ.get("SCREENSHOTS", folder / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    ws = workspace(folder, [("camera", "camera-operator", "449901")])
    tower(folder, ws)
    with serving(ws) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="zh-CN", timezone_id="Asia/Shanghai")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        walk(page, base, shots)
        assert not errors, f"JavaScript errors: {errors}"
        browser.close()
    print(f"camera walk passed; screenshots in {shots}")


def walk(page, base, shots):
    page.goto(base + "/#/login")
    page.fill("input[name=username]", "camera")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page.locator("#who")).to_contain_text("camera")
    page.click("nav >> text=视频告警")
    expect(page.locator("#alarm-count")).to_have_text("共 1 条")
    expect(page.locator(".alarm-list tbody tr")).to_have_count(1)
    expect(page.locator(".tile.alarm .tile-value")).to_have_text("1")
    page.screenshot(path=str(shots / "alarms.png"), full_page=True)

    page.click(".alarm-list tbody tr")
    expect(page.locator(".toolbar h1")).to_have_text("A-TW-01-1-20240415100000-1")
    # The place is boxed on the reference and on the alarm's frame, both drawn once the images load.
    expect(page.locator(".frame-box rect.alarm")).to_have_count(2)
    for image in page.locator(".frame-box img").all():
        assert image.evaluate("img => img.complete && img.naturalWidth === 320"), "a frame did not load"
    # The ground polygon and the tower.
    expect(page.locator(".alarm-map path.leaflet-interactive")).to_have_count(2)
    expect(page.locator(".alarm-map .leaflet-tooltip")).to_have_text("TW-01 东岭南铁塔")
    page.screenshot(path=str(shots / "alarm.png"), full_page=True)

    page.fill("textarea[name=note]", "现场新建彩钢房")
    page.click("button[value=confirmed]")
    expect(page.locator(".toolbar .alarm-status")).to_have_text("已确认")
    expect(page.locator(".made-patch")).to_contain_text("CAM-202404 / A-TW-01-1-20240415100000-1")

    page.click(".made-patch a")
    expect(page.locator(".detail h1")).to_have_text("A-TW-01-1-20240415100000-1")
    expect(page.locator(".toolbar .status")).to_have_text("待核查")
    expect(page.locator(".camera-evidence")).to_be_visible()
    expect(page.locator(".camera-evidence .frame-box rect.patch")).to_have_count(2)
    page.screenshot(path=str(shots / "camera-patch.png"), full_page=True)

    page.goto(base + "/#/alarms?status=confirmed")
    expect(page.locator(".alarm-list tbody tr")).to_have_count(1)
    expect(page.locator(".alarm-list .alarm-status")).to_have_text("已确认")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"camera walk failed: {error}", file=sys.stderr)
        sys.exit(1)

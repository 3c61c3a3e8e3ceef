"""Browser test of the offline field app (外业核查 PWA): Debian's headless chromium (through Playwright) on
a phone-sized screen drives the real `landwatch serve` on loopback. A county officer downloads the
tasks and imagery tiles, goes offline, reloads the page (the service worker answers), verifies two
patches with photos into the outbox; meanwhile a colleague verifies one of them through the API. Back
online, 同步 sends the first and shows the second as 冲突, still in the outbox; the officer reviews the
latest state and resubmits it explicitly.

Run by `make test` (scripts/browser-test.sh) after walk.py. $LANDWATCH_BIN names the binary (default: the
debug build); $LANDWATCH_WEB_DIR, when set, serves the web UI from that folder instead of the bundled copy
(UI work without rebuilding). Screenshots land in $SCREENSHOTS (default: a temporary folder); a few are
kept in docs/screenshots for the user guide.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from harness import LANDWATCH, PASSWORD, photo, serving, workspace

BATCH = "2024M05"
# Inside patch A1 (harness.patches_geojson: 0.001° squares from 113.900°E 23.200°N, 0.002° apart).
POSITION = {"latitude": 23.2004, "longitude": 113.9004, "accuracy": 8}


def main():
    folder = Path(tempfile.mkdtemp(prefix="landwatch-offline-"))
    shots = Path(os.environ.get("SCREENSHOTS", folder / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    for name in ("a1", "a2"):
        photo(folder / f"{name}.jpg")
    ws = workspace(folder, [("dongling", "county-officer", "449901"), ("wang", "field-verifier", "449901")], batch=BATCH)
    token = subprocess.run([LANDWATCH, "users", "token", "wang", "--name", "offline-test", "-w", ws],
                           check=True, capture_output=True, text=True).stdout.strip()
    # Service workers need a secure context: http://127.0.0.1, like localhost, is one.
    with serving(ws) as base, sync_playwright() as p:
        colleague = Colleague(base, token)
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True, has_touch=True,
                                      locale="zh-CN", geolocation=POSITION, permissions=["geolocation"])
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        field_walk(context, page, base, shots, folder, colleague)
        assert not errors, f"JavaScript errors: {errors}"
        browser.close()
    print(f"offline field walk passed; screenshots in {shots}")


class Colleague:
    """Another officer of the county, changing patches through the API with a token (not the browser)."""

    def __init__(self, base, token):
        self.base, self.token = base, token

    def call(self, path, body=None):
        request = urllib.request.Request(self.base + path, data=json.dumps(body).encode() if body is not None else None,
                                         headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def patch(self, code):
        return self.call(f"/api/patches/{BATCH}/{code}")


def field_walk(context, page, base, shots, folder, colleague):
    # Signing in (online) leads back to the field page.
    page.goto(base + "/#/field")
    sign_in(page)
    expect(page.locator(".field .net")).to_have_text("在线")
    expect(page.locator("#nav-field")).to_be_visible()
    expect(page.locator(".app-cache")).to_contain_text("应用已缓存", timeout=15000)

    # 下载任务: the three open patches of 东岭县 (B1 is another county's) and their imagery tiles.
    page.click(".field .download")
    expect(page.locator(".field-progress")).to_have_text(re.compile(r"^影像切片：已下载 (\d+) / \1$"), timeout=60000)
    tiles = int(re.search(r"/ (\d+)", page.locator(".field-progress").inner_text()).group(1))
    assert tiles > 20, f"only {tiles} tiles downloaded"
    cached = page.evaluate("caches.open('landwatch-tiles').then((cache) => cache.keys()).then((keys) => keys.length)")
    assert cached == tiles, f"{cached} tiles cached, {tiles} downloaded"
    expect(page.locator(".task-list li.task")).to_have_count(3)
    expect(page.locator(".task-list")).to_contain_text("到期")
    expect(page.locator(".outbox-count")).to_have_text("待同步 0 条")
    page.screenshot(path=str(shots / "field-tasks.png"))

    # Offline: the reload is answered by the service worker, the page by IndexedDB.
    context.set_offline(True)
    response = page.reload()
    assert response is not None and response.from_service_worker, "the offline reload did not come from the service worker"
    expect(page.locator(".field .net")).to_have_text("离线")
    expect(page.locator(".task-list li.task")).to_have_count(3)
    expect(page.locator(".field .download")).to_be_disabled()
    # The service worker is offline too (a tile not downloaded fails), so the page really ran from caches.
    assert page.evaluate("fetch('/api/imagery/1/tiles/3/6/3.png').then(() => 'online', () => 'offline')") == "offline"
    # An office page says it needs the network; the app does not break.
    page.click("#nav a[href='#/']")
    expect(page.locator("main .error")).to_contain_text("离线，无法加载此页")
    page.click("main .error a[href='#/field']")

    verify_offline(page, shots, "A1", "已建成", "厂房", folder / "a1.jpg", screenshot="field-form.png")
    expect(page.locator(".outbox-count")).to_have_text("待同步 1 条")
    verify_offline(page, shots, "A2", "在建", "仓库", folder / "a2.jpg")
    expect(page.locator(".outbox-count")).to_have_text("待同步 2 条")
    expect(page.locator(".task-list")).to_contain_text("待同步")

    # Meanwhile a colleague verifies A2 through the API: its version moves on.
    seen = colleague.patch("A2")["version"]
    colleague.call(f"/api/patches/{BATCH}/A2/verifications", {"version": seen, "constructionState": "completed", "currentUse": "道路", "notes": "同事已核查"})
    assert colleague.patch("A2")["version"] > seen

    # Back online, 同步: A1 goes through with its photo; A2 is a conflict and stays in the outbox.
    context.set_offline(False)
    expect(page.locator(".field .net")).to_have_text("在线")
    # The session ended meanwhile: 同步 asks to sign in again, and the outbox is still there afterwards.
    context.clear_cookies()
    page.click(".field .sync")
    sign_in(page)
    expect(page.locator(".outbox-count")).to_have_text("待同步 2 条")
    page.click(".field .sync")
    expect(page.locator(".field-progress")).to_have_text("同步完成：成功 1 条，冲突 1 条（见上方，需您处理）", timeout=20000)
    expect(page.locator(".outbox-count")).to_have_text("待同步 1 条")
    conflict = page.locator("li.draft.conflict[data-code=A2]")
    expect(conflict).to_contain_text("冲突")
    expect(conflict).to_contain_text("图斑现为「已核查」")
    expect(conflict).to_contain_text("外业核查 · wang")
    page.screenshot(path=str(shots / "field-conflict.png"))
    a1 = colleague.patch("A1")
    assert a1["status"]["code"] == "verified", a1["status"]
    [mine] = a1["verifications"]
    assert mine["officer"] == "dongling" and len(mine["photos"]) == 1 and mine["form"]["currentUse"] == "厂房", mine
    assert mine["position"] is not None and mine["accuracyMetres"] == POSITION["accuracy"], mine
    assert [v["officer"] for v in colleague.patch("A2")["verifications"]] == ["wang"], "the conflicting draft was written"

    # 查看最新后重新提交: the latest state with the colleague's record, the draft kept, sent only on request.
    conflict.locator("button.review").click()
    expect(page.locator(".conflict-notice")).to_contain_text("wang：已建成 道路 同事已核查")
    expect(page.locator("input[name=currentUse]")).to_have_value("仓库")
    expect(page.locator(".field-form .photos img")).to_have_count(1)
    page.screenshot(path=str(shots / "field-review.png"), full_page=True)
    page.click(".field-form button[type=submit]")
    expect(page.locator(".outbox-count")).to_have_text("待同步 0 条")
    expect(page.locator(".task-list li.task", has_text="A2")).to_contain_text("已同步")
    a2 = colleague.patch("A2")
    assert [v["officer"] for v in a2["verifications"]] == ["wang", "dongling"], a2["verifications"]
    assert len(a2["verifications"][1]["photos"]) == 1
    page.screenshot(path=str(shots / "field-synced.png"))


def sign_in(page):
    """Fills the sign-in form the app has sent us to; it leads back to the field page."""
    page.fill("input[name=username]", "dongling")
    page.fill("input[name=password]", PASSWORD)
    page.click("form.login button[type=submit]")
    expect(page).to_have_url(re.compile(r"#/field$"))


def verify_offline(page, shots, code, state, use, photo_path, screenshot=None):
    """Opens the patch from the task list, fills the form with a photo and saves it into the outbox."""
    page.click(f".task-list a:has(.code:text-is('{code}'))")
    expect(page.locator(".field-patch h1")).to_have_text(code)
    # A1 carries an AI candidate's change type (harness.patches_geojson); the others none.
    if code == "A1":
        expect(page.locator(".field-patch dl.pairs")).to_contain_text("变化类型新增建设")
    else:
        expect(page.locator(".field-patch dl.pairs")).not_to_contain_text("变化类型")
    expect(page.locator(".field-patch .net")).to_have_text("离线")
    expect(page.locator(".field-patch .leaflet-tile-loaded")).not_to_have_count(0)
    expect(page.locator(".field-patch .position")).to_contain_text("我的位置 ±8 米")
    page.select_option("select[name=constructionState]", label=state)
    page.fill("input[name=currentUse]", use)
    page.fill("input[name=builder]", "某公司")
    page.fill("textarea[name=notes]", f"{code} 现场核查")
    page.set_input_files("input[name=photos]", str(photo_path))
    expect(page.locator(".field-form .photos img")).to_have_count(1)
    expect(page.locator(".field-form .capture")).to_contain_text("±8 米")
    if screenshot:
        page.screenshot(path=str(shots / screenshot), full_page=True)
    page.click(".field-form button[type=submit]")
    expect(page.locator(".task-list")).to_be_visible()


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"offline field walk failed: {error}", file=sys.stderr)
        sys.exit(1)

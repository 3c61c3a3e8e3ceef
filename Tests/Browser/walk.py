"""Browser test: Debian's headless chromium (through Playwright) drives the real `landwatch serve` on
loopback through the office walk: sign in, filter the list, open a patch, verify it with a photo,
determine it, sign in as the city and approve it; another county's patch is refused; the case officer
files the illegal patch as a case, decides it, records the payment, hands in and accepts the
rectification evidence and closes the case.

Run by `make test` (scripts/browser-test.sh). Screenshots land in $SCREENSHOTS (default: a temporary
folder); a few are kept in docs/screenshots for the user guide.
"""
import os
import re
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import expect, sync_playwright

from harness import PASSWORD, photo, serving, workspace


def main():
    folder = Path(tempfile.mkdtemp(prefix="landwatch-browser-"))
    shots = Path(os.environ.get("SCREENSHOTS", folder / "screenshots"))
    shots.mkdir(parents=True, exist_ok=True)
    photo(folder / "site.jpg")
    ws = workspace(folder, [("dongling", "county-officer", "449901"), ("city", "city-reviewer", "449900"),
                            ("cases", "case-officer", "449900")])
    with serving(ws) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        walk(page, base, shots, folder / "site.jpg")
        assert not errors, f"JavaScript errors: {errors}"
        browser.close()
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
    page.click("details.delivered summary")
    expect(page.locator("details.delivered dt")).to_have_text(["变化类型", "后时相", "图斑编号", "行政区划代码", "置信度"])
    expect(page.locator("details.delivered dd")).to_have_text(["新增建设", "2024-03-20", "A1", "449901", "87.0%"])
    page.locator("details.delivered").screenshot(path=str(shots / "patch-delivered-fields.png"))
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

    page.click("#sign-out")
    sign_in(page, base, "cases")
    file_and_close_case(page, shots, photo_path)


def file_and_close_case(page, shots, photo_path):
    """立案 from the approved illegal patch, 处罚决定 with one measure, 缴款, 整改佐证, 验收, 结案."""
    page.goto(page.url.split("#")[0] + "#/patches/2024M05/A1")
    page.click("a.button:has-text('立案')")
    expect(page.locator("textarea[name=patches]")).to_have_value("2024M05/A1")
    page.fill("input[name=number]", "449901-2024-001")
    page.fill("input[name=parties]", "某建材有限公司")
    page.click("form.file-case button[type=submit]")
    expect(page.locator(".case .toolbar h1")).to_have_text("449901-2024-001")
    expect(page.locator(".case-status")).to_have_text("已立案")
    page.fill("input[name=fineYuan]", "12000")
    page.fill(".measure-row input[name=detail]", "拆除厂房并复耕")
    page.fill(".measure-row input[name=areaMu]", "1.5")
    page.click("text=作出处罚决定")
    expect(page.locator(".toolbar .case-status")).to_have_text("已处罚")
    page.fill("input[name=amountYuan]", "12000")
    page.click("text=登记缴款")
    expect(page.locator("dl.pairs")).to_contain_text("未缴 0.00 元")
    page.fill(".measure input[name=note]", "已拆除并复耕")
    page.set_input_files(".measure input[name=photos]", str(photo_path))
    page.click("text=提交佐证")
    expect(page.locator(".measure-status")).to_have_text("待验收")
    expect(page.locator(".evidence img")).to_have_count(1)
    page.click("button[value=accept]")
    expect(page.locator(".measure-status")).to_have_text("整改到位")
    page.screenshot(path=str(shots / "case-rectified.png"), full_page=True)
    page.click("form button:has-text('结案')")
    expect(page.locator(".toolbar .case-status")).to_have_text("已结案")
    expect(page.locator("ol.history li")).to_have_count(6)
    page.click("a:has-text('2024M05/A1')")
    expect(page.locator("dl.pairs").first).to_contain_text("整改到位")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as error:
        print(f"browser walk failed: {error}", file=sys.stderr)
        sys.exit(1)

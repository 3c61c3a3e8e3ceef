"""What the browser tests share: the landwatch binary, a workspace of four patches with before/after
imagery and users, and the server on a free loopback port."""
import json
import os
import socket
import subprocess
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

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
        # A1 also carries what `landwatch detect` writes for an AI candidate: its change type and confidence.
        extra = {"BHLX": "新增建设", "ZXD": 0.87} if code == "A1" else {}
        features.append({"type": "Feature", "properties": {"JCBH": code, "XZQDM": region, "HSX": "2024-03-20", **extra},
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


def workspace(folder, users, batch="2024M05"):
    """A workspace in folder/ws: the four patches imported and assigned, before/after imagery, and the
    users given as (name, role, jurisdiction) with PASSWORD."""
    ws = str(folder / "ws")
    patches_geojson(folder / "patches.geojson")
    run("init", ws)
    run("patches", "import", str(folder / "patches.geojson"), "--batch", batch, "--code-field", "JCBH",
        "--region-field", "XZQDM", "-w", ws)
    run("assign", "--batch", batch, "--due-days", "30", "--by", "省技术中心", "-w", ws)
    for phase, value in [("before", 90), ("after", 200)]:
        imagery(folder / f"{phase}.tif", value)
        run("imagery", "add", str(folder / f"{phase}.tif"), "--phase", phase, "--batch", batch, "-w", ws)
    for user, role, region in users:
        run("users", "add", user, "--role", role, "--jurisdiction", region, "-w", ws, env={"LANDWATCH_PASSWORD": PASSWORD})
    return ws


@contextmanager
def serving(ws):
    """`landwatch serve` on a free port until the block ends; yields its base URL. $LANDWATCH_WEB_DIR, when
    set, serves the web UI from that folder instead of the bundled copy (UI work without rebuilding)."""
    port = free_port()
    web = ["--web-directory", os.environ["LANDWATCH_WEB_DIR"]] if os.environ.get("LANDWATCH_WEB_DIR") else []
    server = subprocess.Popen([LANDWATCH, "serve", "-w", ws, "--port", str(port), *web], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)

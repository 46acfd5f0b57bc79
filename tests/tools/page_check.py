"""Shared by the report tests: opens a static page in headless Chromium (Debian's chromium) and
reports whether it loaded and whether every <img> it references rendered (complete, naturalWidth
> 0). A copy of the page with a small script beside it is loaded (same directory, so relative
image paths resolve); the script writes its verdict into the DOM, which --dump-dom prints."""
import os
import re
import shutil
import subprocess
import tempfile

MARKER = "mgg-image-check"
SCRIPT = """<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.images), bad = [];
  imgs.forEach(function (im) { if (!im.complete || im.naturalWidth === 0) bad.push(im.getAttribute('src')); });
  var p = document.createElement('pre');
  p.id = '%s';
  p.textContent = 'images ' + imgs.length + ' broken ' + bad.length + (bad.length ? ': ' + bad.join(' ') : '');
  document.body.appendChild(p);
});
</script>""" % MARKER


def chromium():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise AssertionError("no chromium: tools/setup.sh installs Debian's chromium package")
    return path


def check_page(page):
    """(number of images, list of broken image sources) of page as Chromium renders it; raises
    AssertionError when the page does not load or the check did not run."""
    with open(page) as f:
        text = f.read()
    assert "</body>" in text, f"{page} has no </body>"
    fd, probe = tempfile.mkstemp(suffix=".html", prefix=".check_", dir=os.path.dirname(os.path.abspath(page)))
    os.close(fd)
    try:
        with open(probe, "w") as f:
            f.write(text.replace("</body>", SCRIPT + "</body>"))
        with tempfile.TemporaryDirectory() as profile:
            proc = subprocess.run([chromium(), "--headless", "--disable-gpu", "--no-sandbox",
                                   "--disable-dev-shm-usage", f"--user-data-dir={profile}",
                                   "--allow-file-access-from-files", "--virtual-time-budget=10000",
                                   "--dump-dom", "file://" + os.path.abspath(probe)],
                                  capture_output=True, text=True, timeout=180)
    finally:
        os.remove(probe)
    m = re.search(r'<pre id="%s">images (\d+) broken (\d+)(?::([^<]*))?</pre>' % MARKER, proc.stdout)
    if not m:
        raise AssertionError(f"chromium did not load {page} (status {proc.returncode}):\n"
                             f"{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    broken = m.group(3).split() if m.group(3) else []
    assert len(broken) == int(m.group(2))
    return int(m.group(1)), broken


def image_sources(page):
    """The src of every <img> of a page (as written in its HTML)."""
    with open(page) as f:
        return re.findall(r"<img [^>]*src='([^']*)'", f.read())

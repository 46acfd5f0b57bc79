"""Figures (PNG and PDF) and CSV tables of the subcommands, written into one directory."""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def figure(*args, **kwargs):
    return plt.subplots(*args, **kwargs)


def save_figure(fig, out, name):
    """Writes out/name.png and out/name.pdf; returns their paths."""
    os.makedirs(out, exist_ok=True)
    fig.tight_layout()
    paths = [os.path.join(out, f"{name}.{ext}") for ext in ("png", "pdf")]
    for path in paths:
        fig.savefig(path, dpi=150)
    plt.close(fig)
    return paths


def write_csv(out, name, header, rows):
    """Writes out/name.csv with a header row; returns its path."""
    os.makedirs(out, exist_ok=True)
    path = os.path.join(out, f"{name}.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")  # not csv's \r\n: awk and diff read the files
        w.writerow(header)
        for row in rows:
            w.writerow([_fmt(v) for v in row])
    return path


def _fmt(v):
    if isinstance(v, float):
        return f"{v:.8g}"
    try:
        import numpy as np
        if isinstance(v, np.floating):
            return f"{float(v):.8g}"
        if isinstance(v, np.integer):
            return int(v)
    except ImportError:
        pass
    return v
